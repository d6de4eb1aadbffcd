#!/usr/bin/env bash
# Install what kplay needs on a fresh Debian machine (as root): Debian packages for the lab and the Ansible
# comparison tests, the npm packages, and the build. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(systemd-container mmdebstrap openssh-client openssh-server rpm createrepo-c ansible-core ansible python3-apt python3-netaddr python3-jmespath iproute2 procps psmisc sudo postgresql-15 dpkg-dev chromium)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "kplay setup: missing Debian packages (${missing[*]}); run as root to install them" >&2; exit 1; fi
  echo "kplay setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build

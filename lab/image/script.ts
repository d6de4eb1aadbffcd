// The image's customize step, run by mmdebstrap on the machine with the new root as $1, a work dir as $2 and the
// Debian lab repository as $3: EL-like tweaks, lab users, and the lab RPMs built from files moved out of the Debian
// packages of the image or unpacked from the repository's.
import { quote } from '../../engine/core/quote.js';
import type { ElOs } from '../types.js';
import { specText as specFor, type LabPackage } from './lab-package.js';
import { rpmDbPath } from './base-packages.js';
import { labPackages } from './packages.js';

const LAB_OSES: readonly ElOs[] = ['el8', 'el7'];

const PRELUDE = String.raw`set -eu
R=$1; W=$2; D=$3; S=$W/stash
mkdir -p "$S"
RLEN=$(printf '%s' "$R" | wc -c)
# every host gets its own key at start-up: none may be shared through the image
rm -f "$R"/etc/ssh/ssh_host_*
cat > "$R/etc/ssh/sshd_config.d/kplay-lab.conf" <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxSessions 64
MaxStartups 200:30:400
UseDNS no
# EL 8's OpenSSH has no sntrup761 either; curve25519 halves the CPU cost of a new connection
KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256
CONF
# EL names for the package tool and the platform python Ansible looks for
ln -sf dnf "$R/usr/bin/yum"
mkdir -p "$R/usr/libexec"
ln -sf /usr/bin/python3 "$R/usr/libexec/platform-python"
rm -f "$R/etc/debian_version"
# users: deploy (passwordless sudo), ops (sudo with the password the lab sets); '*' = no password, not locked
chroot "$R" useradd -m -s /bin/bash deploy
chroot "$R" useradd -m -s /bin/bash ops
chroot "$R" usermod -p '*' deploy
chroot "$R" usermod -p '*' ops
printf 'deploy ALL=(ALL) NOPASSWD: ALL\nops ALL=(ALL) ALL\n' > "$R/etc/sudoers.d/kplay-lab"
# the group EL's openssh-server makes for its host keys (hardening roles chgrp the keys to it); one image, so
# Debian hosts have it too
chroot "$R" groupadd -r ssh_keys
chmod 0440 "$R/etc/sudoers.d/kplay-lab"
# libvirt inside a container: qemu cannot create v1 cgroup controllers on a read-only /sys/fs/cgroup
printf '\ncgroup_controllers = [ ]\n' >> "$R/etc/libvirt/qemu.conf"
rm -f "$R"/etc/libvirt/qemu/networks/autostart/*.xml
# quick, quiet boots: no timers, no scrubbing
rm -f "$R"/etc/systemd/system/timers.target.wants/*
rm -f "$R/etc/systemd/system/multi-user.target.wants/e2scrub_reap.service"
# no name server: sudo and sshd must not wait for DNS
rm -f "$R/etc/resolv.conf"
: > "$R/etc/resolv.conf"
mkdir -p "$R/etc/yum.repos.d" "$R/etc/dnf/vars"
gate() {  # gate PACKAGE GLOB: move matching files of the image into the package's payload
  for f in "$R"$2; do
    [ -e "$f" ] || [ -L "$f" ] || continue
    rel=$(printf '%s\n' "$f" | cut -c "$((RLEN + 1))-")
    mkdir -p "$S/$1$(dirname "$rel")"
    mv "$f" "$S/$1$rel"
  done
}
unpack() {  # unpack PACKAGE DEBIAN-PACKAGE: the files of the repository's .deb of that name into the payload
  set -- "$1" "$D/$2"_*.deb
  [ -f "$2" ] || { echo "no $2 in the Debian lab repository" >&2; exit 1; }
  dpkg-deb -x "$2" "$S/$1"
}
extra() {  # extra PACKAGE PATH MODE CONTENT: a small file (or symlink when MODE is link) in the payload
  mkdir -p "$S/$1$(dirname "$2")"
  if [ "$3" = link ]; then ln -sfn "$4" "$S/$1$2"; else printf '%s' "$4" > "$S/$1$2"; chmod "$3" "$S/$1$2"; fi
}
`;

const POSTLUDE = String.raw`# Debian's packages enabled their units; installing the EL package must not enable or start anything
find "$R/etc/systemd/system" -type l \( -name 'libvirt*' -o -name 'virtlo*' \) -delete
for os in ${LAB_OSES.join(' ')}; do
  for list in "$S/$os"/*.list; do
    pkg=$(basename "$list" .list)
    # a file under /etc is configuration, kept when changed (as EL's packages mark theirs)
    (cd "$S/$os/$pkg" && find . \( -type f -o -type l \) | sed 's|^\.||; s|^/etc/|%config(noreplace) /etc/|' | sort) > "$S/$os/$pkg.files"
    rpmbuild --quiet --define "_topdir $W/rpm-$os" --define "kplay_stash $S/$os" -bb "$W/specs/$os/$pkg.spec" >/dev/null
  done
  mkdir -p "$R/srv/kplay-repo/$os"
  cp "$W/rpm-$os"/RPMS/*/*.rpm "$R/srv/kplay-repo/$os/"
  createrepo_c -q "$R/srv/kplay-repo/$os"
done
`;

function packageCommands(os: ElOs, pkgs: readonly LabPackage[], firstOs: readonly LabPackage[]): string[] {
  const out: string[] = [];
  pkgs.forEach((p, i) => {
    const key = `${os}/${p.name}`;
    out.push(`mkdir -p "$S/${key}" && : > "$S/${key}.list"`);
    const first = firstOs[i];
    if (os === LAB_OSES[0] || first === undefined) {
      for (const g of p.gate) out.push(`gate ${quote(key)} ${quote(g)}`);
      out.push(...debCommands(key, p));
    } else if (p.gate.length > 0 || (p.debs ?? []).length > 0) {
      // the files were moved for the first release already: same payload under this release's name
      out.push(`cp -a "$S/${LAB_OSES[0]}/${first.name}/." "$S/${key}/"`);
    }
    for (const [path, mode, content] of p.extra) out.push(`extra ${quote(key)} ${quote(path)} ${quote(mode)} ${quote(content)}`);
  });
  return out;
}

/** A payload from Debian packages: unpacked, then laid out as EL ships it. */
function debCommands(key: string, p: LabPackage): string[] {
  const at = (path: string): string => `"$S/"${quote(key + path)}`;
  return [
    ...(p.debs ?? []).map((d) => `unpack ${quote(key)} ${quote(d)}`),
    ...(p.moves ?? []).map(([from, to]) => `mkdir -p "$(dirname ${at(to)})" && mv ${at(from)} ${at(to)}`),
    ...(p.drop ?? []).map((path) => `rm -rf ${at(path)}`),
    ...(p.edits ?? []).map(([path, script]) => `sed -i ${quote(script)} ${at(path)}`),
  ];
}

/** The release's rpm database, with the packages every EL host already has recorded as installed. */
function rpmDbCommands(os: ElOs, pkgs: readonly LabPackage[]): string[] {
  const db = quote(rpmDbPath(os));
  const rpms = pkgs.filter((p) => p.preinstalled).map((p) => `"$W/rpm-${os}/RPMS/noarch/"${quote(`${p.name}-${p.version}-${p.release}.noarch.rpm`)}`);
  return [
    `mkdir -p "$R"${db}`,
    `rpm --root "$R" --dbpath ${db} --initdb`,
    ...(rpms.length > 0 ? [`rpm --root "$R" --dbpath ${db} --install --justdb --nodeps --noscripts ${rpms.join(' ')}`] : []),
  ];
}

/** The whole script: stable text for a given recipe (its hash keys the image cache). */
export function customizeScript(): string {
  const first = labPackages(LAB_OSES[0] ?? 'el8');
  const parts = [PRELUDE];
  for (const os of LAB_OSES) parts.push(...packageCommands(os, labPackages(os), first));
  parts.push(POSTLUDE);
  for (const os of LAB_OSES) parts.push(...rpmDbCommands(os, labPackages(os)));
  return parts.join('\n');
}

/** Spec files to write under WORK/specs/<os>/<name>.spec. */
export function specFiles(): Array<{ os: ElOs; name: string; text: string }> {
  return LAB_OSES.flatMap((os) => labPackages(os).map((p) => ({ os, name: p.name, text: specFor(p) })));
}


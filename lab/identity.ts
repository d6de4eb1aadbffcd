// What a lab host says it is: EL 8 (Rocky-like) or EL 7 (CentOS-like) release files and dnf settings, or Debian 12
// with apt pointed at the lab's local repository of real Debian packages.
import { rpmDbPath } from './image/base-packages.js';
import { DEBREPO_IN_HOST } from './image/debrepo.js';
import type { LabOs } from './types.js';

export interface Identity {
  /** path -> content, written into the lab layer. */
  files: Array<[string, string]>;
  /** Paths of the shared image this OS does not have, hidden from its hosts by the lab layer. */
  hidden?: readonly string[];
}

const ROCKY8 = `NAME="Rocky Linux"
VERSION="8.9 (Green Obsidian)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="8.9"
PLATFORM_ID="platform:el8"
PRETTY_NAME="Rocky Linux 8.9 (Green Obsidian)"
ANSI_COLOR="0;32"
LOGO="fedora-logo-icon"
CPE_NAME="cpe:/o:rocky:rocky:8:GA"
HOME_URL="https://rockylinux.org/"
BUG_REPORT_URL="https://bugs.rockylinux.org/"
SUPPORT_END="2029-05-31"
ROCKY_SUPPORT_PRODUCT="Rocky-Linux-8"
ROCKY_SUPPORT_PRODUCT_VERSION="8.9"
REDHAT_SUPPORT_PRODUCT="Rocky Linux"
REDHAT_SUPPORT_PRODUCT_VERSION="8.9"
`;

const CENTOS7 = `NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:centos:centos:7"
HOME_URL="https://www.centos.org/"
BUG_REPORT_URL="https://bugs.centos.org/"

CENTOS_MANTISBT_PROJECT="CentOS-7"
CENTOS_MANTISBT_PROJECT_VERSION="7"
REDHAT_SUPPORT_PRODUCT="centos"
REDHAT_SUPPORT_PRODUCT_VERSION="7"
`;

const DEBIAN12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

function debianIdentity(): Identity {
  return {
    files: [
      ['/etc/os-release', DEBIAN12],
      ['/usr/lib/os-release', DEBIAN12],
      ['/etc/debian_version', '12.8\n'],
      // the mirror the image was built from is not reachable from a lab host: only the lab's repository
      ['/etc/apt/sources.list', '# kplay lab: packages come from the lab repository (sources.list.d/kplay-lab.list)\n'],
      ['/etc/apt/sources.list.d/kplay-lab.list', `deb [trusted=yes] file:${DEBREPO_IN_HOST} ./\n`],
    ],
    // the rpm the EL hosts use: a Debian host has neither the tool nor its Python bindings (with both, Ansible's
    // package_facts picks rpm or apt at random)
    hidden: ['/usr/bin/rpm', '/usr/lib/python3/dist-packages/rpm'],
  };
}

export function identityFor(os: LabOs): Identity {
  if (os === 'debian12') return debianIdentity();
  const el8 = os === 'el8';
  const osRelease = el8 ? ROCKY8 : CENTOS7;
  const release = el8 ? 'Rocky Linux release 8.9 (Green Obsidian)\n' : 'CentOS Linux release 7.9.2009 (Core)\n';
  const repo = `[kplay-lab]\nname=kplay lab packages (${os})\nbaseurl=file:///srv/kplay-repo/${os}\nenabled=1\ngpgcheck=0\nmetadata_expire=never\n`;
  return {
    files: [
      ['/etc/os-release', osRelease],
      ['/usr/lib/os-release', osRelease],
      ['/etc/redhat-release', release],
      ['/etc/system-release', release],
      [el8 ? '/etc/rocky-release' : '/etc/centos-release', release],
      ['/etc/yum.repos.d/kplay-lab.repo', repo],
      ['/etc/dnf/vars/releasever', el8 ? '8\n' : '7\n'],
      // the release's rpm database, where the image records what a minimal EL install has (Debian's rpm keeps
      // root's own under ~/.rpmdb; EL keeps one for every user)
      ['/etc/rpm/macros.kplay-lab', `%_dbpath ${rpmDbPath(os)}\n`],
    ],
  };
}

// The distribution, platform and manager facts from the script's sections, deciding names as Ansible does.
import { dict, ownValue } from '../core/dict.js';
import { SECTION } from './script.js';

/** The script's sections by name (text without the header lines). */
export function splitSections(output: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let lines: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith(SECTION)) {
      if (name !== undefined) out.set(name, lines.join('\n').trim());
      name = line.slice(SECTION.length).trim();
      lines = [];
    } else if (name !== undefined) lines.push(line);
  }
  return out;
}

/** /etc/os-release's KEY=value lines, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = dict();
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let v = (m[2] ?? '').trim();
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1).replace(/\\(["$`\\])/g, '$1');
    out[m[1] ?? ''] = v;
  }
  return out;
}

/** os-release ID -> Ansible's ansible_distribution. */
const DISTRIBUTION_NAMES: Readonly<Record<string, string>> = {
  rhel: 'RedHat',
  centos: 'CentOS',
  rocky: 'Rocky',
  almalinux: 'AlmaLinux',
  ol: 'OracleLinux',
  fedora: 'Fedora',
  amzn: 'Amazon',
  debian: 'Debian',
  ubuntu: 'Ubuntu',
  raspbian: 'Raspbian',
  linuxmint: 'Linux Mint',
  alpine: 'Alpine',
  arch: 'Archlinux',
  sles: 'SLES',
  'opensuse-leap': 'openSUSE Leap',
  'opensuse-tumbleweed': 'openSUSE Tumbleweed',
};

/** Ansible's OS_FAMILY_MAP, the part that matters here. */
const FAMILY_OF: Readonly<Record<string, string>> = {
  RedHat: 'RedHat',
  CentOS: 'RedHat',
  Rocky: 'RedHat',
  AlmaLinux: 'RedHat',
  OracleLinux: 'RedHat',
  Fedora: 'RedHat',
  Amazon: 'RedHat',
  Debian: 'Debian',
  Ubuntu: 'Debian',
  Raspbian: 'Debian',
  'Linux Mint': 'Debian',
  Alpine: 'Alpine',
  Archlinux: 'Archlinux',
  SLES: 'Suse',
  'openSUSE Leap': 'Suse',
  'openSUSE Tumbleweed': 'Suse',
};

function familyFromIdLike(idLike: string): string | undefined {
  const ids = idLike.split(/\s+/);
  if (ids.some((i) => ['rhel', 'centos', 'fedora'].includes(i))) return 'RedHat';
  if (ids.some((i) => ['debian', 'ubuntu'].includes(i))) return 'Debian';
  if (ids.some((i) => i.startsWith('suse'))) return 'Suse';
  return undefined;
}

function distributionOf(osr: Record<string, string>, redhatRelease: string): string {
  const id = (osr.ID ?? '').toLowerCase();
  // own keys only: a host whose ID is `constructor` names no distribution of ours
  const known = ownValue(DISTRIBUTION_NAMES, id);
  if (known) return known;
  if (id !== '') return id.charAt(0).toUpperCase() + id.slice(1);
  // no os-release (very old hosts): the release file names the distribution
  if (/^CentOS/i.test(redhatRelease)) return 'CentOS';
  if (/^Red Hat/i.test(redhatRelease)) return 'RedHat';
  if (/^Rocky/i.test(redhatRelease)) return 'Rocky';
  return 'Unknown';
}

/**
 * As Ansible: EL's full version from /etc/redhat-release (7.9); elsewhere the most precise of os-release's
 * VERSION_ID, lsb_release's Release and, where the host's python3-distro reads it, /etc/debian_version (python's
 * distro, best=True): Debian 12 is 12 on a bare host, 12.8 where python3-distro is installed.
 */
function versionOf(family: string, osr: Record<string, string>, redhatRelease: string, lsbRelease: string, debianVersion: string): string {
  if (family === 'RedHat') {
    const m = /release\s+(\d+(?:\.\d+)?)/.exec(redhatRelease);
    if (m?.[1]) return m[1];
  }
  const candidates = [osr.VERSION_ID ?? '', /^\d+(\.\d+)*$/.test(lsbRelease) ? lsbRelease : '', debianVersion].filter((v) => v !== '');
  return candidates.reduce((best, v) => (v.split('.').length > best.split('.').length ? v : best), candidates[0] ?? '');
}

/** Ansible's choice: on EL >= 8 (Fedora >= 22) dnf when /usr/bin/dnf exists, yum before; apt on Debian. */
export function pkgMgrOf(family: string, distribution: string, major: number, tools: readonly string[]): string {
  const has = (t: string): boolean => tools.some((p) => p.endsWith(`/${t}`));
  if (family === 'RedHat') {
    const dnfEra = distribution === 'Fedora' ? major >= 22 : major >= 8;
    if (dnfEra) return has('dnf') ? 'dnf' : has('yum') ? 'yum' : 'unknown';
    return has('yum') ? 'yum' : has('dnf') ? 'dnf' : 'unknown';
  }
  if (family === 'Debian') return has('apt-get') ? 'apt' : 'unknown';
  if (family === 'Suse') return has('zypper') ? 'zypper' : 'unknown';
  if (family === 'Alpine') return has('apk') ? 'apk' : 'unknown';
  if (family === 'Archlinux') return has('pacman') ? 'pacman' : 'unknown';
  for (const [tool, mgr] of [['dnf', 'dnf'], ['yum', 'yum'], ['apt-get', 'apt'], ['zypper', 'zypper'], ['apk', 'apk'], ['pacman', 'pacman']] as const) {
    if (has(tool)) return mgr;
  }
  return 'unknown';
}

/** Ansible's service_mgr on Linux: systemd when booted with it, else what PID 1 is. */
export function serviceMgrOf(init: string): string {
  const lines = init.split('\n').map((l) => l.trim());
  if (lines.includes('systemd-booted') || lines[0] === 'systemd') return 'systemd';
  const comm = lines[0] ?? '';
  if (comm === 'init') return 'sysvinit';
  if (comm === 'openrc-init') return 'openrc';
  return comm === '' ? 'unknown' : comm;
}

/** distribution, its version, major version, release and os_family, from os-release and the release files. */
export function distributionFacts(osReleaseText: string, redhatRelease: string, debianVersion: string, lsbRelease = ''): Record<string, string> {
  const osr = parseOsRelease(osReleaseText);
  const distribution = distributionOf(osr, redhatRelease);
  const os_family = ownValue(FAMILY_OF, distribution) ?? familyFromIdLike(osr.ID_LIKE ?? '') ?? distribution;
  const [debianFirst = '', ...debianRest] = debianVersion.split('\n').map((l) => l.trim());
  const precise = debianRest.includes('#distro') && osr.ID === 'debian' && /^\d+(\.\d+)*$/.test(debianFirst) ? debianFirst : '';
  const distribution_version = versionOf(os_family, osr, redhatRelease, lsbRelease, precise);
  const releaseFromFile = /\(([^)]+)\)/.exec(redhatRelease)?.[1] ?? /\(([^)]+)\)/.exec(osr.VERSION ?? '')?.[1];
  return {
    distribution,
    distribution_version,
    distribution_major_version: distribution_version.split('.')[0] ?? '',
    distribution_release: osr.VERSION_CODENAME || releaseFromFile || '',
    os_family,
    // Debian's minor version from /etc/debian_version, as Ansible's Debian distribution file parser
    ...(distribution === 'Debian' && /(\d+)\.(\d+)/.test(debianFirst) ? { distribution_minor_version: /(\d+)\.(\d+)/.exec(debianFirst)?.[2] ?? '' } : {}),
  };
}

/** system, kernel, machine, architecture, host names and machine id, from the `uname` section. */
export function platformFacts(uname: string): Record<string, string> {
  const [system = '', kernel = '', kernelVersion = '', machine = '', nodename = '', fqdnLine = '', bits = '', machineId = ''] = uname.split('\n').map((l) => l.trim());
  const fqdn = fqdnLine || nodename;
  const architecture = /^i[3-6]86$/.test(machine) ? 'i386' : machine;
  const out: Record<string, string> = {
    system,
    kernel,
    kernel_version: kernelVersion,
    machine,
    architecture,
    nodename,
    hostname: nodename.split('.')[0] ?? '',
    fqdn,
    domain: fqdn.split('.').slice(1).join('.'),
    userspace_bits: bits,
  };
  if (machine === 'x86_64') out.userspace_architecture = bits === '32' ? 'i386' : 'x86_64';
  else if (architecture === 'i386') out.userspace_architecture = 'i386';
  if (machineId !== '') out.machine_id = machineId;
  return out;
}

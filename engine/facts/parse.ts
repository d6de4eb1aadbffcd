// Turning the facts script's output into HostFacts, deciding names and package manager as Ansible does.
import { dict, ownValue } from '../core/dict.js';
import type { HostFacts } from '../core/facts.js';
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

/** As Ansible: EL's full version from /etc/redhat-release (7.9), Debian's from /etc/debian_version (12.5). */
function versionOf(family: string, osr: Record<string, string>, redhatRelease: string, debianVersion: string): string {
  if (family === 'RedHat') {
    const m = /release\s+(\d+(?:\.\d+)?)/.exec(redhatRelease);
    if (m?.[1]) return m[1];
  }
  if (osr.ID === 'debian' && /^\d+(\.\d+)*$/.test(debianVersion)) return debianVersion;
  return osr.VERSION_ID ?? '';
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

function serviceMgrOf(init: string): string {
  const lines = init.split('\n').map((l) => l.trim());
  if (lines.includes('systemd-booted') || lines[0] === 'systemd') return 'systemd';
  const comm = lines[0] ?? '';
  if (comm === 'init') return 'sysvinit';
  if (comm === 'openrc-init') return 'openrc';
  return comm === '' ? 'unknown' : comm;
}

function field(text: string, name: string): string {
  const m = new RegExp(`^${name}: ?(.*)$`, 'm').exec(text);
  return (m?.[1] ?? '').trim();
}

/** The parsed facts, plus what HostFacts has no field for (kept for ansible_facts). */
export interface ParsedFacts {
  readonly facts: HostFacts;
  readonly extra: {
    readonly distribution_release: string;
    readonly nodename: string;
    readonly processor_model: string;
    readonly processor_count: number;
    readonly user_uid: number;
  };
}

export function parseFactsOutput(output: string): ParsedFacts {
  const s = splitSections(output);
  const get = (k: string): string => s.get(k) ?? '';
  const osr = parseOsRelease(get('os-release'));
  const redhatRelease = get('redhat-release');
  const distribution = distributionOf(osr, redhatRelease);
  const os_family = ownValue(FAMILY_OF, distribution) ?? familyFromIdLike(osr.ID_LIKE ?? '') ?? distribution;
  const distribution_version = versionOf(os_family, osr, redhatRelease, get('debian-version'));
  const distribution_major_version = distribution_version.split('.')[0] ?? '';
  const [architecture = '', kernel = ''] = get('uname').split('\n');
  const nodename = get('nodename');
  const cpu = get('cpuinfo');
  const processor_flags = field(cpu, 'flags').split(/\s+/).filter((f) => f !== '');
  const memKb = Number(/MemTotal:\s*(\d+)/.exec(get('meminfo'))?.[1] ?? 0);
  const [userName = '', uid = ''] = get('user').split('\n');
  const releaseFromFile = /\(([^)]+)\)/.exec(redhatRelease)?.[1] ?? /\(([^)]+)\)/.exec(osr.VERSION ?? '')?.[1];
  return {
    facts: {
      os_family,
      distribution,
      distribution_version,
      distribution_major_version,
      pkg_mgr: pkgMgrOf(os_family, distribution, Number(distribution_major_version), get('pkg-tools').split('\n')),
      service_mgr: serviceMgrOf(get('init')),
      architecture: architecture.trim(),
      kernel: kernel.trim(),
      hostname: nodename.split('.')[0] ?? '',
      fqdn: get('fqdn').split('\n')[0]?.trim() || nodename,
      memtotal_mb: Math.floor(memKb / 1024),
      processor_vendor: field(cpu, 'vendor'),
      processor_flags,
      virtualization_flags: ['vmx', 'svm'].filter((f) => processor_flags.includes(f)),
      kvm_device: get('kvm') === 'yes',
      user_id: userName.trim(),
    },
    extra: {
      distribution_release: osr.VERSION_CODENAME || releaseFromFile || '',
      nodename,
      processor_model: field(cpu, 'model'),
      processor_count: Number(field(cpu, 'count') || 0),
      user_uid: Number(uid.trim() || -1),
    },
  };
}

/** HostFacts from the script's output. */
export function parseFacts(output: string): HostFacts {
  return parseFactsOutput(output).facts;
}

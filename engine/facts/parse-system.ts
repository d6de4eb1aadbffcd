// System facts from the facts script's sections: user, date/time, DNS, env, LSB, SELinux, python, virtualization, ...
import { dict } from '../core/dict.js';
import { parseLocalFacts } from './parse-local.js';

type Fact = Record<string, unknown>;

const lines = (t: string): string[] => t.split('\n');

/** user_id (the login name), its uid/gid, gecos, home and shell, and the real/effective ids. */
export function userFacts(text: string): Fact {
  const [name = '', uid = '', gid = '', ruid = '', rgid = '', pw = ''] = lines(text).map((l) => l.trim());
  const f = pw.split(':');
  return {
    user_id: name,
    user_uid: Number(f[2] ?? uid),
    user_gid: Number(f[3] ?? gid),
    user_gecos: f[4] ?? '',
    user_dir: f[5] ?? '',
    user_shell: f[6] ?? '',
    real_user_id: Number(ruid),
    effective_user_id: Number(uid),
    real_group_id: Number(rgid),
    effective_group_id: Number(gid),
  };
}

/** date_time: every value a string, as Ansible's. */
export function dateTimeFacts(text: string): Fact {
  const [local = '', utc = ''] = lines(text);
  const [date = '', day = '', epoch = '', hour = '', minute = '', month = '', second = '', time = '', tz = '', tzOffset = '', weekday = '', weekdayNumber = '', weeknumber = '', year = '', basic = '', nanos = ''] = local.split('|');
  const [utcIso = '', utcNanos = ''] = utc.split('|');
  const micro = (n: string): string => (/^\d{9}$/.test(n) ? n.slice(0, 6) : '000000');
  return {
    date_time: {
      year, month, weekday, weekday_number: weekdayNumber, weeknumber, day, hour, minute, second, epoch, epoch_int: epoch, date, time,
      iso8601_micro: `${utcIso}.${micro(utcNanos)}Z`,
      iso8601: `${utcIso}Z`,
      iso8601_basic: `${basic}${micro(nanos)}`,
      iso8601_basic_short: basic,
      tz,
      tz_dst: tz,
      tz_offset: tzOffset,
    },
  };
}

/** dns from /etc/resolv.conf: nameservers, domain, search, sortlist, options. */
export function dnsFacts(text: string): Fact {
  const dns: Fact = dict();
  for (const line of lines(text)) {
    if (line.startsWith('#') || line.startsWith(';') || line.trim() === '') continue;
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver') dns.nameservers = [...((dns.nameservers as string[] | undefined) ?? []), ...rest];
    else if (key === 'domain' && rest[0] !== undefined) dns.domain = rest[0];
    else if (key === 'search') dns.search = rest;
    else if (key === 'sortlist') dns.sortlist = rest;
    else if (key === 'options') {
      const options: Fact = dict();
      for (const o of rest) {
        const [k = '', v] = o.split(/:(.*)/s);
        options[k] = v === undefined || v === '' ? true : v;
      }
      dns.options = options;
    }
  }
  return { dns };
}

/** env: the variables of the shell the facts ran in (a line that is no NAME= continues the previous value). */
export function envFacts(text: string): Fact {
  const env: Record<string, string> = dict();
  let last: string | undefined;
  for (const line of lines(text)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(line);
    if (m?.[1] !== undefined) {
      last = m[1];
      env[last] = m[2] ?? '';
    } else if (last !== undefined) env[last] += `\n${line}`;
  }
  return { env };
}

/** lsb: from lsb_release -a, else /etc/lsb-release; {} when neither. */
export function lsbFacts(text: string): Fact {
  const [source = '', ...rest] = lines(text);
  const lsb: Record<string, string> = dict();
  const keys: Readonly<Record<string, string>> =
    source === 'lsb_release'
      ? { 'Distributor ID': 'id', Release: 'release', Description: 'description', Codename: 'codename' }
      : { DISTRIB_ID: 'id', DISTRIB_RELEASE: 'release', DISTRIB_DESCRIPTION: 'description', DISTRIB_CODENAME: 'codename' };
  for (const line of rest) {
    const m = source === 'lsb_release' ? /^([^:]+):\s*(.*)$/.exec(line) : /^(\w+)=(.*)$/.exec(line);
    const key = m?.[1] !== undefined ? keys[m[1].trim()] : undefined;
    if (key !== undefined) lsb[key] = (m?.[2] ?? '').trim().replace(/^"(.*)"$/, '$1');
  }
  if (lsb.release !== undefined) lsb.major_release = lsb.release.split('.')[0] ?? '';
  return { lsb };
}

export interface PythonInfo {
  readonly executable: string;
  readonly version: readonly [number, number, number, string, number];
  readonly type: string;
  readonly has_sslcontext: boolean;
  readonly selinux: boolean;
  readonly selinux_enabled: boolean;
}

export function pythonInfo(text: string): PythonInfo | undefined {
  const line = lines(text).find((l) => l.startsWith('{'));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line) as PythonInfo;
  } catch {
    return undefined;
  }
}

/** python and python_version, from the interpreter Ansible would use. */
export function pythonFacts(info: PythonInfo | undefined): Fact {
  if (info === undefined) return {};
  const [major, minor, micro, releaselevel, serial] = info.version;
  return {
    python: { executable: info.executable, has_sslcontext: info.has_sslcontext, type: info.type === 'cpython' ? 'cpython' : info.type, version: { major, minor, micro, releaselevel, serial }, version_info: [...info.version] },
    python_version: `${major}.${minor}.${micro}`,
  };
}

/** selinux: as Ansible, which reads it through the python library (missing library: said so). */
export function selinuxFacts(text: string, info: PythonInfo | undefined): Fact {
  if (info === undefined || !info.selinux) return { selinux: { status: 'Missing selinux Python library' }, selinux_python_present: false };
  const [enforce = 'none', policyvers = '', ...config] = lines(text).map((l) => l.trim());
  if (!info.selinux_enabled || enforce === 'none') return { selinux: { status: 'disabled' }, selinux_python_present: true };
  const conf = (k: string): string => config.find((c) => c.startsWith(`${k}=`))?.slice(k.length + 1) ?? 'unknown';
  return {
    selinux: { status: 'enabled', policyvers: Number(policyvers) || 'unknown', config_mode: conf('SELINUX'), mode: enforce === '1' ? 'enforcing' : 'permissive', type: conf('SELINUXTYPE') },
    selinux_python_present: true,
  };
}

const PRODUCT_KVM = ['KVM', 'KVM Server', 'Bochs', 'AHV'];
const KVM_SYS_VENDORS = ['QEMU', 'Amazon EC2', 'DigitalOcean', 'Google', 'Scaleway', 'Nutanix'];

/** virtualization_type/role and the guest/host technologies, in Ansible's order of checks. */
export function virtualFacts(text: string, kvmDevice: boolean): Fact {
  const guest = new Set<string>();
  const host = new Set<string>();
  let found: { type: string; role: string } | undefined;
  const saw = (tech: string, role: 'guest' | 'host'): void => {
    (role === 'guest' ? guest : host).add(tech);
    found ??= { type: tech, role };
  };
  const ls = lines(text);
  const value = (prefix: string): string => (ls.find((l) => l.startsWith(`${prefix} `)) ?? '').slice(prefix.length + 1).trim();
  for (const l of ls.filter((x) => x.startsWith('cgroup '))) {
    if (/\/docker(\/|-[0-9a-f]+\.scope)/.test(l)) saw('docker', 'guest');
    if (/\/lxc\/|\/machine.slice\/machine-lxc/.test(l)) saw('lxc', 'guest');
    if (l.includes('/system.slice/containerd.service')) saw('containerd', 'guest');
  }
  for (const l of ls.filter((x) => x.startsWith('env '))) {
    if (l.includes('container=lxc')) saw('lxc', 'guest');
    if (l.includes('container=podman')) saw('podman', 'guest');
    if (/^env container=./.test(l)) saw('container', 'guest');
  }
  if (ls.includes('vz')) {
    const role = ls.includes('bc') ? 'host' : 'guest';
    (role === 'host' ? host : guest).add('openvz');
    found ??= { type: 'openvz', role };
  }
  const systemd = value('systemd');
  if (systemd !== '') saw(systemd, 'guest');
  if (ls.includes('dockerenv')) saw('docker', 'guest');
  if ([...guest].some((t) => ['docker', 'lxc', 'podman', 'openvz', 'containerd'].includes(t)) || systemd !== '') guest.add('container');
  if (ls.includes('xen')) saw('xen', ls.includes('xenhost') ? 'host' : 'guest');
  const product = value('product');
  const vendor = value('vendor');
  const bios = value('bios');
  if (PRODUCT_KVM.includes(product)) saw('kvm', 'guest');
  if (vendor === 'oVirt') saw('oVirt', 'guest');
  if (product === 'VMware Virtual Platform' || product === 'VMware7,1') saw('VMware', 'guest');
  if (product === 'OpenStack Compute' || product === 'OpenStack Nova') saw('openstack', 'guest');
  if (bios === 'Xen') saw('xen', 'guest');
  if (bios === 'innotek GmbH') saw('virtualbox', 'guest');
  if (['Amazon EC2', 'DigitalOcean', 'Hetzner'].includes(bios) || KVM_SYS_VENDORS.includes(vendor)) saw('kvm', 'guest');
  if (vendor === 'KubeVirt') saw('KubeVirt', 'guest');
  if (vendor === 'Microsoft Corporation') saw('VirtualPC', 'guest');
  if (vendor === 'Parallels Software International Inc.') saw('parallels', 'guest');
  if (vendor === 'OpenStack Foundation') saw('openstack', 'guest');
  if (kvmDevice) saw('kvm', 'host');
  const result: { type: string; role: string } = found ?? { type: 'NA', role: 'NA' };
  return { virtualization_type: result.type, virtualization_role: result.role, virtualization_tech_guest: [...guest], virtualization_tech_host: [...host] };
}

/** cmdline (last value of a key) and proc_cmdline (repeated keys as a list), from /proc/cmdline. */
export function cmdlineFacts(text: string): Fact {
  const cmdline: Fact = dict();
  const proc: Fact = dict();
  for (const piece of text.trim().split(/\s+/).filter((p) => p !== '')) {
    const at = piece.indexOf('=');
    const [k, v] = at < 0 ? [piece, true] : [piece.slice(0, at), piece.slice(at + 1)];
    cmdline[k] = v;
    const had = proc[k];
    proc[k] = had === undefined ? v : Array.isArray(had) ? [...(had as unknown[]), v] : [had, v];
  }
  return { cmdline, proc_cmdline: proc };
}

export function loadavgFacts(text: string): Fact {
  const [a = '0', b = '0', c = '0'] = text.trim().split(/\s+/);
  return { loadavg: { '1m': Number(a), '5m': Number(b), '15m': Number(c) } };
}

export function sshKeyFacts(text: string): Fact {
  const out: Fact = dict();
  for (const line of lines(text)) {
    const [t, keytype, key] = line.trim().split(/\s+/);
    if (t === undefined || keytype === undefined || key === undefined) continue;
    out[`ssh_host_key_${t}_public`] = key;
    out[`ssh_host_key_${t}_public_keytype`] = keytype;
  }
  return out;
}

export { parseLocalFacts };

// The facts script: one POSIX sh run per host (no python needed), printing raw sections for the pure parsers.
import { quote } from '../core/quote.js';
import type { Collector } from './subsets.js';

/** Section headers start with this; the parser splits on them. */
export const SECTION = '@@kplay-facts ';

/** A local fact file's header inside the `local` section: `@@kplay-fact <rc|cat> PATH`. */
export const LOCAL_FILE = '@@kplay-fact ';

const PYTHON_PROBE = [
  'import sys, json',
  // every python 3 has ssl.SSLContext (importing ssl would double the probe's time)
  'ctx = sys.version_info[0] >= 3',
  'try:',
  // Ansible's own selinux binding loads libselinux.so.1 through ctypes: present when that library is
  '    import ctypes; lib = ctypes.CDLL("libselinux.so.1", use_errno=True); se = True; en = bool(lib.is_selinux_enabled() == 1)',
  'except Exception:',
  '    se = False; en = False',
  'v = sys.version_info',
  'print(json.dumps({"executable": sys.executable, "version": [v[0], v[1], v[2], v[3], v[4]], "type": sys.implementation.name if hasattr(sys, "implementation") else "cpython", "has_sslcontext": ctx, "selinux": se, "selinux_enabled": en}))',
].join('\n');

/** Each raw section: its name and the sh that prints it. */
const SECTIONS: Readonly<Record<string, string>> = {
  'os-release': 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null',
  'redhat-release': 'cat /etc/redhat-release 2>/dev/null',
  // Ansible uses the host's python3-distro when installed, which (1.7+) reads debian_version; its own copy does not
  'debian-version': 'cat /etc/debian_version 2>/dev/null; { [ -e /usr/lib/python3/dist-packages/distro ] || [ -e /usr/lib/python3/dist-packages/distro.py ]; } && echo "#distro"',
  // system, kernel, kernel version, machine, node name, fqdn, userspace bits, machine id: one line each
  uname: 'uname -s; uname -r; uname -v; uname -m; uname -n; hostname -f 2>/dev/null || uname -n; getconf LONG_BIT 2>/dev/null || echo; cat /etc/machine-id 2>/dev/null || cat /var/lib/dbus/machine-id 2>/dev/null || echo',
  meminfo: "grep -E '^(MemTotal|MemFree|Buffers|Cached|SwapTotal|SwapFree|SwapCached):' /proc/meminfo 2>/dev/null",
  // what Ansible counts per CPU, and the first CPU's flags (the same on every CPU)
  cpuinfo: `awk -F': *' '/^(processor|vendor_id|model name|physical id|core id|cpu cores|siblings|Processor|Vendor)[[:space:]]*:/ {sub(/[[:space:]]+$/, "", $1); print $1 ": " $2} /^(flags|Features)/ && !f {print "flags: " $2; f=1}' /proc/cpuinfo 2>/dev/null; echo "nproc: $(nproc 2>/dev/null)"`,
  kvm: '[ -e /dev/kvm ] && echo yes || echo no',
  'pkg-tools': 'for p in /usr/bin/dnf /usr/bin/yum /usr/bin/apt-get /usr/bin/zypper /sbin/apk /usr/bin/pacman; do [ -x "$p" ] && echo "$p"; done',
  init: 'cat /proc/1/comm 2>/dev/null; [ -d /run/systemd/system ] && echo systemd-booted',
  // user name, uid, gid, real uid, real gid, then the passwd entry
  user: 'u=$(id -un); echo "$u"; id -u; id -g; id -ru; id -rg; getent passwd "$u" 2>/dev/null || grep "^$u:" /etc/passwd',
  // local time fields, then UTC ones
  date: "date '+%Y-%m-%d|%d|%s|%H|%M|%m|%S|%H:%M:%S|%Z|%z|%A|%w|%W|%Y|%Y%m%dT%H%M%S|%N'; TZ=UTC date '+%Y-%m-%dT%H:%M:%S|%N'",
  dns: 'cat /etc/resolv.conf 2>/dev/null',
  env: 'env',
  lsb: 'if command -v lsb_release >/dev/null 2>&1; then echo lsb_release; lsb_release -a 2>/dev/null; elif [ -r /etc/lsb-release ]; then echo file; cat /etc/lsb-release; fi',
  selinux: 'cat /sys/fs/selinux/enforce 2>/dev/null || echo none; cat /sys/fs/selinux/policyvers 2>/dev/null || echo; grep -E "^SELINUX(TYPE)?=" /etc/selinux/config 2>/dev/null',
  python: `for p in $( (grep -qs 'release 8' /etc/redhat-release && echo /usr/libexec/platform-python) ) /usr/bin/python3 python3; do if command -v "$p" >/dev/null 2>&1; then "$p" -S -c ${quote(PYTHON_PROBE)}; break; fi; done`,
  virtual:
    "grep -Es '/docker(/|-[0-9a-f]+\\.scope)|/lxc/|/machine.slice/machine-lxc|/system.slice/containerd.service' /proc/1/cgroup | sed 's/^/cgroup /';" +
    " tr '\\0' '\\n' </proc/1/environ 2>/dev/null | grep '^container=' | sed 's/^/env /';" +
    " [ -e /proc/vz ] && [ ! -e /proc/lve ] && echo vz; [ -e /proc/bc ] && echo bc;" +
    ' c=$(cat /run/systemd/container 2>/dev/null) && [ -n "$c" ] && echo "systemd $c";' +
    ' { [ -e /.dockerenv ] || [ -e /.dockerinit ]; } && echo dockerenv;' +
    ' [ -e /proc/xen ] && echo xen; grep -qs control_d /proc/xen/capabilities && echo xenhost;' +
    ' echo "product $(cat /sys/devices/virtual/dmi/id/product_name 2>/dev/null)"; echo "vendor $(cat /sys/devices/virtual/dmi/id/sys_vendor 2>/dev/null)";' +
    ' echo "bios $(cat /sys/devices/virtual/dmi/id/bios_vendor 2>/dev/null)"; grep -qs "^flags.* hypervisor" /proc/cpuinfo && echo hypervisor',
  // device-backed mounts, then statvfs figures for each: fundamental block size, block size, blocks, free, available, inodes, free inodes
  mounts:
    "awk '$1 ~ /^\\// || $1 ~ /:\\// {print}' /proc/mounts 2>/dev/null | while read -r dev mnt fs opts dump pass; do echo \"m $dev $mnt $fs $opts $dump $pass\"; stat -f -c 's %S %s %b %f %a %c %d' \"$(printf '%b' \"$mnt\")\" 2>/dev/null; done",
  // the interfaces, then their sysfs attributes as PATH:VALUE lines in one grep (a host may have thousands of
  // interfaces: no process per interface); then ip's addresses and the routes to the internet
  network:
    'cd /sys/class/net 2>/dev/null && { ls -1; echo "@attr"; grep -H . */address */mtu */flags */type */speed */bridge/bridge_id */bridge/stp_state; ls -d */brif/* */bonding; };' +
    ' echo "@addr"; ip addr show 2>/dev/null; echo "@route4"; ip -4 route get 8.8.8.8 2>/dev/null; echo "@route6"; ip -6 route get 2404:6800:4001:800::1013 2>/dev/null',
  cmdline: 'cat /proc/cmdline 2>/dev/null',
  loadavg: 'cat /proc/loadavg 2>/dev/null',
  fips: 'cat /proc/sys/crypto/fips_enabled 2>/dev/null',
  apparmor: '[ -e /sys/kernel/security/apparmor ] && echo enabled || echo disabled',
  chroot: 'if [ -n "$debian_chroot" ]; then echo yes; elif [ "$(stat -c %d:%i / 2>/dev/null)" = "$(stat -c %d:%i /proc/1/root/. 2>/dev/null)" ]; then echo no; else [ "$(id -u)" = 0 ] && echo yes || echo unknown; fi',
  'ssh-keys': 'for t in dsa rsa ecdsa ed25519; do for f in /etc/ssh/ssh_host_${t}_key.pub /etc/ssh_host_${t}_key.pub /etc/openssh/ssh_host_${t}_key.pub; do [ -r "$f" ] && { echo "$t $(cat "$f")"; break; }; done; done',
};

/** The raw sections each collector reads. */
const NEEDS: Readonly<Record<Collector, readonly string[]>> = {
  apparmor: ['apparmor'],
  caps: [],
  chroot: ['chroot'],
  cmdline: ['cmdline'],
  date_time: ['date'],
  distribution: ['os-release', 'redhat-release', 'debian-version', 'lsb'],
  dns: ['dns'],
  env: ['env'],
  fips: ['fips'],
  local: [],
  lsb: ['lsb'],
  pkg_mgr: ['pkg-tools'],
  platform: ['uname'],
  python: ['python'],
  selinux: ['selinux', 'python'],
  service_mgr: ['init'],
  ssh_pub_keys: ['ssh-keys'],
  user: ['user'],
  loadavg: ['loadavg'],
  hardware: ['meminfo', 'cpuinfo', 'kvm', 'mounts'],
  network: ['network'],
  virtual: ['virtual'],
  facter: [],
  ohai: [],
  iscsi: [],
  nvme: [],
  fibre_channel_wwn: [],
};

/** Local facts: each *.fact file of the directory, run when executable, else printed; rc after an executable's output. */
function localSection(factPath: string): string {
  return `for f in ${quote(factPath)}/*.fact; do [ -f "$f" ] || continue; if [ -x "$f" ]; then echo "${LOCAL_FILE}run $f"; "$f" </dev/null 2>/dev/null; r=$?; echo; echo "${LOCAL_FILE}rc $r"; else echo "${LOCAL_FILE}cat $f"; cat "$f"; echo; fi; done`;
}

export interface ScriptOptions {
  /** where local facts are read from (Ansible's fact_path) */
  readonly factPath?: string | undefined;
}

/** One exec gathers every selected collector's sections; stdin closed so nothing waits for input; always exits 0. */
export function factsScript(collectors: ReadonlySet<Collector>, options: ScriptOptions = {}): string {
  const names = new Set<string>();
  for (const c of collectors) for (const s of NEEDS[c]) names.add(s);
  const parts = Object.entries(SECTIONS)
    .filter(([name]) => names.has(name))
    .map(([name, cmd]) => `echo '${SECTION}${name}'\n( ${cmd}\n) </dev/null 2>/dev/null`);
  if (collectors.has('local')) parts.push(`echo '${SECTION}local'\n( ${localSection(options.factPath ?? '/etc/ansible/facts.d')}\n) </dev/null 2>/dev/null`);
  return [...parts, `echo '${SECTION}end'`, 'exit 0'].join('\n');
}

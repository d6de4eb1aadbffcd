// The facts script: one POSIX sh run per host (no python), printing raw sections for the pure parser.

/** Section headers start with this; the parser splits on them. */
export const SECTION = '@@kplay-facts ';

const sections: readonly (readonly [string, string])[] = [
  ['os-release', 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null'],
  ['redhat-release', 'cat /etc/redhat-release 2>/dev/null'],
  ['debian-version', 'cat /etc/debian_version 2>/dev/null'],
  ['uname', 'uname -m; uname -r'],
  ['nodename', 'uname -n'],
  ['fqdn', 'hostname -f 2>/dev/null || uname -n'],
  ['meminfo', "grep '^MemTotal:' /proc/meminfo 2>/dev/null"],
  // the first CPU's vendor, model and flags are enough (they are the same on every CPU); then the CPU count
  [
    'cpuinfo',
    `awk -F': *' '/^vendor_id/ && !v {print "vendor: " $2; v=1} /^model name/ && !m {print "model: " $2; m=1} /^(flags|Features)/ && !f {print "flags: " $2; f=1} /^processor/ {n++} END {print "count: " n+0}' /proc/cpuinfo 2>/dev/null`,
  ],
  ['kvm', '[ -e /dev/kvm ] && echo yes || echo no'],
  ['pkg-tools', 'for p in /usr/bin/dnf /usr/bin/yum /usr/bin/apt-get /usr/bin/zypper /sbin/apk /usr/bin/pacman; do [ -x "$p" ] && echo "$p"; done'],
  ['init', 'cat /proc/1/comm 2>/dev/null; [ -d /run/systemd/system ] && echo systemd-booted'],
  ['user', 'id -un; id -u'],
];

/** One exec gathers every fact; stdin closed so nothing waits for input; always exits 0. */
export const FACTS_SCRIPT: string = [
  ...sections.map(([name, cmd]) => `echo '${SECTION}${name}'\n( ${cmd}\n) </dev/null 2>/dev/null`),
  `echo '${SECTION}end'`,
  'exit 0',
].join('\n');

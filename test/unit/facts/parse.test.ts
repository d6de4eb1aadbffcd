// The facts parser as data: os-release, release files, cpuinfo and tool samples of Rocky 8, CentOS 7, Debian 12, ...
import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../engine/core/facts.js';
import { parseFacts, parseFactsOutput } from '../../../engine/facts/collect.js';
import { factsToVars } from '../../../engine/facts/vars.js';
import { parseOsRelease, pkgMgrOf } from '../../../engine/facts/parse.js';
import { SECTION } from '../../../engine/facts/script.js';

function output(sections: Record<string, string>): string {
  return `${Object.entries(sections)
    .map(([k, v]) => `${SECTION}${k}\n${v}`)
    .join('\n')}\n${SECTION}end\n`;
}

/** The script's cpuinfo section: per CPU the lines Ansible counts, then the first CPU's flags and nproc. */
function cpus(vendor: string, model: string, flags: string, count: number): string {
  const per = Array.from({ length: count }, (_, i) => `processor: ${i}\nvendor_id: ${vendor}\nmodel name: ${model}\nphysical id: 0\nsiblings: ${count}\ncore id: ${i}\ncpu cores: ${count}`);
  return `${per.join('\n')}\nflags: ${flags}\nnproc: ${count}`;
}
const INTEL = cpus('GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', 'fpu vme de pse tsc msr vmx sse sse2 ht', 4);
const AMD = cpus('AuthenticAMD', 'AMD EPYC 7302 16-Core Processor', 'fpu vme svm sse2 lm', 2);
const NOVIRT = cpus('GenuineIntel', 'Intel(R) Core(TM)', 'fpu vme sse2 lm', 1);

const ROCKY8 = `NAME="Rocky Linux"
VERSION="8.9 (Green Obsidian)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="8.9"
PLATFORM_ID="platform:el8"
PRETTY_NAME="Rocky Linux 8.9 (Green Obsidian)"`;
const CENTOS7 = `NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"`;
const DEBIAN12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian`;
const UBUNTU = `NAME="Ubuntu"
VERSION_ID="22.04"
ID=ubuntu
ID_LIKE=debian
VERSION_CODENAME=jammy`;
const ALMA9 = `NAME="AlmaLinux"
ID="almalinux"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"`;
const SOMERHEL = `NAME="Some EL clone"
ID="someel"
ID_LIKE="rhel fedora"
VERSION_ID="8.6"`;

const base = {
  uname: 'Linux\n4.18.0-513.el8.x86_64\n#1 SMP\nx86_64\nweb1.example.test\nweb1.example.test\n64\n0123abcd',
  meminfo: 'MemTotal:        8009304 kB',
  kvm: 'yes',
  init: 'systemd\nsystemd-booted',
  user: 'root\n0\n0\n0\n0\nroot:x:0:0:root:/root:/bin/bash',
};

const cases: { name: string; sections: Record<string, string>; want: Partial<HostFacts>; release?: string }[] = [
  {
    name: 'Rocky 8 with dnf and a yum symlink',
    sections: { ...base, 'os-release': ROCKY8, 'redhat-release': 'Rocky Linux release 8.9 (Green Obsidian)', cpuinfo: INTEL, 'pkg-tools': '/usr/bin/dnf\n/usr/bin/yum' },
    want: {
      os_family: 'RedHat',
      distribution: 'Rocky',
      distribution_version: '8.9',
      distribution_major_version: '8',
      pkg_mgr: 'dnf',
      service_mgr: 'systemd',
      processor_vendor: 'GenuineIntel',
      virtualization_flags: ['vmx'],
      kvm_device: true,
      memtotal_mb: 7821,
      hostname: 'web1',
      fqdn: 'web1.example.test',
      architecture: 'x86_64',
      kernel: '4.18.0-513.el8.x86_64',
      user_id: 'root',
    },
    release: 'Green Obsidian',
  },
  {
    name: 'CentOS 7: full version from redhat-release, yum even with dnf present',
    sections: { ...base, 'os-release': CENTOS7, 'redhat-release': 'CentOS Linux release 7.9.2009 (Core)', cpuinfo: AMD, 'pkg-tools': '/usr/bin/dnf\n/usr/bin/yum', kvm: 'no' },
    want: { os_family: 'RedHat', distribution: 'CentOS', distribution_version: '7.9', distribution_major_version: '7', pkg_mgr: 'yum', processor_vendor: 'AuthenticAMD', virtualization_flags: ['svm'], kvm_device: false },
    release: 'Core',
  },
  {
    name: 'Debian 12 with python3-distro: debian_version (12.5), apt',
    sections: { ...base, 'os-release': DEBIAN12, 'debian-version': '12.5\n#distro', lsb: 'lsb_release\nRelease:\t12', cpuinfo: NOVIRT, 'pkg-tools': '/usr/bin/apt-get', init: 'systemd' },
    want: { os_family: 'Debian', distribution: 'Debian', distribution_version: '12.5', distribution_major_version: '12', pkg_mgr: 'apt', virtualization_flags: [], service_mgr: 'systemd' },
    release: 'bookworm',
  },
  {
    name: 'Ubuntu 22.04',
    sections: { ...base, 'os-release': UBUNTU, 'debian-version': 'bookworm/sid', cpuinfo: NOVIRT, 'pkg-tools': '/usr/bin/apt-get' },
    want: { os_family: 'Debian', distribution: 'Ubuntu', distribution_version: '22.04', distribution_major_version: '22', pkg_mgr: 'apt' },
  },
  {
    name: 'AlmaLinux 9 without redhat-release',
    sections: { ...base, 'os-release': ALMA9, cpuinfo: INTEL, 'pkg-tools': '/usr/bin/dnf' },
    want: { os_family: 'RedHat', distribution: 'AlmaLinux', distribution_version: '9.3', pkg_mgr: 'dnf' },
  },
  {
    name: 'an unknown EL clone: family from ID_LIKE',
    sections: { ...base, 'os-release': SOMERHEL, cpuinfo: INTEL, 'pkg-tools': '/usr/bin/yum' },
    want: { os_family: 'RedHat', distribution: 'Someel', pkg_mgr: 'yum' },
  },
  {
    name: 'a bare container: no systemd, no tools, short hostname',
    sections: { ...base, 'os-release': ROCKY8, cpuinfo: NOVIRT, 'pkg-tools': '', init: 'sshd', uname: 'Linux\n5.1\n#1\nx86_64\nh1\n\n64\n' },
    want: { service_mgr: 'sshd', pkg_mgr: 'unknown', hostname: 'h1', fqdn: 'h1' },
  },
];

describe('parseFacts', () => {
  it.each(cases)('$name', ({ sections, want, release }) => {
    const parsed = parseFactsOutput(output(sections));
    expect(parsed.facts).toMatchObject(want);
    if (release !== undefined) expect(parsed.ansible.distribution_release).toBe(release);
  });
  it('Debian 12 without python3-distro: 12 (os-release), the minor version from debian_version, as Ansible', () => {
    const parsed = parseFactsOutput(output({ ...base, 'os-release': DEBIAN12, 'debian-version': '12.8' }));
    expect([parsed.facts.distribution_version, parsed.ansible.distribution_minor_version]).toEqual(['12', '8']);
  });
  it('keeps every flag', () => {
    expect(parseFacts(output({ cpuinfo: INTEL })).processor_flags).toEqual(['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'vmx', 'sse', 'sse2', 'ht']);
  });
  it('an os-release ID named as a member of Object.prototype is a name, not a lookup (issue [8] 5)', () => {
    for (const id of ['constructor', 'toString', '__proto__']) {
      const facts = parseFacts(output({ 'os-release': `ID=${id}\nVERSION_ID=1` }));
      expect(facts.distribution).toBe(id.charAt(0).toUpperCase() + id.slice(1).toLowerCase());
      expect(facts.os_family).toBe(facts.distribution);
    }
  });
  it('empty output gives empty, not crashing, facts', () => {
    expect(parseFacts('')).toMatchObject({ distribution: 'Unknown', pkg_mgr: 'unknown', memtotal_mb: 0, processor_flags: [] });
  });
});

describe('parseOsRelease', () => {
  it('unquotes values', () => {
    expect(parseOsRelease(`A="x y"\nB='z'\nC=plain\n# c\nD="say \\"hi\\""`)).toEqual({ A: 'x y', B: 'z', C: 'plain', D: 'say "hi"' });
  });
});

describe('pkgMgrOf as Ansible decides', () => {
  it.each([
    ['RedHat', 'Rocky', 8, ['/usr/bin/dnf', '/usr/bin/yum'], 'dnf'],
    ['RedHat', 'Rocky', 8, ['/usr/bin/yum'], 'yum'],
    ['RedHat', 'CentOS', 7, ['/usr/bin/yum'], 'yum'],
    ['RedHat', 'CentOS', 7, ['/usr/bin/dnf', '/usr/bin/yum'], 'yum'],
    ['RedHat', 'Fedora', 21, ['/usr/bin/yum', '/usr/bin/dnf'], 'yum'],
    ['RedHat', 'Fedora', 39, ['/usr/bin/dnf'], 'dnf'],
    ['Debian', 'Debian', 12, ['/usr/bin/apt-get', '/usr/bin/dnf'], 'apt'],
  ] as const)('%s %s %i %j -> %s', (family, dist, major, tools, want) => {
    expect(pkgMgrOf(family, dist, major, tools)).toBe(want);
  });
});

describe('factsToVars', () => {
  const f = parseFactsOutput(output({ ...base, 'os-release': ROCKY8, cpuinfo: INTEL, 'pkg-tools': '/usr/bin/dnf' }));
  const vars = factsToVars(f.ansible);
  it('gives ansible_facts without prefix and ansible_* copies', () => {
    const facts = vars.ansible_facts as Record<string, unknown>;
    expect(facts.distribution).toBe('Rocky');
    expect(facts.os_family).toBe('RedHat');
    expect(facts.pkg_mgr).toBe('dnf');
    expect(facts.memtotal_mb).toBe(7821);
    expect(facts.distribution_release).toBe('Green Obsidian');
    expect(vars.ansible_distribution_major_version).toBe('8');
    expect(vars.ansible_virtualization_flags).toEqual(['vmx']);
    for (const [k, v] of Object.entries(facts)) expect(vars[`ansible_${k}`]).toEqual(v);
  });
  it("processor is Ansible's list: index, vendor, model per CPU", () => {
    expect(vars.ansible_processor).toEqual(['0', 'GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', '1', 'GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', '2', 'GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', '3', 'GenuineIntel', 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz']);
    // Ansible counts sockets: one socket of four cores
    expect([vars.ansible_processor_count, vars.ansible_processor_cores, vars.ansible_processor_threads_per_core, vars.ansible_processor_vcpus]).toEqual([1, 4, 1, 4]);
  });
});

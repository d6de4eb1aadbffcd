// The collectors' parsers as data: probe outputs of Rocky 8 / Debian 12 hosts and what Ansible 2.14's setup gives for them.
import { describe, expect, it } from 'vitest';
import { filterFacts } from '../../../engine/facts/filter.js';
import { cpuFacts, memoryFacts, mountFacts } from '../../../engine/facts/parse-hardware.js';
import { parseIni, parseLocalFacts } from '../../../engine/facts/parse-local.js';
import { networkFacts } from '../../../engine/facts/parse-network.js';
import { cmdlineFacts, dnsFacts, envFacts, lsbFacts, selinuxFacts, userFacts, virtualFacts } from '../../../engine/facts/parse-system.js';
import { platformFacts } from '../../../engine/facts/parse.js';
import { resolveSubsets } from '../../../engine/facts/subsets.js';
import { mergeFactVars } from '../../../engine/facts/vars.js';

const NETWORK = `br0
eth0
eth0:1
lo
@attr
br0/address:2e:cb:8b:03:35:d6
br0/mtu:1500
br0/flags:0x1003
br0/type:1
br0/bridge/bridge_id:8000.2ecb8b0335d6
br0/bridge/stp_state:0
br0/brif/veth2
br0/brif/veth1
eth0/address:02:fc:00:00:00:01
eth0/mtu:1400
eth0/flags:0x1003
eth0/type:1
eth0/speed:-1
eth0:1/address:02:fc:00:00:00:01
eth0:1/mtu:1400
eth0:1/flags:0x1103
eth0:1/type:1
lo/address:00:00:00:00:00:00
lo/mtu:65536
lo/flags:0x9
lo/type:772
@addr
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host
2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP group default qlen 1000
    inet 10.0.0.2/22 brd 10.0.3.255 scope global eth0
    inet 10.0.0.9/22 scope global secondary eth0
    inet6 fe80::6b:aff:fe8b:fc02/64 scope link
@route4
8.8.8.8 via 10.0.0.1 dev eth0 src 10.0.0.2 uid 0
    cache
@route6`;

describe('network facts', () => {
  const f = networkFacts(NETWORK);
  it('interfaces by name (":" as "_"), each as ansible_<name>', () => {
    expect(f.interfaces).toEqual(['br0', 'eth0', 'eth0_1', 'lo']);
    expect(f.lo).toEqual({ device: 'lo', mtu: 65536, active: true, promisc: false, type: 'loopback', ipv4: { address: '127.0.0.1', broadcast: '', netmask: '255.0.0.0', network: '127.0.0.0', prefix: '8' }, ipv6: [{ address: '::1', prefix: '128', scope: 'host' }] });
    expect(f.eth0).toMatchObject({ macaddress: '02:fc:00:00:00:01', type: 'ether', active: true, speed: -1, ipv4: { address: '10.0.0.2', broadcast: '10.0.3.255', netmask: '255.255.252.0', network: '10.0.0.0', prefix: '22' }, ipv4_secondaries: [{ address: '10.0.0.9', broadcast: '' }] });
    expect(f.br0).toMatchObject({ type: 'bridge', id: '8000.2ecb8b0335d6', stp: false, interfaces: ['veth1', 'veth2'] });
    expect(f.eth0_1).toMatchObject({ promisc: true });
  });
  it('addresses: loopback left out', () => {
    expect(f.all_ipv4_addresses).toEqual(['10.0.0.2', '10.0.0.9']);
    expect(f.all_ipv6_addresses).toEqual(['fe80::6b:aff:fe8b:fc02']);
  });
  it('default_ipv4 from the route to 8.8.8.8 and its interface; no route: {}', () => {
    expect(f.default_ipv4).toEqual({ interface: 'eth0', address: '10.0.0.2', gateway: '10.0.0.1', broadcast: '10.0.3.255', netmask: '255.255.252.0', network: '10.0.0.0', prefix: '22', macaddress: '02:fc:00:00:00:01', mtu: 1400, type: 'ether', alias: 'eth0' });
    expect(f.default_ipv6).toEqual({});
  });
});

describe('hardware facts', () => {
  it('memory as Ansible computes it (MiB, floored)', () => {
    const m = memoryFacts('MemTotal: 24684544 kB\nMemFree: 21953536 kB\nBuffers: 1024 kB\nCached: 1764352 kB\nSwapCached: 0 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB');
    expect(m).toEqual({ memtotal_mb: 24106, memfree_mb: 21439, swaptotal_mb: 0, swapfree_mb: 0, memory_mb: { real: { total: 24106, used: 2667, free: 21439 }, nocache: { free: 23163, used: 943 }, swap: { total: 0, free: 0, used: 0, cached: 0 } } });
  });
  it('processors: two sockets of two cores, two threads each', () => {
    const lines: string[] = [];
    for (let i = 0; i < 8; i++) lines.push(`processor: ${i}`, 'vendor_id: GenuineIntel', 'model name: Xeon', `physical id: ${i < 4 ? 0 : 1}`, 'siblings: 4', `core id: ${i % 2}`, 'cpu cores: 2');
    expect(cpuFacts(`${lines.join('\n')}\nnproc: 8`)).toMatchObject({ processor_count: 2, processor_cores: 2, processor_threads_per_core: 2, processor_vcpus: 8, processor_nproc: 8 });
  });
  it('mounts with statvfs figures; \\040 in a path is a blank', () => {
    expect(mountFacts('m /dev/vda /mnt/my\\040disk ext4 rw,relatime 0 0\ns 4096 4096 100 40 30 50 20')).toEqual([
      { mount: '/mnt/my disk', device: '/dev/vda', fstype: 'ext4', options: 'rw,relatime', uuid: 'N/A', size_total: 409600, size_available: 122880, block_size: 4096, block_total: 100, block_available: 30, block_used: 60, inode_total: 50, inode_available: 20, inode_used: 30 },
    ]);
  });
  it('a path mounted twice is one entry (the last mount), as Ansible keys mounts by path', () => {
    const m = mountFacts('m /dev/a /x ext4 ro 0 0\ns 1 1 1 1 1 1 1\nm /dev/b /y ext4 rw 0 0\nm /dev/c /x xfs rw 0 0\ns 2 2 2 2 2 2 2');
    expect(m.map((x) => [x.mount, x.device, x.block_size])).toEqual([['/x', '/dev/c', 2], ['/y', '/dev/b', undefined]]);
  });
});

describe('system facts', () => {
  it('platform: names, domain, userspace', () => {
    expect(platformFacts('Linux\n6.1.0\n#1 SMP\nx86_64\nweb1\nweb1.example.org\n64\nabc')).toEqual({ system: 'Linux', kernel: '6.1.0', kernel_version: '#1 SMP', machine: 'x86_64', architecture: 'x86_64', nodename: 'web1', hostname: 'web1', fqdn: 'web1.example.org', domain: 'example.org', userspace_bits: '64', userspace_architecture: 'x86_64', machine_id: 'abc' });
    expect(platformFacts('Linux\n5\n#1\ni686\nh\n\n32\n')).toMatchObject({ architecture: 'i386', fqdn: 'h', domain: '' });
  });
  it('user from id and the passwd entry', () => {
    expect(userFacts('deploy\n1000\n1000\n1000\n1000\ndeploy:x:1000:1000:Deploy User,,,:/home/deploy:/bin/sh')).toMatchObject({ user_id: 'deploy', user_uid: 1000, user_gid: 1000, user_gecos: 'Deploy User,,,', user_dir: '/home/deploy', user_shell: '/bin/sh' });
  });
  it('dns from resolv.conf', () => {
    expect(dnsFacts('# x\nnameserver 10.0.0.1\nnameserver 10.0.0.2\nsearch a.test b.test\noptions ndots:2 rotate')).toEqual({ dns: { nameservers: ['10.0.0.1', '10.0.0.2'], search: ['a.test', 'b.test'], options: { ndots: '2', rotate: true } } });
    expect(dnsFacts('')).toEqual({ dns: {} });
  });
  it('env, with a value over two lines, and a hostile name kept as data', () => {
    const { env } = envFacts('HOME=/root\nMULTI=a\nb\n__proto__=x') as { env: Record<string, string> };
    expect(env.HOME).toBe('/root');
    expect(env.MULTI).toBe('a\nb');
    expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('x');
  });
  it('lsb from lsb_release -a or /etc/lsb-release; none: {}', () => {
    expect(lsbFacts('lsb_release\nDistributor ID:\tDebian\nDescription:\tDebian GNU/Linux 12 (bookworm)\nRelease:\t12\nCodename:\tbookworm')).toEqual({ lsb: { id: 'Debian', description: 'Debian GNU/Linux 12 (bookworm)', release: '12', codename: 'bookworm', major_release: '12' } });
    expect(lsbFacts('file\nDISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_DESCRIPTION="Ubuntu 22.04"')).toEqual({ lsb: { id: 'Ubuntu', release: '22.04', description: 'Ubuntu 22.04', major_release: '22' } });
    expect(lsbFacts('')).toEqual({ lsb: {} });
  });
  it('selinux as the python library reports it', () => {
    const py = { executable: '/usr/bin/python3', version: [3, 11, 2, 'final', 0] as const, type: 'cpython', has_sslcontext: true };
    expect(selinuxFacts('none\n', { ...py, selinux: false, selinux_enabled: false })).toEqual({ selinux: { status: 'Missing selinux Python library' }, selinux_python_present: false });
    expect(selinuxFacts('none\n', { ...py, selinux: true, selinux_enabled: false })).toEqual({ selinux: { status: 'disabled' }, selinux_python_present: true });
    expect(selinuxFacts('1\n33\nSELINUX=enforcing\nSELINUXTYPE=targeted', { ...py, selinux: true, selinux_enabled: true })).toEqual({ selinux: { status: 'enabled', policyvers: 33, config_mode: 'enforcing', mode: 'enforcing', type: 'targeted' }, selinux_python_present: true });
  });
  it.each([
    ['an nspawn container', 'env container=systemd-nspawn\nsystemd systemd-nspawn\nproduct \nvendor \nbios ', false, { virtualization_type: 'container', virtualization_role: 'guest', virtualization_tech_guest: ['container', 'systemd-nspawn'], virtualization_tech_host: [] }],
    ['a KVM guest', 'product KVM\nvendor QEMU\nbios SeaBIOS', false, { virtualization_type: 'kvm', virtualization_role: 'guest', virtualization_tech_guest: ['kvm'], virtualization_tech_host: [] }],
    ['a KVM host', 'product PowerEdge\nvendor Dell Inc.\nbios Dell Inc.', true, { virtualization_type: 'kvm', virtualization_role: 'host', virtualization_tech_guest: [], virtualization_tech_host: ['kvm'] }],
    ['bare metal', 'product X\nvendor Y\nbios Z', false, { virtualization_type: 'NA', virtualization_role: 'NA', virtualization_tech_guest: [], virtualization_tech_host: [] }],
  ] as const)('virtualization: %s', (_name, text, kvm, want) => {
    const got = virtualFacts(text, kvm);
    expect({ ...got, virtualization_tech_guest: [...(got.virtualization_tech_guest as string[])].sort() }).toEqual(want);
  });
  it('cmdline: last value wins, proc_cmdline keeps repeats', () => {
    expect(cmdlineFacts('console=tty0 console=ttyS0 quiet')).toEqual({ cmdline: { console: 'ttyS0', quiet: true }, proc_cmdline: { console: ['tty0', 'ttyS0'], quiet: true } });
  });
});

describe('local facts (fact_path)', () => {
  it('JSON, INI (lowercased keys), an executable, a failing one, and junk', () => {
    const text = [
      '@@kplay-fact cat /etc/ansible/facts.d/b.fact', '{"role": "web", "n": 3}',
      '@@kplay-fact cat /etc/ansible/facts.d/a.fact', '[general]', 'Owner = ops', 'tier: 2',
      '@@kplay-fact run /etc/ansible/facts.d/c.fact', '{"dynamic": true}', '', '@@kplay-fact rc 0',
      '@@kplay-fact run /etc/ansible/facts.d/d.fact', 'oops', '@@kplay-fact rc 3',
      '@@kplay-fact cat /etc/ansible/facts.d/e.fact', 'not json = nor ini',
    ].join('\n');
    const { local } = parseLocalFacts(text) as { local: Record<string, unknown> };
    expect(Object.keys(local)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(local.a).toEqual({ general: { owner: 'ops', tier: '2' } });
    expect(local.b).toEqual({ role: 'web', n: 3 });
    expect(local.c).toEqual({ dynamic: true });
    expect(local.d).toBe('Failure executing fact script (/etc/ansible/facts.d/d.fact), rc: 3, err: ');
    expect(local.e).toBe('error loading facts as JSON or ini - please check content: /etc/ansible/facts.d/e.fact');
    expect(parseIni('')).toEqual({});
  });
});

describe('gather_subset as Ansible resolves it', () => {
  const names = (s: string[]): string[] => {
    const r = resolveSubsets(s);
    return r.ok ? [...r.collectors].sort() : [r.msg];
  };
  it.each([
    [['!all'], ['apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local', 'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user']],
    [['!all', '!min', 'network'], ['network', 'platform']],
    [['!all', '!min', 'os_family'], ['distribution', 'platform']],
    [['all', '!hardware', '!network'], ['apparmor', 'caps', 'chroot', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'facter', 'fibre_channel_wwn', 'fips', 'iscsi', 'loadavg', 'local', 'lsb', 'nvme', 'ohai', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user', 'virtual']],
    [['min', '!env'], ['apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'fips', 'local', 'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user']],
  ])('%j', (subsets, want) => {
    expect(names(subsets)).toEqual(want);
  });
  it("refuses an unknown name with Ansible's message", () => {
    expect(names(['bogus'])[0]).toMatch(/^Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, all_ipv4_addresses, all_ipv6_addresses, apparmor,/);
  });
});

describe('filter and merging', () => {
  it('globs over ansible_ names', () => {
    expect(filterFacts({ memtotal_mb: 1, memfree_mb: 2, eth0: {}, hostname: 'h' }, ['ansible_*_mb', 'ansible_eth[0-9]'])).toEqual({ memtotal_mb: 1, memfree_mb: 2, eth0: {} });
    expect(Object.keys(filterFacts({ a: 1 }, []))).toEqual(['a']);
  });
  it("facts a module returns join the host's: ansible_x as x in ansible_facts, others as given", () => {
    const v = mergeFactVars({ ansible_facts: { distribution: 'Rocky' }, ansible_distribution: 'Rocky' }, { ansible_memtotal_mb: 5, services: { sshd: {} } });
    expect(v).toEqual({ ansible_facts: { distribution: 'Rocky', memtotal_mb: 5, services: { sshd: {} } }, ansible_distribution: 'Rocky', ansible_memtotal_mb: 5, services: { sshd: {} } });
  });
});

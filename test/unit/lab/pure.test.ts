// The lab's pure parts: apt sources parsing, subnets and names, cpuinfo editing, inventory text, package specs.
import { describe, expect, it } from 'vitest';
import { editCpuinfo, parseCpuList } from '../../../lab/cpuinfo.js';
import { debianMirrorLines, parseDeb822, parseSourcesList } from '../../../lab/image/mirror.js';
import { specText } from '../../../lab/image/lab-package.js';
import { labPackages } from '../../../lab/image/packages.js';
import { identityFor } from '../../../lab/identity.js';
import { customizeScript } from '../../../lab/image/script.js';
import { inventoryText, knownHostsLine } from '../../../lab/inventory.js';
import { bridgeName, checkLabName, MAX_HOSTS, netnsName, segmentOf, trunkNames, vethName } from '../../../lab/names.js';
import { macFor, subnetFor, subnetsOverlap } from '../../../lab/subnet.js';

describe('apt sources', () => {
  const deb822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main contrib
Enabled: yes
`;
  it('reads deb822 stanzas, skipping deb-src', () => {
    expect(parseDeb822(deb822)).toEqual([
      { uri: 'http://deb.debian.org/debian', suite: 'bookworm', components: ['main'] },
      { uri: 'http://deb.debian.org/debian', suite: 'bookworm-updates', components: ['main'] },
      { uri: 'http://deb.debian.org/debian-security', suite: 'bookworm-security', components: ['main', 'contrib'] },
    ]);
  });
  it.each([
    ['deb http://m/debian bookworm main contrib', [{ uri: 'http://m/debian', suite: 'bookworm', components: ['main', 'contrib'] }]],
    ['deb [arch=amd64 signed-by=/k.gpg] http://m/debian bookworm main # note', [{ uri: 'http://m/debian', suite: 'bookworm', components: ['main'] }]],
    ['# deb http://m/debian bookworm main', []],
    ['deb-src http://m/debian bookworm main', []],
  ])('reads one-line %s', (line, expected) => {
    expect(parseSourcesList(line)).toEqual(expected);
  });
  it('keeps the release and its -updates/-security entries, drops third-party suites', () => {
    const lines = debianMirrorLines([...parseDeb822(deb822), { uri: 'https://deb.nodesource.com/node_20.x', suite: 'nodistro', components: ['main'] }], 'bookworm');
    expect(lines).toEqual([
      'deb http://deb.debian.org/debian bookworm main',
      'deb http://deb.debian.org/debian bookworm-updates main',
      'deb http://deb.debian.org/debian-security bookworm-security main contrib',
    ]);
  });
  it('refuses when no entry is for the release', () => {
    expect(() => debianMirrorLines(parseDeb822(deb822), 'trixie')).toThrow(/no Debian 'trixie' entry/);
  });
});

describe('names and subnets', () => {
  it('keeps kernel interface names within 15 characters', () => {
    for (const lab of ['a', 'default', 'a-very-long-lab-name']) {
      expect(bridgeName(lab).length).toBeLessThanOrEqual(15);
      expect(bridgeName(lab, segmentOf(MAX_HOSTS)).length).toBeLessThanOrEqual(15);
      for (const end of trunkNames(lab, segmentOf(MAX_HOSTS))) expect(end.length).toBeLessThanOrEqual(15);
      expect(vethName(lab, MAX_HOSTS).length).toBeLessThanOrEqual(15);
    }
    expect(netnsName('default', 'h3')).toBe('kplay-default-h3');
  });
  it.each(['Default', '1lab', '', 'a'.repeat(21), 'a_b'])('rejects the lab name %j', (name) => {
    expect(() => checkLabName(name)).toThrow(/invalid lab name/);
  });
  it('puts at most 1000 hosts on one bridge (a bridge takes 1024 ports)', () => {
    expect([1, 1000, 1001, 2000].map(segmentOf)).toEqual([0, 0, 1, 1]);
    expect(bridgeName('default', 1)).not.toBe(bridgeName('default'));
  });
  it('gives a /21 inside 10.128.0.0/9 with room for every host, stable per name', () => {
    const s = subnetFor('default');
    expect(s.prefix).toBe(21);
    expect(subnetsOverlap(s, { network: '10.128.0.0', prefix: 9 })).toBe(true);
    expect(subnetFor('default').network).toBe(s.network);
    // the last host is inside the block, below its broadcast address
    const last = s.host(MAX_HOSTS).split('.').map(Number);
    expect(subnetsOverlap({ network: s.host(MAX_HOSTS), prefix: 32 }, s)).toBe(true);
    expect((last[2] ?? 0) % 8 === 7 && last[3] === 255).toBe(false);
    expect(subnetsOverlap(s, subnetFor('default', 1))).toBe(false);
  });
  it.each([
    [{ network: '10.0.0.0', prefix: 8 }, { network: '10.1.2.0', prefix: 24 }, true],
    [{ network: '10.1.0.0', prefix: 22 }, { network: '10.1.4.0', prefix: 22 }, false],
    [{ network: '0.0.0.0', prefix: 0 }, { network: '192.168.1.0', prefix: 24 }, true],
  ])('overlap %j %j -> %s', (a, b, expected) => {
    expect(subnetsOverlap(a, b)).toBe(expected);
  });
  it('derives a locally administered MAC from the address', () => {
    expect(macFor('10.1.2.3')).toBe('02:6b:0a:01:02:03');
  });
});

describe('cpuinfo', () => {
  const text = 'processor\t: 0\nflags\t\t: fpu vme svm sse2\n\nprocessor\t: 1\nflags\t\t: fpu vmx sse2\n';
  it.each([
    ['vmx', 'flags\t\t: vmx fpu vme sse2'],
    ['svm', 'flags\t\t: svm fpu vme sse2'],
    ['none', 'flags\t\t: fpu vme sse2'],
  ] as const)('%s: that flag only, on every processor', (flag, firstFlags) => {
    const out = editCpuinfo(text, flag).split('\n');
    expect(out[1]).toBe(firstFlags);
    expect(out.filter((l) => l.startsWith('flags')).every((l) => (flag === 'none' ? !/\b(vmx|svm)\b/.test(l) : l.includes(flag)))).toBe(true);
    expect(out[0]).toBe('processor\t: 0');
  });
  it('parses --cpu lists and rejects unknown flags', () => {
    expect(parseCpuList('vmx, svm,none')).toEqual(['vmx', 'svm', 'none']);
    expect(() => parseCpuList('vmx,avx')).toThrow(/unknown CPU flag 'avx'/);
  });
});

describe('inventory and known_hosts', () => {
  it('writes group lab with connection variables and host-key checking', () => {
    expect(inventoryText([{ name: 'h1', address: '10.0.0.2' }], '/d/id_ed25519', '/d/known_hosts')).toBe(
      "[lab]\nh1 ansible_host=10.0.0.2 ansible_user=root ansible_ssh_private_key_file=/d/id_ed25519\n\n[lab:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=/d/known_hosts -o StrictHostKeyChecking=yes'\n",
    );
    expect(knownHostsLine('10.0.0.2', 'ssh-ed25519 AAAAC3 h1\n')).toBe('10.0.0.2 ssh-ed25519 AAAAC3');
  });
});

describe('lab packages', () => {
  it('are named as on each release', () => {
    const names = (os: 'el8' | 'el7'): string[] => labPackages(os).map((p) => p.name);
    for (const n of ['qemu-kvm', 'qemu-img', 'libvirt', 'libvirt-client', 'virt-install', 'virt-manager', 'virt-viewer', 'kplay-demo']) {
      expect(names('el8')).toContain(n);
      expect(names('el7')).toContain(n);
    }
    expect(names('el8')).toContain('python3-libvirt');
    expect(names('el7')).toContain('libvirt-python');
  });
  it('specs carry no automatic dependencies, no debuginfo and no shell scriptlets', () => {
    for (const p of labPackages('el8')) {
      const spec = specText(p);
      expect(spec).toContain('AutoReqProv: no');
      expect(spec).toContain('%global debug_package %{nil}');
      expect(spec).not.toMatch(/^%post(un)?\s*$/m);
    }
  });
  it('carry the common server packages as EL ships them: unit names, config paths, service users made in Lua', () => {
    for (const os of ['el8', 'el7'] as const) expect(labPackages(os).map((p) => p.name)).toEqual(expect.arrayContaining(['chrony', 'nginx', 'redis', 'git']));
    const byName = new Map(labPackages('el8').map((p) => [p.name, p]));
    const paths = (name: string): string[] => (byName.get(name)?.extra ?? []).map(([path]) => path);
    expect(paths('chrony')).toEqual(expect.arrayContaining(['/usr/lib/systemd/system/chronyd.service', '/etc/chrony.conf']));
    expect(paths('redis')).toContain('/usr/lib/systemd/system/redis.service');
    expect(byName.get('redis')?.moves).toContainEqual(['/etc/redis/redis.conf', '/etc/redis.conf']);
    expect(byName.get('nginx')?.extra.find(([path]) => path === '/etc/nginx/nginx.conf')?.[2]).toMatch(/^user nginx;$[\s\S]*include \/etc\/nginx\/conf\.d\/\*\.conf;/m);
    const spec = specText(byName.get('nginx') ?? expect.fail('no nginx'));
    expect(spec).toContain('%post -p <lua>\nrpm.execute("/usr/sbin/useradd", "--system"');
    expect(spec).toMatch(/rpm\.execute\("\/bin\/systemctl", "daemon-reload"\)/);
    // the payload comes from the Debian lab repository's .debs, with what EL does not ship taken out
    const script = customizeScript();
    expect(script).toContain('unpack el8/redis redis-server');
    expect(script).toContain('rm -rf "$S/"el8/nginx/etc/init.d');
    expect(script).toContain('cp -a "$S/el8/nginx/." "$S/el7/nginx/"');
    // firewalld as EL splits it: the daemon, its python package, the bindings; the unit reads /etc/sysconfig/firewalld
    expect(byName.get('firewalld')?.requires).toEqual(['python3-firewall']);
    expect(byName.get('python3-firewall')?.requires).toEqual(['python3-gobject-base', 'python3-nftables']);
    expect(byName.get('firewalld')?.extra.find(([path]) => path === '/usr/lib/systemd/system/firewalld.service')?.[2]).toContain('EnvironmentFile=-/etc/sysconfig/firewalld\nExecStart=/usr/sbin/firewalld --nofork --nopid $FIREWALLD_ARGS\n');
    expect(script).toContain('unpack el8/python3-gobject-base gir1.2-glib-2.0');
  });
  it('record what a minimal EL install has as installed, in a database of each release that EL hosts point rpm at', () => {
    const script = customizeScript();
    for (const os of ['el8', 'el7'] as const) {
      const pre = labPackages(os).filter((p) => p.preinstalled === true);
      expect(pre.map((p) => p.name)).toEqual(expect.arrayContaining(['openssh-server', 'openssh-clients', 'sudo']));
      // no files: the programs are the image's own
      for (const p of pre) expect(p.extra.length + p.gate.length + (p.debs ?? []).length).toBe(0);
      expect(script).toContain(`rpm --root "$R" --dbpath /var/lib/kplay-rpmdb/${os} --install --justdb --nodeps --noscripts `);
      expect(script).toContain(`"$W/rpm-${os}/RPMS/noarch/"sudo-${os === 'el8' ? '1.9.5p2' : '1.8.23'}-1.kplay.${os}.noarch.rpm`);
      const macros = identityFor(os).files.find(([path]) => path === '/etc/rpm/macros.kplay-lab');
      expect(macros?.[1]).toBe(`%_dbpath /var/lib/kplay-rpmdb/${os}\n`);
    }
    expect(identityFor('debian12').files.map(([path]) => path)).not.toContain('/etc/rpm/macros.kplay-lab');
    // cronie is installable: Debian's cron under EL's names, run in the foreground by crond.service
    const cronie = labPackages('el8').find((p) => p.name === 'cronie') ?? expect.fail('no cronie');
    expect(cronie.preinstalled).toBeUndefined();
    expect(cronie.moves).toContainEqual(['/usr/sbin/cron', '/usr/sbin/crond']);
    expect(cronie.extra.find(([path]) => path === '/usr/lib/systemd/system/crond.service')?.[2]).toContain('ExecStart=/usr/sbin/crond -f $CRONDARGS');
  });
  it('gate libvirtd and virsh out of the image, and the script is stable text', () => {
    const script = customizeScript();
    expect(script).toContain("gate el8/libvirt /usr/sbin/libvirtd");
    expect(script).toContain("gate el8/libvirt-client /usr/bin/virsh");
    expect(customizeScript()).toBe(script);
  });
});

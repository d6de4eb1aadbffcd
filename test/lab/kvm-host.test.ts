// The manual's job end to end (issue [5]): playbooks/kvm-host.yml on lab hosts, --check, run, rerun, --limit,
// asserting the recaps and the hosts' real state after each step.
import { describe, expect, it } from 'vitest';
import { kplayJson } from './support/cli.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';

const PACKAGES_EL8 = ['qemu-kvm', 'qemu-img', 'virt-manager', 'libvirt', 'python3-libvirt', 'libvirt-client', 'virt-install', 'virt-viewer'];
const PACKAGES_EL7 = PACKAGES_EL8.map((p) => (p === 'python3-libvirt' ? 'libvirt-python' : p));

const cases = [
  { os: 'el8' as const, cpu: ['vmx', 'svm', 'vmx', 'none'] as const, packages: PACKAGES_EL8 },
  { os: 'el7' as const, cpu: ['svm', 'none'] as const, packages: PACKAGES_EL7 },
];

describe.each(cases)('kvm-host.yml on $os lab hosts', ({ os, cpu, packages }) => {
  const info = useLab({ name: `kvm${os}`, count: cpu.length, kind: 'full', cpu: [...cpu], os, teardownTimeout: 900_000 });
  const run = (...extra: string[]) => kplayJson('playbooks/kvm-host.yml', '-i', info.inventory, '-e', '@inventory/lab-guests.yml', ...extra);
  const capable = () => info.hosts.filter((h) => h.cpu !== 'none');
  const incapable = () => info.hosts.filter((h) => h.cpu === 'none');
  const on = (h: { address: string }, cmd: string) => sshRun({ address: h.address, keyPath: info.keyPath, knownHosts: info.knownHosts }, cmd);

  it('--check predicts the changes on capable hosts, fails the host without vmx/svm, installs nothing', async () => {
    const r = await run('--check');
    expect(r.code, r.stderr).toBe(2);
    for (const h of capable()) {
      expect(r.recap[h.name]?.failed).toBe(0);
      expect(r.recap[h.name]?.changed).toBeGreaterThanOrEqual(3);
    }
    for (const h of incapable()) expect(r.recap[h.name]?.failed).toBe(1);
    for (const h of info.hosts) {
      const q = await on(h, `rpm -q ${packages.join(' ')}`);
      expect(q.stdout.match(/is not installed/g)?.length).toBe(packages.length);
      expect((await on(h, 'systemctl cat libvirtd.service')).code).not.toBe(0);
    }
  });

  it('the real run installs the packages, starts and enables libvirtd, runs the guest; the incapable host gets nothing', async () => {
    const r = await run();
    expect(r.code, r.stderr).toBe(2);
    for (const h of capable()) {
      expect(r.recap[h.name]).toMatchObject({ failed: 0, unreachable: 0 });
      expect(r.recap[h.name]?.changed).toBeGreaterThanOrEqual(4);
      expect((await on(h, `rpm -q ${packages.join(' ')}`)).code).toBe(0);
      expect((await on(h, 'systemctl is-active libvirtd')).stdout.trim()).toBe('active');
      expect((await on(h, 'systemctl is-enabled libvirtd')).stdout.trim()).toBe('enabled');
      expect((await on(h, 'virsh -c qemu:///system domstate demo-guest')).stdout.trim()).toBe('running');
      expect((await on(h, 'virsh -c qemu:///system dominfo demo-guest')).stdout).toMatch(/Autostart:\s+enable/);
    }
    for (const h of incapable()) {
      expect(r.recap[h.name]).toMatchObject({ failed: 1, changed: 0 });
      const failure = r.events.find((e) => e.event === 'host_result' && e.host === h.name && e.status === 'failed');
      expect(String(failure?.msg)).toMatch(/vmx/);
      expect(String(failure?.msg)).toMatch(/svm/);
      expect((await on(h, `rpm -q ${packages.join(' ')}`)).stdout.match(/is not installed/g)?.length).toBe(packages.length);
    }
  });

  it('the rerun changes nothing on the capable hosts', async () => {
    const r = await run();
    expect(r.code, r.stderr).toBe(2);
    for (const h of capable()) expect(r.recap[h.name]).toMatchObject({ changed: 0, failed: 0 });
  });

  it('limited to the capable hosts, the run exits 0', async () => {
    const r = await run('--limit', `all:!${incapable().map((h) => h.name).join(':!')}`);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(r.recap).sort()).toEqual(capable().map((h) => h.name).sort());
  });
});

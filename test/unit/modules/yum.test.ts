// yum/dnf: plans from rpm/dnf outputs as data, probes, the rpm query (also against the real rpm), finish.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../modules/contract.js';
import { nevra, parseCheckUpdate, parseGroupList, parseRpmQuery, rpmQueryCommand } from '../../../modules/support/rpm-query.js';
import { dnfError, finishPackages } from '../../../modules/support/yum-plan.js';
import { yumModule } from '../../../modules/yum.js';
import { fixture, itPlans, parsesAsSh, planContext, withDefaults, type PlanCase } from './fixtures/kvm/harness.js';

// real rpm 4.18 output of rpmQueryCommand for specs built with rpmbuild (see the fixture's "###" headers)
const rpmOut = fixture('rpm-query.out');

function rpmFor(specs: readonly string[], installed: Readonly<Record<string, string>>): string {
  return specs.map((s) => `### ${s}\n${installed[s] ?? `package ${s} is not installed\nno package provides ${s}\n`}`).join('');
}
const QEMU = '+ qemu-kvm 15 4.2.0 48.module+el8.6.0+1 x86_64\n';
const LIBVIRT = '+ libvirt 0 8.0.0 5.module+el8.6.0+1 x86_64\n';

const cases: readonly PlanCase[] = [
  {
    name: 'present, all installed: ok with versions',
    params: { name: ['qemu-kvm', 'libvirt'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'libvirt'], { 'qemu-kvm': QEMU, libvirt: LIBVIRT }) },
    expected: { kind: 'ok', reason: 'installed: qemu-kvm-15:4.2.0-48.module+el8.6.0+1.x86_64, libvirt-8.0.0-5.module+el8.6.0+1.x86_64' },
  },
  {
    name: 'present, some missing: one transaction for all missing, then the post-query',
    params: { name: ['qemu-kvm', 'libvirt', 'virt-install'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'libvirt', 'virt-install'], { 'qemu-kvm': QEMU }) },
    expected: {
      kind: 'change',
      summary: 'install libvirt, virt-install',
      cmds: ['dnf -y install libvirt virt-install', rpmQueryCommand(['install:libvirt', 'install:virt-install'], true)],
    },
  },
  {
    name: 'check mode: the dry run names a package no repository has: fail with dnf words, not a predicted install',
    params: { name: ['qemu-kvm', 'kplay-no-such'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'kplay-no-such'], { 'qemu-kvm': QEMU }), resolve: { stderr: 'Error: Unable to find a match: kplay-no-such\n', code: 1 } },
    expected: { kind: 'fail', msg: 'Error: Unable to find a match: kplay-no-such' },
  },
  {
    name: 'check mode: the dry run would install (Operation aborted.): the install is predicted',
    params: { name: ['qemu-kvm', 'libvirt'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'libvirt'], { 'qemu-kvm': QEMU }), resolve: { stderr: 'Operation aborted.\n', code: 1 } },
    expected: { kind: 'change', summary: 'install libvirt' },
  },
  {
    name: 'comma string, repos, gpg and cache options (disablerepo before enablerepo)',
    params: { name: ['qemu-kvm, libvirt'], enablerepo: ['lab'], disablerepo: ['*'], disable_gpg_check: true, update_cache: true },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'libvirt'], {}) },
    expected: {
      kind: 'change',
      cmds: ["dnf -y '--disablerepo=*' --enablerepo=lab --nogpgcheck --refresh install qemu-kvm libvirt", rpmQueryCommand(['install:qemu-kvm', 'install:libvirt'], true)],
    },
  },
  {
    name: 'yum host (EL 7): yum, cache expired first',
    params: { name: ['libvirt'], update_cache: true },
    observed: { tool: '/usr/bin/yum\n', rpm: rpmFor(['libvirt'], {}) },
    expected: { kind: 'change', cmds: ['yum -q clean expire-cache && yum -y install libvirt', rpmQueryCommand(['install:libvirt'], true)] },
  },
  {
    name: 'virtual provides and file paths count as installed (real rpm output)',
    params: { name: ['kplay-virtual', '/usr/bin/kplay-demo', 'kplay-tool-4.2.0', 'kplay-demo.x86_64'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmOut },
    expected: { kind: 'ok', reason: /^installed: kplay-demo-2:1\.2-3\.el8\.x86_64, kplay-demo-2:1\.2-3\.el8\.x86_64, kplay-tool-4\.2\.0-48\.module_el8\.6\.0\+1\.noarch/ },
  },
  {
    name: 'a name-version spec not installed in that version is missing (real rpm output)',
    params: { name: ['kplay-demo', 'kplay-demo-1.0'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmOut },
    expected: { kind: 'change', summary: 'install kplay-demo-1.0' },
  },
  {
    name: 'absent: removes only what is installed, summary with versions',
    params: { name: ['qemu-kvm', 'libvirt'], state: 'absent' },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm', 'libvirt'], { libvirt: LIBVIRT }) },
    expected: { kind: 'change', summary: 'remove libvirt-8.0.0-5.module+el8.6.0+1.x86_64', cmds: ['dnf -y remove libvirt'] },
  },
  {
    name: 'removed, nothing installed: ok',
    params: { name: ['qemu-kvm'], state: 'removed' },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm'], {}) },
    expected: { kind: 'ok', reason: 'not installed: qemu-kvm' },
  },
  {
    name: 'latest with an update available (real check-update output): upgrade',
    params: { name: ['kplay-demo', 'kplay-tool'], state: 'latest' },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmOut.replace('### kplay-tool-4.2.0', '### kplay-tool'), updates: { stdout: fixture('dnf-check-update.out'), code: 100 } },
    expected: { kind: 'change', summary: 'upgrade kplay-demo-2:1.2-3.el8.x86_64', cmds: ['dnf -y upgrade kplay-demo', rpmQueryCommand(['upgrade:kplay-demo'], true)] },
  },
  {
    name: 'latest, up to date (check-update exit 0): ok',
    params: { name: ['qemu-kvm'], state: 'latest' },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['qemu-kvm'], { 'qemu-kvm': QEMU }), updates: { stdout: '', code: 0 } },
    expected: { kind: 'ok', reason: /^installed and up to date: qemu-kvm-15:4\.2\.0/ },
  },
  {
    name: 'latest, one missing and one outdated: one install transaction',
    params: { name: ['qemu-kvm', 'libvirt'], state: 'latest' },
    observed: {
      tool: '/usr/bin/dnf\n',
      rpm: rpmFor(['qemu-kvm', 'libvirt'], { 'qemu-kvm': QEMU }),
      updates: { stdout: '\nqemu-kvm.x86_64      15:4.2.0-49.module+el8.7.0+1      appstream\n', code: 100 },
    },
    expected: { kind: 'change', cmds: ['dnf -y install libvirt qemu-kvm', rpmQueryCommand(['install:libvirt', 'upgrade:qemu-kvm'], true)] },
  },
  {
    name: "latest '*': dnf upgrade when updates exist",
    params: { name: ['*'], state: 'latest' },
    observed: { tool: '/usr/bin/dnf\n', updates: { stdout: fixture('dnf-check-update.out'), code: 100 } },
    expected: { kind: 'change', cmds: ['dnf -y upgrade'] },
  },
  {
    name: 'groups: installed by id or name',
    params: { name: ['@Virtualization Host', '@development'] },
    observed: {
      tool: '/usr/bin/dnf\n',
      groups: 'Installed Environment Groups:\n   Virtualization Host (virtualization-host-environment)\nInstalled Groups:\n   Development Tools (development)\n',
    },
    expected: { kind: 'ok' },
  },
  {
    name: 'groups: a missing group is installed in the same transaction as packages',
    params: { name: ['@virtualization', 'libvirt'] },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['libvirt'], {}), groups: 'Installed Groups:\n   Development Tools (development)\n' },
    expected: { kind: 'change', cmds: ['dnf -y install @virtualization libvirt', rpmQueryCommand(['install:libvirt'], true)] },
  },
  {
    name: 'neither dnf nor yum',
    params: { name: ['libvirt'] },
    observed: { tool: { code: 1 }, rpm: { code: 127 } },
    expected: { kind: 'fail', msg: 'neither dnf nor yum was found on the host' },
  },
  {
    name: 'check-update failing (repo unreachable) is reported, with dnf words',
    params: { name: ['libvirt'], state: 'latest' },
    observed: { tool: '/usr/bin/dnf\n', rpm: rpmFor(['libvirt'], { libvirt: LIBVIRT }), updates: { code: 1, stderr: "Error: Failed to download metadata for repo 'lab': Cannot download repomd.xml\n" } },
    expected: { kind: 'fail', msg: "dnf check-update failed: Error: Failed to download metadata for repo 'lab': Cannot download repomd.xml" },
  },
];

const params = (p: Record<string, unknown>): never => withDefaults(yumModule, p);

describe('yum plan', () => {
  itPlans(yumModule, cases);

  it('asks one rpm query for every name, plus check-update for latest, all valid sh', () => {
    const probes = yumModule.probe?.(params({ name: ['qemu-kvm', 'libvirt', '@virt'], state: 'latest', update_cache: true }), planContext()) ?? {};
    expect(Object.keys(probes).sort()).toEqual(['groups', 'rpm', 'tool', 'updates']);
    expect(probes.rpm).toBe(rpmQueryCommand(['qemu-kvm', 'libvirt']));
    expect(probes.updates).toContain('check-update qemu-kvm libvirt');
    for (const cmd of Object.values(probes)) expect(parsesAsSh(cmd), cmd).toBe(true);
  });

  it('in check mode adds one dry-run transaction for every name (not for removals), valid sh', () => {
    const probes = yumModule.probe?.(params({ name: ['qemu-kvm', '@virt'], enablerepo: ['lab'] }), planContext(true)) ?? {};
    expect(probes.resolve).toBe('pm=$(command -v dnf || command -v yum) || exit 127; "$pm" -q --assumeno --enablerepo=lab install qemu-kvm @virt');
    expect(parsesAsSh(probes.resolve ?? ''), probes.resolve).toBe(true);
    expect(yumModule.probe?.(params({ name: ['qemu-kvm'] }), planContext()) ?? {}).not.toHaveProperty('resolve');
    expect(yumModule.probe?.(params({ name: ['qemu-kvm'], state: 'absent' }), planContext(true)) ?? {}).not.toHaveProperty('resolve');
  });

  it('documents every parameter', () => {
    for (const [k, s] of Object.entries(yumModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
    expect(yumModule.aliases).toContain('dnf');
  });
});

describe('rpm query', () => {
  it('parses real rpm output per spec, also when rpm printed "not installed" lines', () => {
    const q = parseRpmQuery(rpmOut);
    expect(q.get('kplay-demo')?.map(nevra)).toEqual(['kplay-demo-2:1.2-3.el8.x86_64']);
    expect(q.get('kplay-virtual')?.map((p) => p.name)).toEqual(['kplay-demo']);
    expect(q.get('/usr/bin/kplay-demo')?.map((p) => p.name)).toEqual(['kplay-demo']);
    expect(q.get('kplay-tool-4.2.0')?.[0]).toEqual({ name: 'kplay-tool', epoch: '', version: '4.2.0', release: '48.module_el8.6.0+1', arch: 'noarch' });
    expect(q.get('qemu-kvm')).toEqual([]);
    expect(q.get('kplay-demo-1.0')).toEqual([]);
  });

  it('runs with the real rpm: one section per spec and exit 0 even when all are missing', () => {
    const specs = ['kplay-surely-not-installed', "it's spaced out", 'x.y-1'];
    const r = spawnSync('sh', ['-c', rpmQueryCommand(specs)], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const q = parseRpmQuery(r.stdout);
    expect([...q.keys()]).toEqual(specs);
    for (const s of specs) expect(q.get(s)).toEqual([]);
  });

  it('parses real dnf check-update output', () => {
    expect(parseCheckUpdate(fixture('dnf-check-update.out'))).toEqual([{ name: 'kplay-demo', arch: 'x86_64', version: '2:1.3-3.el8', repo: 'lab' }]);
  });

  it('ignores obsoletes', () => {
    const out = 'libvirt.x86_64   8.0.0-6.el8   appstream\nObsoleting Packages\nqemu-kvm.x86_64   15:6.2.0-1.el8   appstream\n';
    expect(parseCheckUpdate(out).map((u) => u.name)).toEqual(['libvirt']);
  });

  it('parses installed group lists', () => {
    expect(parseGroupList('Installed Groups:\n   Development Tools (development)\n')).toEqual([{ name: 'Development Tools', id: 'development' }]);
  });
});

describe('yum finish', () => {
  const tx = (code: number, stdout: string, stderr: string) => ({ step: { cmd: 'dnf -y install x', describe: 'install x' } as Step, code, stdout, stderr });

  it("fails with dnf's own message for an unknown package (real dnf output)", () => {
    const f = finishPackages([tx(1, fixture('dnf-install-nomatch.out'), fixture('dnf-install-nomatch.err'))]);
    expect(f.failed).toBe('No match for argument: nosuchpkg\nError: Unable to find a match: nosuchpkg');
  });

  it('lists installed and upgraded packages with versions from the post-query', () => {
    const post = { step: { cmd: '', describe: 'read the versions now installed' } as Step, code: 0, stderr: '', stdout: '### install:kplay-tool\n+ kplay-tool (none) 4.2.0 48.module_el8.6.0+1 noarch\n### upgrade:kplay-demo\n+ kplay-demo 2 1.3 3.el8 x86_64\n' };
    const f = finishPackages([tx(0, fixture('dnf-install.out'), ''), post]);
    expect(f).toEqual({ data: { installed: ['kplay-tool-4.2.0-48.module_el8.6.0+1.noarch'], upgraded: ['kplay-demo-2:1.3-3.el8.x86_64'] } });
  });

  it('keeps the solver problem lines', () => {
    const err = 'Error: \n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64\n';
    expect(dnfError('', err)).toBe('Error:\n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64');
  });
});

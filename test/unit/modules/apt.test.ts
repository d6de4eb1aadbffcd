// apt and package as data: plans from dpkg-query/apt output, the real dpkg on this machine, dispatch on pkg_mgr.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { aptModule } from '../../../modules/apt.js';
import { parseAptGetOutput, parsePolicy } from '../../../modules/common/apt-query.js';
import type { ProbeOutput, StepOutput } from '../../../modules/contract.js';
import { packageModule } from '../../../modules/package.js';
import { ctx, expectPlan, facts, out, plan, probes, type PlanCase } from './harness.js';

const dpkg = (...rows: string[]): ProbeOutput => out(rows.map((r) => `${r}\n`).join(''), rows.length > 0 ? 0 : 1);
const inst = (name: string, version = '1.0') => `${name}\tinstall ok installed\t${version}`;
const APT = 'DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold';
const base = { state: 'present', update_cache: false, cache_valid_time: 0, purge: false };

const cases: readonly PlanCase[] = [
  { name: 'all installed: ok, nothing run', params: { ...base, name: ['qemu-kvm', 'libvirt'] }, observed: { dpkg: dpkg(inst('qemu-kvm'), inst('libvirt')) }, kind: 'ok', text: /installed: qemu-kvm 1.0, libvirt 1.0/ },
  { name: 'missing ones in one transaction', params: { ...base, name: ['a', 'b', 'c'] }, observed: { dpkg: dpkg(inst('b')) }, kind: 'change', cmds: [`${APT} install -- a c`] },
  { name: 'removed with config files left counts as not installed', params: { ...base, name: ['a'] }, observed: { dpkg: dpkg('a\tdeinstall ok config-files\t1.0') }, kind: 'change', cmds: [`${APT} install -- a`] },
  { name: 'pinned version differs', params: { ...base, name: ['nginx=1.2'] }, observed: { dpkg: dpkg(inst('nginx', '1.1')) }, kind: 'change', cmds: [`${APT} install -- nginx=1.2`] },
  { name: 'pinned version matches', params: { ...base, name: ['nginx=1.2'] }, observed: { dpkg: dpkg(inst('nginx', '1.2')) }, kind: 'ok' },
  { name: 'update_cache with everything installed: ok (no refresh)', params: { ...base, update_cache: true, name: ['a'] }, observed: { dpkg: dpkg(inst('a')), cache: out('1000\n900\n') }, kind: 'ok' },
  { name: 'update_cache before an install', params: { ...base, update_cache: true, name: ['a'] }, observed: { dpkg: dpkg(), cache: out('1000\n900\n') }, kind: 'change', cmds: ['DEBIAN_FRONTEND=noninteractive apt-get -q update', `${APT} install -- a`] },
  { name: 'cache still valid: no update', params: { ...base, update_cache: true, cache_valid_time: 3600, name: ['a'] }, observed: { dpkg: dpkg(), cache: out('1000\n900\n') }, kind: 'change', cmds: [`${APT} install -- a`] },
  { name: 'cache only, fresh enough', params: { ...base, cache_valid_time: 3600 }, observed: { cache: out('1000\n900\n') }, kind: 'ok', text: /100s old/ },
  { name: 'cache only, stale', params: { ...base, cache_valid_time: 60 }, observed: { cache: out('1000\n900\n') }, kind: 'change', cmds: ['DEBIAN_FRONTEND=noninteractive apt-get -q update'] },
  { name: 'absent: removes installed only', params: { ...base, state: 'absent', name: ['a', 'b'] }, observed: { dpkg: dpkg(inst('a')) }, kind: 'change', cmds: [`${APT} remove -- a`] },
  { name: 'absent when absent', params: { ...base, state: 'absent', name: ['a'] }, observed: { dpkg: dpkg() }, kind: 'ok', text: /not installed: a/ },
  { name: 'purge config-only leftovers', params: { ...base, state: 'absent', purge: true, name: ['a'] }, observed: { dpkg: dpkg('a\tdeinstall ok config-files\t1.0') }, kind: 'change', cmds: [`${APT} remove --purge -- a`] },
  { name: 'latest: upgrade only what is behind', params: { ...base, state: 'latest', name: ['a', 'b'] }, observed: { dpkg: dpkg(inst('a', '1'), inst('b', '2')), policy: out('a:\n  Installed: 1\n  Candidate: 2\nb:\n  Installed: 2\n  Candidate: 2\n') }, kind: 'change', cmds: [`${APT} install -- a`] },
  { name: 'latest: all current', params: { ...base, state: 'latest', name: ['b'] }, observed: { dpkg: dpkg(inst('b', '2')), policy: out('b:\n  Installed: 2\n  Candidate: 2\n') }, kind: 'ok' },
  { name: 'quoting of odd names', params: { ...base, name: ["a;rm -rf /", '$(x)'] }, observed: { dpkg: dpkg() }, kind: 'change', cmds: [`${APT} install -- 'a;rm -rf /' '$(x)'`] },
  { name: 'not a Debian host', params: { ...base, name: ['a'] }, observed: { dpkg: out('', 127) }, kind: 'fail', text: /Debian/ },
];

describe('apt plans', () => {
  for (const c of cases) it(c.name, () => expectPlan(plan(aptModule, c.params, c.observed), c));

  it('one dpkg-query probe for every name, the format safe from the shell', () => {
    const pr = probes(aptModule, { ...base, name: ['qemu-kvm', 'nginx=1.2'] });
    expect(pr).toEqual({ dpkg: `dpkg-query -W -f='\${Package}\t\${Status}\t\${Version}\n' -- qemu-kvm nginx` });
  });

  it('reads this machine for real: dpkg is installed, a made-up name is not', () => {
    const pr = probes(aptModule, { ...base, name: ['dpkg', 'kplay-no-such-package'] });
    const r = spawnSync('sh', ['-c', pr.dpkg ?? 'false'], { encoding: 'utf8' });
    const p = plan(aptModule, { ...base, name: ['dpkg', 'kplay-no-such-package'] }, { dpkg: { stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 } });
    expect(p.kind === 'change' && p.steps.map((s) => s.cmd)).toEqual([`${APT} install -- kplay-no-such-package`]);
    expect(plan(aptModule, { ...base, name: ['dpkg'] }, { dpkg: { stdout: r.stdout, stderr: '', code: 0 } }).kind).toBe('ok');
  });

  it('parses apt-cache policy and apt-get output', () => {
    expect(parsePolicy(out('dpkg:\n  Installed: 1.21.22\n  Candidate: 1.21.23\n  Version table:\nx:\n  Installed: (none)\n  Candidate: 2\n'))).toEqual(
      new Map([
        ['dpkg', { installed: '1.21.22', candidate: '1.21.23' }],
        ['x', { installed: undefined, candidate: '2' }],
      ]),
    );
    const r = parseAptGetOutput('Reading package lists...\n0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.\nSetting up tree (2.1.0-1) ...\n');
    expect(r).toEqual({ installed: ['tree=2.1.0-1'], removed: [], changedCount: 1 });
  });

  it('finish: nothing done after a cache update is ok; apt errors are shown as apt says them', () => {
    const step = { cmd: 'x', describe: 'apt-get transaction' };
    const none: StepOutput[] = [{ step, code: 0, stdout: '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n', stderr: '' }];
    expect(aptModule.finish?.({ ...base, name: ['a'] } as never, none)).toMatchObject({ changed: false });
    const bad: StepOutput[] = [{ step, code: 100, stdout: '', stderr: 'E: Unable to locate package nope\n' }];
    expect(aptModule.finish?.({ ...base, name: ['nope'] } as never, bad)).toEqual({ failed: 'E: Unable to locate package nope' });
  });
});

describe('package dispatches on pkg_mgr', () => {
  it('apt hosts get the apt plan', () => {
    const c = ctx({ facts: facts('apt') });
    const p = packageModule.plan({ name: ['a'], state: 'installed', use: 'auto' }, { dpkg: dpkg() }, c);
    expect(p.kind === 'change' && p.steps.map((s) => s.cmd)).toEqual([`${APT} install -- a`]);
    expect(Object.keys(packageModule.probe?.({ name: ['a'], state: 'present', use: 'auto' }, c) ?? {})).toEqual(['dpkg']);
    expect(packageModule.needsFacts).toBe(true);
  });

  it('dnf hosts get the yum planner (one rpm query)', () => {
    const c = ctx({ facts: facts('dnf') });
    const pr = packageModule.probe?.({ name: ['qemu-kvm', 'libvirt'], state: 'present', use: 'auto' }, c) ?? {};
    expect(pr.rpm).toContain('rpm');
    expect(pr.rpm).toContain('qemu-kvm');
    expect(pr).not.toHaveProperty('dpkg');
  });

  it('use overrides the fact; an unknown manager fails plainly', () => {
    const c = ctx({ facts: facts('apt') });
    expect(Object.keys(packageModule.probe?.({ name: ['a'], state: 'present', use: 'yum' }, c) ?? {})).toContain('rpm');
    const p = packageModule.plan({ name: ['a'], state: 'present', use: 'auto' }, {}, ctx({ facts: { ...facts('apt'), pkg_mgr: 'zypper' } }));
    expect(p).toMatchObject({ kind: 'fail', msg: expect.stringMatching(/no support for the package manager 'zypper'/) as unknown });
    expect(packageModule.plan({ name: ['a'], state: 'present', use: 'auto' }, {}, ctx()).kind).toBe('fail');
  });

  it('finish follows the planner that made the steps', () => {
    const step = { cmd: 'x', describe: 'apt-get transaction' };
    expect(packageModule.finish?.({ name: ['a'], state: 'present', use: 'auto' }, [{ step, code: 0, stdout: 'Setting up a (1) ...\n1 upgraded, 0 newly installed, 0 to remove\n', stderr: '' }])).toMatchObject({ data: { installed: ['a=1'] } });
  });
});

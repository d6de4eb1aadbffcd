// Data never becomes an option: hostile names are refused by every module's schema (validate and run time), and the
// host commands put operands after "--" where the tool honours it (rpm, dpkg-query, apt-get, apt-cache, systemctl).
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../engine/run/params.js';
import { checkObject } from '../../../engine/validate/param-check.js';
import { aptModule } from '../../../modules/apt.js';
import { dpkgQueryCommand, policyCommand } from '../../../modules/common/apt-query.js';
import { fileModule } from '../../../modules/file.js';
import { looksLikeOption } from '../../../modules/common/schema.js';
import type { ModuleDef } from '../../../modules/contract.js';
import { packageModule } from '../../../modules/package.js';
import { serviceModule } from '../../../modules/service.js';
import { rpmQueryCommand } from '../../../modules/support/rpm-query.js';
import { showCommand } from '../../../modules/support/systemctl-show.js';
import { packageProbes, planPackages } from '../../../modules/support/yum-plan.js';
import { virtModule } from '../../../modules/virt.js';
import { virtNetModule } from '../../../modules/virt_net.js';
import { yumModule } from '../../../modules/yum.js';
import { kitPlanContext } from './kit/plan-context.js';

const HOSTILE = ['--eval=%(touch /tmp/pwned)', '--installroot=/tmp/x', '--setopt=tsflags=noscripts', '-y', ' --eval=x'];

// module, the parameter, and how a value is written in it (a list or one string)
const cases: [string, ModuleDef, string, (v: string) => unknown][] = [
  ['yum name', yumModule, 'name', (v) => [v]],
  ['yum name (comma string)', yumModule, 'name', (v) => `vim, ${v}`],
  ['yum enablerepo', yumModule, 'enablerepo', (v) => [v]],
  ['yum disablerepo', yumModule, 'disablerepo', (v) => [v]],
  ['package name', packageModule, 'name', (v) => [v]],
  ['apt name', aptModule, 'name', (v) => [v]],
  ['apt pkg', aptModule, 'pkg', (v) => v],
  ['service name', serviceModule, 'name', (v) => v],
  ['virt name', virtModule, 'name', (v) => v],
  ['virt_net name', virtNetModule, 'name', (v) => v],
];

const base = (m: ModuleDef): Record<string, unknown> => (m.name === 'yum' || m.name === 'package' ? { name: ['vim'] } : {});

describe('option-like names are refused by the schema', () => {
  for (const [label, mod, key, write] of cases) {
    for (const v of HOSTILE) {
      it(`${label}: ${v}`, () => {
        const raw = { ...base(mod), [key]: write(v) };
        const run = checkParams(mod, raw);
        expect(run.ok).toBe(false);
        if (!run.ok) expect(run.msg).toMatch(/does not start with "-" \(it would be read as an option\)/);
        const faults = checkObject(mod.params, raw, []);
        expect(faults.map((f) => f.message).join('\n')).toMatch(/would be read as an option/);
      });
    }
    it(`${label}: ordinary names still pass`, () => {
      for (const ok of ['qemu-kvm', 'foo-1.2.x86_64', '@^minimal-environment', '/usr/bin/virsh', 'a-b.service', '1:2.0']) {
        expect(checkParams(mod, { ...base(mod), [key]: write(ok) }).ok).toBe(true);
        expect(checkObject(mod.params, { ...base(mod), [key]: write(ok) }, [])).toEqual([]);
      }
    });
  }
});

describe('yum/package planning refuses option-like names before anything runs', () => {
  it('no probe at all, and a failure naming the value', () => {
    const req = { names: ['vim', '--eval=%(touch /tmp/pwned)'], state: 'absent' as const };
    expect(packageProbes(req)).toEqual({});
    const plan = planPackages(req, { tool: { code: 0, stdout: '/usr/bin/dnf\n', stderr: '' } });
    expect(plan.kind).toBe('fail');
    if (plan.kind === 'fail') expect(plan.msg).toMatch(/"--eval=%\(touch \/tmp\/pwned\)" would be read as an option by dnf/);
    expect(packageProbes({ names: ['vim'], state: 'present', enablerepo: ['--setopt=x'] })).toEqual({});
  });
  it('looksLikeOption', () => {
    expect(HOSTILE.every(looksLikeOption)).toBe(true);
    expect(['vim', 'a-b', '@x', '/p'].some(looksLikeOption)).toBe(false);
  });
});

describe('host commands put operands after "--"', () => {
  it('rpm -q and rpm -q --whatprovides', () => {
    const cmd = rpmQueryCommand(['--eval=x']);
    expect(cmd).toContain(`rpm -q --qf '+ %{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH}\\n' -- "$s"`);
    expect(cmd).toContain(`rpm -q --whatprovides --qf '+ %{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH}\\n' -- "$s"`);
  });
  it('dpkg-query, apt-cache policy, systemctl show', () => {
    expect(dpkgQueryCommand(['-x'])).toMatch(/ -- '?-x'?$/);
    expect(policyCommand(['-x'])).toMatch(/apt-cache policy -- '?-x'?$/);
    expect(showCommand('x')).toMatch(/^systemctl show -p \S+ -- x\.service$/);
  });
  it('find gets ./ before a relative path that starts with "-" (it would be an expression: -exec)', () => {
    const pr = { ...(fileModule.probe?.({ path: '-exec', state: 'directory', recurse: true, mode: '0755', force: false }, kitPlanContext()) ?? {}) };
    expect(pr.tree).toMatch(/^find \.\/-exec -mindepth 1 /);
  });
});

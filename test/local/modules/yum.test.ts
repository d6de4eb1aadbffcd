// yum's probes under the real sh and rpm of this machine: the rpm query parses and answers one section per spec,
// and every probe the module asks for is valid POSIX sh (quoting mistakes show here).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseRpmQuery, rpmQueryCommand } from '../../../modules/support/rpm-query.js';
import { yumModule } from '../../../modules/yum.js';
import { checkParams } from '../../../engine/run/params.js';
import { kitPlanContext } from '../../unit/modules/kit/plan-context.js';

const parsesAsSh = (cmd: string): boolean => spawnSync('sh', ['-n', '-c', cmd], { stdio: 'ignore' }).status === 0;
function params(p: Record<string, unknown>): never {
  const checked = checkParams(yumModule, p);
  if (!checked.ok) throw new Error(checked.msg);
  return checked.params as never;
}

describe('yum probes under a real shell', () => {
  it('every probe, with check mode and options, is valid sh', () => {
    for (const check of [false, true]) {
      const probes = yumModule.probe?.(params({ name: ['qemu-kvm', "it's", '@virt'], state: 'latest', update_cache: true, enablerepo: ['lab'] }), kitPlanContext({ check })) ?? {};
      expect(Object.keys(probes).length).toBeGreaterThan(2);
      for (const cmd of Object.values(probes)) expect(parsesAsSh(cmd), cmd).toBe(true);
    }
  });

  it('runs with the real rpm: one section per spec and exit 0 even when all are missing', () => {
    const specs = ['kplay-surely-not-installed', "it's spaced out", 'x.y-1'];
    const r = spawnSync('sh', ['-c', rpmQueryCommand(specs)], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const q = parseRpmQuery(r.stdout);
    expect([...q.keys()]).toEqual(specs);
    for (const s of specs) expect(q.get(s)).toEqual([]);
  });});

// virt's shell scripts parse as POSIX sh (sh -n): the shutdown wait (with and without force) and the one probe that
// reads every guest's dominfo. Their content is checked as data in test/unit/modules/cases/virt.yml.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../engine/run/params.js';
import { virtModule } from '../../../modules/virt.js';
import { kitPlanContext, probeOut } from '../../unit/modules/kit/plan-context.js';

const parsesAsSh = (cmd: string): boolean => spawnSync('sh', ['-n', '-c', cmd], { stdio: 'ignore' }).status === 0;
const RUNNING = 'Name:           demo\nState:          running\nPersistent:     yes\nAutostart:      disable\n';

function params(p: Record<string, unknown>): Record<string, unknown> {
  const checked = checkParams(virtModule, p);
  if (!checked.ok) throw new Error(checked.msg);
  return checked.params;
}

describe('virt scripts under sh -n', () => {
  it.each([
    [{ name: 'demo', state: 'shutdown', shutdown_timeout: 30, force: true }],
    [{ name: 'demo', state: 'shutdown' }],
  ])('shutdown %j', (p) => {
    const plan = virtModule.plan(params(p) as never, { dominfo: probeOut(RUNNING) }, kitPlanContext());
    const cmd = plan.kind === 'change' ? (plan.steps[0]?.cmd ?? '') : '';
    expect(cmd).toContain('shutdown demo');
    expect(parsesAsSh(cmd)).toBe(true);
  });

  it('the info probe for all guests', () => {
    const list = virtModule.probe?.(params({ command: 'info' }) as never, kitPlanContext()).list ?? '';
    expect(list).toContain('dominfo');
    expect(parsesAsSh(list)).toBe(true);
  });
});

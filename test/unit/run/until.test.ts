// until/retries as Ansible 2.14's TaskExecutor counts them: tries, retry lines, and the exhausted result.
import { describe, expect, it } from 'vitest';
import type { ModuleOutcome } from '../../../engine/run/module-call.js';
import { retryUntil, untilTries } from '../../../engine/run/until.js';

const failed: ModuleOutcome = { status: 'failed', msg: 'non-zero return code', predicted: false, data: { rc: 1 }, commands: [] };
const changed: ModuleOutcome = { status: 'changed', msg: 'run true', predicted: false, data: { rc: 0, msg: '' }, commands: [] };

async function run(first: ModuleOutcome, retries: number | undefined, holdsAt = Infinity) {
  const left: number[] = [];
  let calls = 1;
  const out = await retryUntil(first, {
    retries,
    call: () => Promise.resolve(first),
    holds: () => calls >= holdsAt,
    retrying: (n) => left.push(n),
    pause: () => {
      calls++;
      return Promise.resolve();
    },
  });
  return { out, left, calls };
}

describe('untilTries', () => {
  it('the first try and `retries` more; the default 3; 0 or less: one', () => {
    expect([untilTries(2), untilTries(undefined), untilTries(0), untilTries(-1)]).toEqual([3, 4, 1, 1]);
  });
});

describe('retryUntil', () => {
  it('retries ran out: every try made, attempts one less, the msg as the module gave it', async () => {
    const { out, left, calls } = await run(failed, 2);
    expect(calls).toBe(3);
    expect(left).toEqual([2, 1]);
    expect(out.status).toBe('failed');
    expect(out.msg).toBe('non-zero return code');
    expect(out.data.attempts).toBe(2);
  });
  it('until holds on the second try: attempts 2', async () => {
    const { out, left } = await run(failed, 3, 2);
    expect(left).toEqual([3]);
    expect(out.data.attempts).toBe(2);
  });
  it('a success until never accepts fails with its change and its module msg', async () => {
    const { out } = await run(changed, 1);
    expect(out).toMatchObject({ status: 'failed', msg: '', changedAnyway: true, data: { attempts: 1 } });
  });
  it('retries 0: one try, until never evaluated', async () => {
    const { out, left } = await run(changed, 0);
    expect(left).toEqual([]);
    expect(out).toMatchObject({ status: 'changed', data: { attempts: 1 } });
  });
});

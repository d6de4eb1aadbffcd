// until/retries as Ansible 2.14's TaskExecutor counts them: tries, retry lines, every try judged, the exhausted result.
import { describe, expect, it } from 'vitest';
import type { ModuleOutcome } from '../../../engine/run/module-call.js';
import { retryUntil, untilDelaySeconds, untilTries, type Retry } from '../../../engine/run/until.js';

const failed: ModuleOutcome = { status: 'failed', msg: 'non-zero return code', predicted: false, data: { rc: 1 }, commands: [] };
const changed: ModuleOutcome = { status: 'changed', msg: 'run true', predicted: false, data: { rc: 0, msg: '' }, commands: [] };
const pinged: ModuleOutcome = { status: 'ok', msg: 'pong', predicted: false, data: { ping: 'pong' }, commands: [] };

interface Options {
  readonly holdsAt?: number;
  readonly judge?: (o: ModuleOutcome) => ModuleOutcome;
  readonly holds?: (o: ModuleOutcome) => boolean;
}

async function run(first: ModuleOutcome, retries: number | undefined, options: Options = {}) {
  const retried: Retry[] = [];
  let calls = 1;
  const holdsAt = options.holdsAt ?? Infinity;
  const out = await retryUntil(first, {
    retries,
    call: () => Promise.resolve(first),
    judge: options.judge ?? ((o) => o),
    holds: options.holds ?? (() => calls >= holdsAt),
    retrying: (r) => retried.push(r),
    pause: () => {
      calls++;
      return Promise.resolve();
    },
  });
  return { out, left: retried.map((r) => r.left), retried, calls };
}

/** failed_when: attempts < 2, as a task's judge would apply it */
const failedBeforeSecondTry = (o: ModuleOutcome): ModuleOutcome =>
  Number(o.data.attempts) < 2 ? { ...o, status: 'failed', failedByTask: true, data: { ...o.data, failed_when_result: true } } : { ...o, data: { ...o.data, failed_when_result: false } };

describe('untilTries', () => {
  it('the first try and `retries` more; the default 3; 0 or less: one', () => {
    expect([untilTries(2), untilTries(undefined), untilTries(0), untilTries(-1)]).toEqual([3, 4, 1, 1]);
  });
});

describe('untilDelaySeconds', () => {
  it('the delay; 5 by default; 1 when negative, as Ansible', () => {
    expect([untilDelaySeconds(2), untilDelaySeconds(undefined), untilDelaySeconds(0), untilDelaySeconds(-3)]).toEqual([2, 5, 0, 1]);
  });
});

describe('retryUntil', () => {
  it('retries ran out: every try made, attempts one less, the msg as the module gave it', async () => {
    const { out, left, calls } = await run(failed, 2);
    expect(calls).toBe(3);
    expect(left).toEqual([2, 1]);
    expect(out.status).toBe('failed');
    expect(out.msg).toBe('non-zero return code');
    expect(out.failedByTask).toBeUndefined();
    expect(out.data.attempts).toBe(2);
  });
  it('until holds on the second try: attempts 2', async () => {
    const { out, left } = await run(failed, 3, { holdsAt: 2 });
    expect(left).toEqual([3]);
    expect(out.data.attempts).toBe(2);
  });
  it('a success until never accepts fails with its change, failed by the task (its module msg, or none)', async () => {
    const { out } = await run(changed, 1);
    expect(out).toMatchObject({ status: 'failed', failedByTask: true, changedAnyway: true, data: { attempts: 1, msg: '' } });
    const { out: noMsg } = await run(pinged, 1);
    expect(noMsg).toMatchObject({ status: 'failed', failedByTask: true, changedAnyway: false, data: { attempts: 1 } });
    expect('msg' in noMsg.data).toBe(false);
  });
  it('retries 0: one try, until never evaluated, the try still judged', async () => {
    const { out, left } = await run(changed, 0, { judge: (o) => ({ ...o, status: 'ok' }) });
    expect(left).toEqual([]);
    expect(out).toMatchObject({ status: 'ok', data: { attempts: 1 } });
  });
  it('every try is judged (attempts set first) before until sees it: until r is not failed with a failed_when', async () => {
    const { out, retried } = await run(changed, 3, { judge: failedBeforeSecondTry, holds: (o) => o.status !== 'failed' });
    expect(retried.map((r) => [r.left, r.tries, r.outcome.status, r.outcome.data.attempts])).toEqual([[3, 4, 'failed', 1]]);
    expect(out).toMatchObject({ status: 'changed', data: { attempts: 2, failed_when_result: false } });
  });
  it('a try changed_when turns to changed ends the loop of until r is changed', async () => {
    const changedOnThird = (o: ModuleOutcome): ModuleOutcome => ({ ...o, status: o.data.attempts === 3 ? 'changed' : 'ok' });
    const { out, left } = await run(pinged, 5, { judge: changedOnThird, holds: (o) => o.status === 'changed' });
    expect(left).toEqual([5, 4]);
    expect(out).toMatchObject({ status: 'changed', data: { attempts: 3 } });
  });
  it('a skipped result until never accepts fails with its own msg', async () => {
    const skipped: ModuleOutcome = { status: 'skipped', msg: 'Command would have run if not in check mode', predicted: false, data: {}, commands: [] };
    const { out } = await run(skipped, 1);
    expect(out).toMatchObject({ status: 'failed', msg: 'Command would have run if not in check mode', data: { attempts: 1 } });
    expect(out.failedByTask).toBeUndefined();
  });
});

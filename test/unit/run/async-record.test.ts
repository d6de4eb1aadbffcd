// poll: 0 on a module that cannot start detached: the module's outcome as its job's results file holds it.
import { describe, expect, it } from 'vitest';
import { jobResult } from '../../../engine/run/async-record.js';
import type { ModuleOutcome } from '../../../engine/run/module-call.js';

const outcome = (o: Partial<ModuleOutcome>): ModuleOutcome => ({ status: 'ok', msg: 'kplay words', predicted: false, data: {}, commands: [], ...o });

describe('jobResult', () => {
  it("keeps the module's data and its own msg, not kplay's words for what it did", () => {
    expect(jobResult(outcome({ data: { matched: 2, msg: 'All paths examined' } }))).toEqual({ matched: 2, msg: 'All paths examined', changed: false });
    expect(jobResult(outcome({ status: 'changed' }))).toEqual({ changed: true });
  });
  it('a failure says why, as async_status then fails with that message', () => {
    expect(jobResult(outcome({ status: 'failed', msg: 'file not found: /x' }))).toEqual({ changed: false, failed: true, msg: 'file not found: /x' });
    expect(jobResult(outcome({ status: 'failed', msg: 'rc 1', changedAnyway: true }))).toEqual({ changed: true, failed: true, msg: 'rc 1' });
  });
  it('a skip is recorded as skipped', () => {
    expect(jobResult(outcome({ status: 'skipped', msg: 'nothing to do' }))).toEqual({ changed: false, skipped: true, msg: 'nothing to do' });
  });
});

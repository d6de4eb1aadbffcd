// until/retries/delay as Ansible 2.14's TaskExecutor runs them: `retries` more tries after the first (default 3; 0 or
// less: a single try, and `until` is then never evaluated). A try is followed by "FAILED - RETRYING" when another
// is left. When none holds, the last result fails as it is (its own msg, no words added) and, as Ansible records it,
// `attempts` says one less than the tries made: Ansible's for-else sets attempts = retries - 1.
import type { ModuleOutcome } from './module-call.js';

export interface UntilLoop {
  /** the task's retries keyword (undefined: Ansible's default 3) */
  readonly retries: number | undefined;
  /** runs the module once more */
  readonly call: () => Promise<ModuleOutcome>;
  /** whether the task's until holds for this result */
  readonly holds: (o: ModuleOutcome) => boolean;
  /** a try did not satisfy until and another follows: `left` is what Ansible's retry line prints */
  readonly retrying: (left: number) => void;
  /** waits the delay between tries */
  readonly pause: () => Promise<void>;
}

/** Ansible's number of tries for a task with until. */
export function untilTries(retries: number | undefined): number {
  const r = retries ?? 3;
  return r <= 0 ? 1 : r + 1;
}

/** The first result, then more tries until `holds`; `attempts` is in each result's data. */
export async function retryUntil(first: ModuleOutcome, loop: UntilLoop): Promise<ModuleOutcome> {
  const tries = untilTries(loop.retries);
  const withAttempts = (o: ModuleOutcome, attempts: number): ModuleOutcome => ({ ...o, data: { ...o.data, attempts } });
  let outcome = withAttempts(first, 1);
  // a single try: Ansible evaluates no until at all (the result is the task's as it came)
  if (tries <= 1) return outcome;
  for (let attempt = 1; ; attempt++) {
    if (loop.holds(outcome)) return outcome;
    if (attempt >= tries) return exhausted(withAttempts(outcome, tries - 1));
    loop.retrying(tries - attempt);
    await loop.pause();
    outcome = withAttempts(await loop.call(), attempt + 1);
  }
}

/**
 * The last result, failed: a failure as it came; a result that succeeded keeps its module's msg ('' for none: kplay's
 * own words for what it did are not the module's) and its change (Ansible only sets failed on it).
 */
function exhausted(o: ModuleOutcome): ModuleOutcome {
  if (o.status === 'failed') return o;
  const own = o.data.msg;
  return { ...o, status: 'failed', msg: typeof own === 'string' ? own : '', changedAnyway: o.status === 'changed' || o.changedAnyway === true };
}

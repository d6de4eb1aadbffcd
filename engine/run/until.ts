// until/retries/delay as Ansible 2.14's TaskExecutor runs them: `retries` more tries after the first (default 3; 0 or
// less: a single try, and `until` is then never evaluated). Every try is judged as it comes: `attempts` is set, then
// changed_when and failed_when, then until, so until sees the judged result (`until: r is not failed` with a
// failed_when). A try is followed by "FAILED - RETRYING" when another is left. When none holds, the last result only
// gets failed (its module's msg, none when it gave none) and, as Ansible records it, `attempts` says one less than the
// tries made: Ansible's for-else sets attempts = retries - 1.
import type { ModuleOutcome } from './module-call.js';

/** One try that did not satisfy until, another following: what Ansible's v2_runner_retry is given. */
export interface Retry {
  /** what the retry line prints: tries in all minus this try's number */
  readonly left: number;
  /** the tries in all (Ansible's result['retries']) */
  readonly tries: number;
  /** this try's judged result */
  readonly outcome: ModuleOutcome;
}

export interface UntilLoop {
  /** the task's retries keyword (undefined: Ansible's default 3) */
  readonly retries: number | undefined;
  /** runs the module once more */
  readonly call: () => Promise<ModuleOutcome>;
  /** changed_when and failed_when on one try's result (its attempts already set) */
  readonly judge: (o: ModuleOutcome) => ModuleOutcome;
  /** whether the task's until holds for this judged result */
  readonly holds: (o: ModuleOutcome) => boolean;
  /** a try did not satisfy until and another follows */
  readonly retrying: (retry: Retry) => void;
  /** waits the delay between tries */
  readonly pause: () => Promise<void>;
}

/** Ansible's number of tries for a task with until. */
export function untilTries(retries: number | undefined): number {
  const r = retries ?? 3;
  return r <= 0 ? 1 : r + 1;
}

/** Ansible's wait between tries, in seconds: the delay keyword (default 5), 1 when it is negative. */
export function untilDelaySeconds(delay: number | undefined): number {
  const d = delay ?? 5;
  return d < 0 ? 1 : d;
}

/** The first result, then more tries until `holds`; every result judged, with `attempts` in its data. */
export async function retryUntil(first: ModuleOutcome, loop: UntilLoop): Promise<ModuleOutcome> {
  const tries = untilTries(loop.retries);
  let outcome = loop.judge(withAttempts(first, 1));
  // a single try: Ansible evaluates no until at all (the result is the task's as it came)
  if (tries <= 1) return outcome;
  for (let attempt = 1; ; attempt++) {
    if (loop.holds(outcome)) return outcome;
    if (attempt >= tries) return exhausted(withAttempts(outcome, tries - 1));
    loop.retrying({ left: tries - attempt, tries, outcome });
    await loop.pause();
    outcome = loop.judge(withAttempts(await loop.call(), attempt + 1));
  }
}

function withAttempts(o: ModuleOutcome, attempts: number): ModuleOutcome {
  return { ...o, data: { ...o.data, attempts } };
}

/**
 * The last result, failed: a failure as it came; a result that succeeded or was skipped keeps its change, and Ansible
 * only sets failed on it: its msg is its module's own, none when the module gave none.
 */
function exhausted(o: ModuleOutcome): ModuleOutcome {
  if (o.status === 'failed') return o;
  const changedAnyway = o.status === 'changed' || o.changedAnyway === true;
  // a skipped result's msg is its module's (command in check mode says why it did not run)
  if (o.status === 'skipped') return { ...o, status: 'failed', changedAnyway };
  return { ...o, status: 'failed', failedByTask: true, changedAnyway };
}

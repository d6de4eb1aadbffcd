// Ansible's do_until_success_or_timeout (reboot, wait_for_connection): an attempt repeated until it succeeds or the
// time is up, with a pause after each failure.
import { setTimeout as sleep } from 'node:timers/promises';

export type Attempts = { readonly done: true } | { readonly done: false; readonly last: unknown };

/** `pauseMs(failures)`: how long to wait after that many failures. The last failure's error when the time ran out. */
export async function untilSuccess(timeoutS: number, pauseMs: (failures: number) => number, attempt: () => Promise<void>): Promise<Attempts> {
  const deadline = Date.now() + timeoutS * 1000;
  let last: unknown = new Error('no attempt was made');
  for (let failures = 0; Date.now() < deadline; failures++) {
    try {
      await attempt();
      return { done: true };
    } catch (err) {
      last = err;
      await sleep(pauseMs(failures));
    }
  }
  return { done: false, last };
}

// How compat tests run ansible-* and kplay side by side: time limits that grow with the machine's load, and a retry
// only when the run never gave its answer (killed by our own limit), never because an assertion failed.
import { availableParallelism, loadavg } from 'node:os';
import { runCommand, type CliResult } from '../../lab/support/cli.js';

/** `baseMs` on an idle machine, scaled by the 1-minute load per core when the machine is busier than that. */
export function loadScaledTimeout(baseMs: number): number {
  const perCore = (loadavg()[0] ?? 0) / availableParallelism();
  return Math.round(baseMs * Math.min(4, Math.max(1, perCore)));
}

/** Attempts for a run killed by its time limit before it answered: an infrastructure failure, not a result. */
const ATTEMPTS = 3;

/**
 * runCommand with a load-scaled limit (doubled on each retry). A run that exits, whatever its code and output, is
 * the answer and is returned as is; only a run killed by the limit is tried again, and after the last attempt it is
 * returned too (its missing PLAY RECAP then fails the test with the output in view).
 */
export async function runTool(argv: readonly string[], env: NodeJS.ProcessEnv = {}, baseMs = 90_000, input?: string): Promise<CliResult> {
  let r: CliResult | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    r = await runCommand(argv, env, loadScaledTimeout(baseMs) * 2 ** attempt, input);
    if (r.timedOut !== true) return r;
  }
  return r as CliResult;
}

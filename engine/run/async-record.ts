// poll: 0 on a module that cannot start detached (all but command and shell). Ansible starts the whole module in
// the background; kplay's probes, plan and finish run on the controller, so the module runs at once, within
// async's limit, and its result is written as a finished job: the task reports the job started, as Ansible's
// launch does, and async_status reads the result later. Known difference: the run waits for the module.
import type { ModuleDef } from '../../modules/contract.js';
import { KplayError } from '../core/errors.js';
import { detachedModule, launchedJob } from './async.js';
import { finishedJobScript } from './async-script.js';
import type { ModuleOutcome } from './module-call.js';

/** Calls the module (or another in its place) on the host; `timeoutMs` limits each of its commands. */
export type CallOnHost = (module: ModuleDef, timeoutMs?: number) => Promise<ModuleOutcome>;

/** The job's result as its results file holds it: what the module returned, as async_status gives it back. */
export function jobResult(outcome: ModuleOutcome): Record<string, unknown> {
  const { msg: own, ...data } = outcome.data;
  const result: Record<string, unknown> = { ...data, changed: outcome.status === 'changed' || outcome.changedAnyway === true };
  if (outcome.status === 'failed') return { ...result, failed: true, msg: outcome.msg };
  if (outcome.status === 'skipped') return { ...result, skipped: true, msg: outcome.msg };
  return own === undefined ? result : { ...result, msg: own };
}

/** A module in the place of the real one: one step writing `result` as a finished job; its result, the launch's. */
function recordingModule(module: ModuleDef, result: Record<string, unknown>): ModuleDef {
  return {
    ...module,
    act: undefined,
    checkMode: 'plan',
    checkModeFor: undefined,
    probe: () => ({}),
    plan: () => ({ kind: 'change', summary: 'record the result as a finished job', steps: [{ cmd: finishedJobScript(result), describe: 'record the job result' }] }),
    finish: (_params, outputs) => launchedJob(outputs),
  };
}

/** Starts the task's job (poll: 0): in the background when the module can, else run now and recorded. */
export async function startJob(module: ModuleDef, limitS: number, timeoutMs: number | undefined, call: CallOnHost): Promise<ModuleOutcome> {
  if (module.async === 'detached') return call(detachedModule(module, limitS));
  let result: Record<string, unknown>;
  try {
    result = jobResult(await call(module, Math.min(timeoutMs ?? Infinity, limitS * 1000)));
  } catch (err) {
    // async's limit ran out: the job's result says so, as Ansible's async_wrapper writes it
    if (!(err instanceof KplayError && err.code === 'timeout')) throw err;
    result = { failed: true, msg: 'Timeout exceeded' };
  }
  return call(recordingModule(module, result));
}

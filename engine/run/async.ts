// The `async` / `poll` keywords at run time. poll > 0: the task runs as usual under a time limit (the transport's
// exec timeout, which kills the remote process group: nothing is left running). poll: 0: the module's one planned
// step starts detached on the host and the task returns the job's id for async_status.
import type { Finish, ModuleDef, Plan, StepOutput } from '../../modules/contract.js';
import type { AsyncKeywords, Task } from '../playbook/model.js';
import { finishedJobScript, launchScript } from './async-script.js';
import type { ModuleOutcome } from './module-call.js';

/** Ansible's message, from its action plugins: a task cannot both predict and start a job. */
export const ASYNC_IN_CHECK_MODE = 'check mode and async cannot be used on same task.';

/** The exec time limit of a task: its `timeout`, or async's limit when that comes first (poll > 0). */
export function execTimeoutMs(task: Pick<Task, 'timeout' | 'async'>): number | undefined {
  const limits = [task.timeout, task.async && task.async.poll > 0 ? task.async.limitS : undefined].filter((s): s is number => s !== undefined && s > 0);
  return limits.length === 0 ? undefined : Math.min(...limits) * 1000;
}

/** A timed-out task's message: Ansible's async one when async's limit is the one that ran out. */
export function timeoutMessage(task: Pick<Task, 'timeout' | 'async'>, detail: string): string {
  const a = task.async;
  if (a && a.poll > 0 && (task.timeout === undefined || task.timeout <= 0 || a.limitS <= task.timeout)) {
    return `async task did not complete within the requested time - ${a.limitS}s`;
  }
  return `task timed out: ${detail}`;
}

/** A waited-for job's result carries Ansible's job fields too (`until: r.finished` works on it). */
export function waitedResult(a: AsyncKeywords | undefined, outcome: ModuleOutcome): ModuleOutcome {
  if (!a || a.poll === 0 || outcome.status === 'skipped') return outcome;
  return { ...outcome, data: { ...outcome.data, started: 1, finished: 1 } };
}

/**
 * The module as a detached job: the same probes and plan, but the planned step is started in the background
 * (or, when the plan says there is nothing to run, the job's file is written finished with that result).
 */
export function detachedModule(module: ModuleDef, limitS: number): ModuleDef {
  return {
    ...module,
    probe: (params, ctx) => module.probe?.(params, ctx) ?? {},
    plan(params, observed, ctx): Plan {
      const plan = module.plan(params, observed, ctx);
      if (plan.kind === 'fail' || plan.kind === 'skip') return plan;
      if (plan.kind === 'ok') {
        const cmd = finishedJobScript({ changed: false, ...(plan.data ?? {}) });
        return { kind: 'change', summary: plan.reason, steps: [{ cmd, describe: `record: ${plan.reason}` }] };
      }
      const [step, ...more] = plan.steps;
      if (!step || more.length > 0) return { kind: 'fail', msg: `${module.name} planned ${plan.steps.length} commands: a detached job runs exactly one` };
      // what the plan knows of the result before the step runs (command's cmd) is in the job's result too
      const known = plan.data?.cmd === undefined ? {} : { cmd: plan.data.cmd };
      const cmd = launchScript(step.cmd, limitS, step.stdin !== undefined, known);
      return { kind: 'change', summary: `start in the background: ${plan.summary}`, steps: [{ cmd, stdin: step.stdin, describe: `start ${step.describe} in the background` }] };
    },
    finish: (_params, outputs) => launchedJob(outputs),
  };
}

/** What the launch printed (the job id, its results file) -> the task's result, as Ansible's for poll: 0. */
export function launchedJob(outputs: readonly Pick<StepOutput, 'stdout' | 'stderr' | 'code'>[]): Finish {
  const out = outputs[outputs.length - 1];
  const [jid, file] = (out?.stdout ?? '').split('\n');
  if (!out || out.code !== 0 || !jid || !file) return { failed: `the job did not start: ${out?.stderr.trim() || `exit code ${out?.code ?? 'none'}`}` };
  return { changed: true, data: { ansible_job_id: jid, results_file: file, started: 1, finished: 0 } };
}

// What command, shell and raw share: creates/removes probes, the "did not run" result, and the result of a run.
import type { Finish, Observed, Plan, PlanContext, Step, StepOutput } from '../contract.js';
import { globExistsCommand } from './glob.js';

/** Every exit code is a success for the step itself, so that finish() can report rc, stdout and stderr. */
export const ANY_EXIT: readonly number[] = Array.from({ length: 256 }, (_, i) => i);

export interface Guard {
  readonly creates?: string | undefined;
  readonly removes?: string | undefined;
  readonly chdir?: string | undefined;
}

export function guardProbes(g: Guard): Record<string, string> {
  const probes: Record<string, string> = {};
  if (g.creates !== undefined) probes.creates = globExistsCommand(g.creates, g.chdir);
  if (g.removes !== undefined) probes.removes = globExistsCommand(g.removes, g.chdir);
  return probes;
}

/** With creates or removes, the command can predict itself: the check-mode decision depends on them. */
export function guardedCheckMode(g: Guard): 'plan' | 'skip' {
  return g.creates !== undefined || g.removes !== undefined ? 'plan' : 'skip';
}

/** The ok plan when creates matches or removes does not; undefined when the command must run. */
export function guardDecision(g: Guard, observed: Observed, ctx: PlanContext, cmd: unknown): Plan | undefined {
  const would = ctx.check ? 'Would' : 'Did';
  if (g.creates !== undefined && observed.creates?.code === 0) {
    return notRun(`${would} not run command since '${g.creates}' exists`, `skipped, since ${g.creates} exists`, cmd);
  }
  if (g.removes !== undefined && observed.removes?.code !== 0) {
    return notRun(`${would} not run command since '${g.removes}' does not exist`, `skipped, since ${g.removes} does not exist`, cmd);
  }
  return undefined;
}

function notRun(msg: string, stdout: string, cmd: unknown): Plan {
  return { kind: 'ok', reason: msg, data: { msg, cmd, rc: 0, stdout, stdout_lines: [stdout], stderr: '', stderr_lines: [] } };
}

/** The plan of a command that runs: one step accepting any exit code. */
export function runPlan(cmdLine: string, describe: string, stdin: string | undefined, ctx: PlanContext): Plan {
  const step: Step = { cmd: cmdLine, describe, stdin, okCodes: ANY_EXIT };
  return { kind: 'change', summary: ctx.check ? 'Command would have run if not in check mode' : describe, steps: [step] };
}

/**
 * rc, stdout, stderr and their lines as Ansible returns them; a non-zero rc fails with Ansible's message. command
 * and shell also return an empty msg when the command succeeded (raw returns none).
 */
export function commandFinish(cmd: unknown, outputs: readonly StepOutput[], strip = true, emptyMsg = true): Finish {
  const out = outputs[outputs.length - 1];
  if (!out) return { failed: 'the command did not run' };
  const stdout = strip ? out.stdout.replace(/[\r\n]+$/, '') : out.stdout;
  const stderr = strip ? out.stderr.replace(/[\r\n]+$/, '') : out.stderr;
  const data = { cmd, rc: out.code, stdout, stderr, stdout_lines: lines(stdout), stderr_lines: lines(stderr) };
  // as Ansible's command module: it ran, so it reports changed, failed or not
  if (out.code !== 0) return { failed: 'non-zero return code', changed: true, data: { ...data, msg: 'non-zero return code' } };
  return { data: emptyMsg ? { ...data, msg: '' } : data };
}

function lines(text: string): string[] {
  // Python's splitlines: no trailing empty item
  return text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/** What command and shell return when check mode skips them, as Ansible's do. */
export function skippedInCheckMode(cmd: string | readonly string[]): { msg: string; data: Record<string, unknown> } {
  return {
    msg: 'Command would have run if not in check mode',
    data: { cmd, rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], start: null, end: null, delta: null },
  };
}

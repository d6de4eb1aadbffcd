// What command, shell and raw share: creates/removes probes, the "did not run" result, and the result of a run.
import type { Finish, Observed, Plan, PlanContext, Step, StepOutput } from '../contract.js';
import { quote } from '../../engine/core/quote.js';
import { pyBytesRepr } from './exec-program.js';
import { globExistsCommand } from './glob.js';
import { commandTimes, NOT_RUN_TIMES } from './python-time.js';

/** Every exit code is a success for the step itself, so that finish() can report rc, stdout and stderr. */
export const ANY_EXIT: readonly number[] = Array.from({ length: 256 }, (_, i) => i);

export interface Guard {
  readonly creates?: string | undefined;
  readonly removes?: string | undefined;
  readonly chdir?: string | undefined;
}

export function guardProbes(g: Guard): Record<string, string> {
  const probes: Record<string, string> = {};
  if (g.chdir !== undefined) probes.chdir = chdirProbe(g.chdir);
  if (g.creates !== undefined) probes.creates = globExistsCommand(g.creates, g.chdir);
  if (g.removes !== undefined) probes.removes = globExistsCommand(g.removes, g.chdir);
  return probes;
}

/** The errno a chdir into the directory would fail with (Python's os.chdir), or `ok`; in a subshell, the cwd kept. */
function chdirProbe(dir: string): string {
  const d = quote(dir);
  return `if (cd -- ${d}) 2>/dev/null; then echo ok; elif [ ! -e ${d} ]; then echo 2; elif [ ! -d ${d} ]; then echo 20; else echo 13; fi`;
}

const CHDIR_ERRORS: Readonly<Record<string, string>> = { '2': 'No such file or directory', '20': 'Not a directory', '13': 'Permission denied' };

/**
 * Ansible's failure when chdir cannot be entered, before creates/removes are looked at: nothing ran (rc, start, end
 * and delta None), the OSError naming the directory as bytes.
 */
export function chdirFailure(g: Guard, observed: Observed, cmd: unknown): Plan | undefined {
  const errno = (observed.chdir?.stdout ?? '').trim();
  const text = CHDIR_ERRORS[errno];
  if (g.chdir === undefined || text === undefined) return undefined;
  const msg = `Unable to change directory before execution: [Errno ${errno}] ${text}: ${pyBytesRepr(g.chdir)}`;
  const output = { stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] };
  return { kind: 'fail', msg, data: { changed: false, ...output, rc: null, cmd, start: null, end: null, delta: null, msg } };
}

/** With creates or removes, the command can predict itself: the check-mode decision depends on them. */
export function guardedCheckMode(g: Guard): 'plan' | 'skip' {
  return g.creates !== undefined || g.removes !== undefined ? 'plan' : 'skip';
}

/** The failure when chdir cannot be entered, the ok plan when creates matches or removes does not; undefined when the command must run. */
export function guardDecision(g: Guard, observed: Observed, ctx: PlanContext, cmd: unknown): Plan | undefined {
  const failure = chdirFailure(g, observed, cmd);
  if (failure !== undefined) return failure;
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
  return { kind: 'ok', reason: msg, data: { msg, cmd, rc: 0, stdout, stdout_lines: [stdout], stderr: '', stderr_lines: [], ...NOT_RUN_TIMES } };
}

/**
 * The plan of a command that runs: one step accepting any exit code, timed on the host (start, end, delta). In
 * check mode (creates/removes let it plan) it would run: Ansible's result then, with nothing run and no times.
 */
export function runPlan(cmdLine: string, describe: string, stdin: string | undefined, ctx: PlanContext, cmd: unknown): Plan {
  const step: Step = { cmd: cmdLine, describe, stdin, okCodes: ANY_EXIT, timed: true };
  // cmd is known before it runs: a detached job's result carries it too
  if (!ctx.check) return { kind: 'change', summary: describe, steps: [step], data: { cmd } };
  const msg = 'Command would have run if not in check mode';
  return { kind: 'change', summary: msg, steps: [step], data: { ...notRunOutput(cmd), ...NOT_RUN_TIMES, msg } };
}

function notRunOutput(cmd: unknown): Record<string, unknown> {
  return { cmd, rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] };
}

/**
 * rc, stdout, stderr and their lines as Ansible returns them, and cmd unless it is undefined (raw has none); a
 * non-zero rc fails with Ansible's message. command and shell also return an empty msg when the command succeeded
 * (raw returns none), and, their step being timed, the host's start, end and delta.
 */
export function commandFinish(cmd: unknown, outputs: readonly StepOutput[], strip = true, emptyMsg = true): Finish {
  const out = outputs[outputs.length - 1];
  if (!out) return { failed: 'the command did not run' };
  const stdout = strip ? out.stdout.replace(/[\r\n]+$/, '') : out.stdout;
  const stderr = strip ? out.stderr.replace(/[\r\n]+$/, '') : out.stderr;
  const times = out.step.timed === true ? commandTimes(out.clock) : {};
  const data = { ...(cmd === undefined ? {} : { cmd }), rc: out.code, stdout, stderr, stdout_lines: lines(stdout), stderr_lines: lines(stderr), ...times };
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
    data: { ...notRunOutput(cmd), ...NOT_RUN_TIMES },
  };
}

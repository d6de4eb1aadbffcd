// A POSIX command line cannot carry a NUL byte (sshd drops the whole connection when an exec request holds one):
// a probe, step, environment value or become user holding one fails the task before anything is sent.
import type { Step } from '../../modules/contract.js';
import type { ExecOptions } from '../transport/transport.js';

const WHY = 'holds a NUL byte, which a POSIX command line cannot carry';

/** Where a NUL sits, as `"…text\u0000text…"`: a few characters either side, escaped. */
function near(text: string): string {
  const at = text.indexOf('\0');
  const from = Math.max(0, at - 20);
  const to = Math.min(text.length, at + 21);
  return JSON.stringify(`${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`);
}

/** The task's exec options: environment values and names, the become user. */
export function nulInExec(exec: Pick<ExecOptions, 'become' | 'env'>): string | undefined {
  for (const [name, value] of Object.entries(exec.env ?? {})) {
    if (name.includes('\0')) return `the name of an environment variable ${WHY}: ${near(name)}`;
    if (value.includes('\0')) return `environment variable ${name} ${WHY}: ${near(value)}`;
  }
  const user = exec.become?.user;
  if (user?.includes('\0')) return `the become user ${WHY}: ${near(user)}`;
  return undefined;
}

/** A module's probes (name -> command line). */
export function nulInProbes(probes: Readonly<Record<string, string>>): string | undefined {
  for (const cmd of Object.values(probes)) {
    if (cmd.includes('\0')) return `the command ${near(cmd)} ${WHY}`;
  }
  return undefined;
}

/** The steps a plan would run (their stdin is bytes, not a command line: a NUL there is fine). */
export function nulInSteps(steps: readonly Step[]): string | undefined {
  for (const step of steps) {
    if (step.cmd.includes('\0')) return `the command ${near(step.cmd)} ${WHY}`;
  }
  return undefined;
}

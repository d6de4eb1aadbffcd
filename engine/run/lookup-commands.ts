// The lookups that run a command on the controller: pipe (its output) and lines (its output's lines). The command is
// the user's own, run as Ansible runs it (Python's shell=True: /bin/sh -c TEXT) in the playbook's directory. It runs
// synchronously, as templates are evaluated: other hosts wait while it runs, as Ansible's worker does.
import { execFileSync } from 'node:child_process';
import { pyStr } from '../template/values.js';
import { LookupFailure, termList, type LookupContext, type LookupPlugin } from './lookup-plugin.js';

const MAX_OUTPUT = 64 * 1024 * 1024;

function run(kind: string, command: string, ctx: LookupContext): string {
  try {
    return execFileSync('/bin/sh', ['-c', command], { cwd: ctx.place.playbookDir, input: '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: MAX_OUTPUT });
  } catch (err) {
    const e = err as { status?: number | null; stderr?: unknown; message?: string };
    const stderr = typeof e.stderr === 'string' && e.stderr.trim() !== '' ? `: ${e.stderr.trim().split('\n').slice(-3).join(' | ')}` : '';
    if (typeof e.status === 'number') throw new LookupFailure(`lookup_plugin.${kind}(${command}) returned ${e.status}${stderr}`);
    throw new LookupFailure(`lookup_plugin.${kind}(${command}) could not run: ${e.message ?? String(err)}`);
  }
}

/** Python's bytes.splitlines: \n, \r\n and \r end a line; no empty last line for a final newline. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(text)) lines.pop();
  return lines;
}

const pipe: LookupPlugin = (terms, _kw, ctx) => termList(terms).map((t) => run('pipe', pyStr(t), ctx).trimEnd());

const lines: LookupPlugin = (terms, _kw, ctx) => termList(terms).flatMap((t) => splitLines(run('lines', pyStr(t), ctx)));

export const COMMAND_LOOKUPS = { pipe, lines } as const satisfies Record<string, LookupPlugin>;

// The human lines, as ansible-playbook's default callback prints them: banners, one line per host, PLAY RECAP.
import { dict } from '../core/dict.js';
import type { HostResult, HostStatus, RecapCounts, RunEvent } from '../core/events.js';
import { unifiedDiff } from './diff.js';
import { pyJson } from './pyjson.js';
import { escapeToOneLine, paint, type Line, type Span } from './terminal.js';

/** Ansible's width when stdout is not a terminal (display.columns = max(79, tty width - 1)). */
export const DEFAULT_COLUMNS = 79;

export interface LineOptions {
  readonly verbosity: number;
}

/** `\nTASK [name] ****...`: the stars fill the line to `columns` + 1 characters, at least 3 (names shown escaped). */
export function banner(msg: string, columns: number): string[] {
  const shown = escapeToOneLine(msg);
  return ['', `${shown} ${'*'.repeat(Math.max(3, columns - shown.length))}`];
}

type TaskStart = Extract<RunEvent, { event: 'task_start' }>;

export function taskName(e: Pick<TaskStart, 'task' | 'role'>): string {
  return e.role ? `${e.role} : ${e.task}` : e.task;
}

export function taskBanner(e: TaskStart, columns: number, verbosity: number): string[] {
  const lines = banner(`${e.handler === true ? 'RUNNING HANDLER' : 'TASK'} [${taskName(e)}]`, columns);
  if (verbosity >= 2) lines.push(`task path: ${e.loc.file}:${e.loc.line}`);
  return lines;
}

export function playBanner(name: string, columns: number): string[] {
  return banner(name.trim() === '' ? 'PLAY' : `PLAY [${name.trim()}]`, columns);
}

/** Under the PLAY banner of a play whose pattern matched no host (Ansible's v2_playbook_on_no_hosts_matched). */
export function noHostsMatchedLine(): Span {
  return paint('skipping: no hosts matched', 'skip');
}

/**
 * What ` => {...}` shows: the detail, the message, and Ansible's `changed` (debug's own output shows no `changed`). A
 * result that succeeded shows the msg its module returned (in the detail: command's empty one, most none), not kplay's
 * account of what it did; a failure or skip says why.
 */
export function resultObject(r: HostResult): Record<string, unknown> {
  // no prototype: `debug: var=__proto__` shows a key named __proto__
  const o: Record<string, unknown> = dict();
  if (r.censored !== undefined) return censoredObject(r.msg, r.censored.showsChanged ? r.status === 'changed' || r.changed === true : undefined);
  for (const [k, v] of Object.entries(r.detail ?? {})) o[k] = v;
  if (r.verboseAlways !== true && r.detailOnly !== true) o['changed'] = r.status === 'changed' || (r.status === 'failed' && r.changed === true);
  const succeeded = r.status === 'ok' || r.status === 'changed';
  if (r.msg !== undefined && !succeeded) o['msg'] = r.msg;
  if (r.status === 'unreachable') o['unreachable'] = true;
  return o;
}

/** A no_log result as Ansible shows it: what would say anything is replaced by `censored`. */
function censoredObject(msg: string | undefined, changed: boolean | undefined): Record<string, unknown> {
  return changed === undefined ? { censored: msg } : { censored: msg, changed };
}

/** The line(s) for one host's result (and `...ignoring`, and its diff: a result has one when its task asked). */
export function hostResultLines(r: HostResult, opts: LineOptions): Line[] {
  return [...resultLines(r, opts), ...resultDiffLines(r)];
}

/** The result line(s) and `...ignoring`, without the diff. */
export function resultLines(r: HostResult, opts: LineOptions): Line[] {
  const verbose = (opts.verbosity > 0 || r.verboseAlways === true) && r.verboseNever !== true;
  const indent = r.verboseAlways === true || opts.verbosity > 2 ? 4 : undefined;
  const dump = (): string => pyJson(resultObject(r), indent);
  // names and labels are one line each, whatever they hold: a newline in one cannot forge a result line
  const host = escapeToOneLine(r.host);
  // Ansible shows the delegate on every line but `skipping:`
  const label = `[${host}${r.delegatedTo === undefined ? '' : ` -> ${escapeToOneLine(r.delegatedTo)}`}]`;
  // a censored item reads as Ansible 2.14 prints it (its label is gone from the censored result)
  const item = r.item === undefined ? '' : `(item=${r.censored === undefined ? escapeToOneLine(r.item) : 'None'})`;
  const lines: Line[] = [];
  switch (r.status) {
    case 'ok':
    case 'changed': {
      if (r.included !== undefined) {
        lines.push(paint(`included: ${escapeToOneLine(r.included)} for ${host}${item ? ` => ${item}` : ''}`, 'skip'));
        break;
      }
      let msg = `${r.status}: ${label}`;
      if (item) msg += ` => ${item}`;
      if (r.status === 'changed' && r.predicted === true) msg += ' (predicted)';
      if (verbose) msg += ` => ${dump()}`;
      lines.push(paint(msg, r.status === 'ok' ? 'ok' : 'changed'));
      break;
    }
    case 'skipped': {
      // Ansible's item form really ends in a space
      let msg = item ? `skipping: [${host}] => ${item} ` : `skipping: [${host}]`;
      if (verbose) msg += ` => ${dump()}`;
      lines.push(paint(msg, 'skip'));
      break;
    }
    case 'failed': {
      const msg = item ? `failed: ${label} ${item} => ${dump()}` : `fatal: ${label}: FAILED! => ${dump()}`;
      lines.push(paint(msg, 'error'));
      break;
    }
    case 'unreachable':
      lines.push(paint(`fatal: ${label}: UNREACHABLE! => ${dump()}`, 'unreachable'));
      break;
  }
  // as Ansible's default callback: a loop whose every item was skipped ends with the task's own skip line
  if (r.endsSkippedLoop === true) lines.push(paint(`skipping: [${host}]${verbose ? ` => ${pyJson({ changed: false, msg: 'All items skipped' }, indent)}` : ''}`, 'skip'));
  if (r.endsCensoredLoop !== undefined) lines.push(censoredLoopLine(r, r.endsCensoredLoop, label, verbose, indent));
  if (r.endsIgnored === true) lines.push(paint('...ignoring', 'skip'));
  return lines;
}

/**
 * After a loop under no_log Ansible prints the task's own result too (its items were censored, so the callback does
 * not see them as a loop): the task's status, and its censored result where a failure always shows one.
 */
function censoredLoopLine(r: HostResult, task: { status: HostStatus; changed: boolean }, label: string, verbose: boolean, indent: number | undefined): Line {
  const { status } = task;
  const changed = r.censored?.showsChanged === false ? undefined : task.changed;
  const dump = (): string => pyJson(censoredObject(r.msg, changed), indent);
  switch (status) {
    case 'failed':
      return paint(`fatal: ${label}: FAILED! => ${dump()}`, 'error');
    case 'unreachable':
      return paint(`fatal: ${label}: UNREACHABLE! => ${dump()}`, 'unreachable');
    case 'skipped':
      return paint(`skipping: [${escapeToOneLine(r.host)}]${verbose ? ` => ${dump()}` : ''}`, 'skip');
    default:
      return paint(`${status}: ${label}${verbose ? ` => ${dump()}` : ''}`, status === 'ok' ? 'ok' : 'changed');
  }
}

/** The diff of a result whose task asked for one (none when nothing differs). */
export function resultDiffLines(r: HostResult): Line[] {
  const d = r.diff;
  if (!d || (r.status !== 'changed' && r.status !== 'ok')) return [];
  return unifiedDiff(d.before, d.after, d.path === undefined ? undefined : escapeToOneLine(d.path)).map((l): Line => {
    if (l.startsWith('+++') || l.startsWith('---')) return l;
    if (l.startsWith('+')) return paint(l, 'diffAdd');
    if (l.startsWith('-')) return paint(l, 'diffRemove');
    if (l.startsWith('@@')) return paint(l, 'diffLines');
    return l;
  });
}

/** `PLAY RECAP ****`, one line per host in Ansible's exact columns, and the blank line after. */
export function recapLines(hosts: Readonly<Record<string, RecapCounts>>, columns: number): Line[] {
  const lines: Line[] = banner('PLAY RECAP', columns);
  for (const host of Object.keys(hosts).sort()) {
    const t = hosts[host] as RecapCounts;
    const hostColor = t.failed !== 0 || t.unreachable !== 0 ? 'error' : t.changed !== 0 ? 'changed' : 'ok';
    // Python's "%-26s" pads the name as printed (escaped); colored, the padding stays outside the escape codes
    const name = escapeToOneLine(host);
    const cell = (lead: string, n: number, color: Span['color']): string | Span => {
      const s = `${lead}=${String(n).padEnd(4)}`;
      return n !== 0 ? paint(s, color) : s;
    };
    const cells = [
      cell('ok', t.ok, 'ok'),
      cell('changed', t.changed, 'changed'),
      cell('unreachable', t.unreachable, 'unreachable'),
      cell('failed', t.failed, 'error'),
      cell('skipped', t.skipped, 'skip'),
      cell('rescued', t.rescued, 'ok'),
      cell('ignored', t.ignored, 'warn'),
    ];
    lines.push([paint(name, hostColor), `${' '.repeat(Math.max(0, 26 - name.length))} : `, ...cells.flatMap((c, i) => (i === 0 ? [c] : [' ', c]))]);
  }
  lines.push('');
  return lines;
}

export interface TaskTiming {
  readonly name: string;
  readonly durationMs: number;
}

/** profile_tasks' tail: a rule, then the slowest tasks as `name ------ 12.34s` filling `columns`. */
export function slowestLines(tasks: readonly TaskTiming[], columns: number, top = 5): string[] {
  if (tasks.length === 0) return [];
  const slowest = [...tasks].sort((a, b) => b.durationMs - a.durationMs).slice(0, top);
  return [
    '='.repeat(columns),
    ...slowest.map((t) => `${`${escapeToOneLine(t.name)} `.padEnd(columns - 9, '-')}${` ${(t.durationMs / 1000).toFixed(2)}s`.padStart(9, '-')}`),
  ];
}

export function warningLine(msg: string): Span {
  return paint(`[WARNING]: ${msg}`, 'warn');
}

export function logLine(e: Extract<RunEvent, { event: 'log' }>): Span {
  return paint(e.host === undefined ? e.msg : `<${escapeToOneLine(e.host)}> ${e.msg}`, 'verbose');
}

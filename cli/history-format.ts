// How `kplay history` shows runs on a terminal: aligned columns, local times, durations a person reads, and every
// text from the store (host names, messages: someone else's data) escaped to one printable line.
import type { HostFailure, HostRun, RunSummary, StoredRun } from '../engine/store/index.js';
import { escapeToOneLine } from '../engine/report/terminal.js';
import { InputError } from '../engine/core/errors.js';

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** --since/--until: an age (30m, 12h, 7d, 2w) before `now`, or a date and time Date.parse reads. */
export function parseWhen(text: string, now: number, flag: string): number {
  const age = /^(\d+)\s*([smhdw])$/.exec(text.trim());
  if (age !== null) return now - Number(age[1]) * (UNITS[age[2] ?? 's'] ?? 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new InputError(`${flag} ${JSON.stringify(text)}: give a date (2026-12-01, 2026-12-01T10:00) or an age (30m, 12h, 7d)`);
  return at;
}

export function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((c) => escapeToOneLine(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  return cells.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

/** the first 8 characters of a run id (a unique prefix is enough for `show` and `report`) */
export const shortId = (id: string): string => (id.length > 12 ? id.slice(0, 8) : id);

export function runsTable(runs: readonly RunSummary[]): string {
  return table(
    ['RUN', 'STARTED', 'DURATION', 'STATUS', 'EXIT', 'HOSTS', 'FAILED', 'PLAYBOOK'],
    runs.map((r) => [
      shortId(r.id),
      localTime(r.startedAt),
      duration(r.endedAt === undefined ? undefined : r.endedAt - r.startedAt),
      r.check ? `${r.status} (check)` : r.status,
      r.exitCode === undefined ? '-' : String(r.exitCode),
      r.slices === undefined ? String(r.hostCount) : `${r.hostCount} (${r.slices.recorded}/${r.slices.count} slices)`,
      String(r.failedHosts),
      r.playbook,
    ]),
  );
}

export function runText(run: StoredRun): string {
  const lines = [
    `run       ${run.id}`,
    `playbook  ${run.playbook}`,
    `status    ${run.status}${run.exitCode === undefined ? '' : ` (exit code ${run.exitCode})`}${run.check ? ', check mode' : ''}`,
    `started   ${localTime(run.startedAt)}${run.endedAt === undefined ? '' : `, ended ${localTime(run.endedAt)} (${duration(run.endedAt - run.startedAt)})`}`,
    `user      ${run.user}`,
    `command   ${run.commandLine.join(' ')}`,
    ...(run.slices === undefined ? [] : [`slices    ${run.slices.recorded} of ${run.slices.count} recorded`]),
    `digests   playbook ${run.playbookDigest.slice(0, 12)}, inventory ${run.inventoryDigest.slice(0, 12)}`,
  ].map(escapeToOneLine);
  const recap = Object.entries(run.recap);
  const recapTable =
    recap.length === 0
      ? 'no recap (the run did not reach its end)\n'
      : table(
          ['HOST', 'OK', 'CHANGED', 'UNREACHABLE', 'FAILED', 'SKIPPED', 'RESCUED', 'IGNORED'],
          recap.map(([host, c]) => [host, c.ok, c.changed, c.unreachable, c.failed, c.skipped, c.rescued, c.ignored].map(String)),
        );
  const tasks = new Map(run.tasks.map((t) => [t.seq, t]));
  const failures = run.results.filter((r) => (r.status === 'failed' || r.status === 'unreachable') && !r.ignored && !r.rescued);
  const failed =
    failures.length === 0
      ? ''
      : `\nFAILURES\n${table(
          ['HOST', 'TASK', 'STATUS', 'MESSAGE'],
          failures.map((r) => [r.host, tasks.get(r.task)?.name ?? '?', r.status, r.msg ?? '']),
        )}`;
  const slices =
    run.sliceRecords === undefined
      ? ''
      : `\nSLICES\n${table(
          ['SLICE', 'STATUS', 'EXIT', 'HOSTS', 'NOT RUN'],
          run.sliceRecords.map((s) => [`${s.index}/${run.slices?.count ?? '?'}`, s.status, s.exitCode === undefined ? '-' : String(s.exitCode), String(s.hosts.length), notRun(run, s.hosts)]),
        )}${missingSlices(run)}`;
  return `${lines.join('\n')}\n\nPLAY RECAP\n${recapTable}${failed}${slices}`;
}

/** the hosts of a slice that never reached the recap (their slice died): the slice must be run again */
function notRun(run: StoredRun, hosts: readonly string[]): string {
  const missing = hosts.filter((h) => run.recap[h] === undefined);
  if (missing.length === 0) return '-';
  return missing.length <= 5 ? missing.join(', ') : `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more`;
}

function missingSlices(run: StoredRun): string {
  const count = run.slices?.count ?? 0;
  const have = new Set(run.sliceRecords?.map((s) => s.index));
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
  return missing.length === 0 ? '' : `slices never recorded: ${missing.map((i) => `${i}/${count}`).join(', ')}\n`;
}

export function hostTable(runs: readonly HostRun[]): string {
  return table(
    ['RUN', 'STARTED', 'STATUS', 'OK', 'CHANGED', 'FAILED', 'UNREACHABLE', 'PLAYBOOK', 'FAILURE'],
    runs.map((r) => [
      shortId(r.runId),
      localTime(r.startedAt),
      r.status,
      String(r.recap?.ok ?? '-'),
      String(r.recap?.changed ?? '-'),
      String(r.recap?.failed ?? '-'),
      String(r.recap?.unreachable ?? '-'),
      r.playbook,
      r.failures.map((f) => `${f.task}: ${f.msg ?? f.status}`).join('; '),
    ]),
  );
}

export function failuresTable(failures: readonly HostFailure[]): string {
  return table(
    ['HOST', 'RUN', 'STARTED', 'TASK', 'SINCE', 'MESSAGE'],
    failures.map((f) => [f.host, shortId(f.runId), localTime(f.startedAt), f.task, f.fixedSince === undefined ? 'still failing' : `ok in ${shortId(f.fixedSince)}`, f.msg ?? f.status]),
  );
}

// Reading the store back: the runs (one line per run id, its slices joined), one run whole, one host across runs,
// and the last failure of each host. Every query is indexed: `kplay history` stays fast with 10,000 runs stored.
import type { HostStatus, RecapCounts } from '../core/events.js';
import { markDeadRuns } from './liveness.js';
import type { RunStatus, RunSummary, SliceSummary, StoredPlay, StoredResult, StoredRun, StoredTask } from './model.js';
import { containsSql, type Param, type SqlStore } from './sql.js';
import { joinSlices, type SliceRecord } from './slices.js';

export interface RunFilter {
  /** a part of the playbook's path */
  readonly playbook?: string | undefined;
  readonly host?: string | undefined;
  readonly status?: RunStatus | undefined;
  /** epoch milliseconds: runs started at or after */
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  /** the newest this many (default 20) */
  readonly limit?: number | undefined;
}

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'ok', 'failed', 'interrupted', 'incomplete'];

interface RunRow {
  pk: number;
  run_id: string;
  slice_index: number;
  slice_count: number;
  playbook: string;
  status: RunStatus;
  exit_code: number | null;
  check_mode: number;
  started_at: number;
  ended_at: number | null;
  user_name: string;
  command_line: string;
  playbook_digest: string;
  inventory_digest: string;
  host_count: number;
  failed_hosts: number;
}

/** The newest runs first, slices of one run id joined into one line. */
export async function listRuns(store: SqlStore, filter: RunFilter = {}): Promise<RunSummary[]> {
  await markDeadRuns(store);
  const where: string[] = [];
  const params: Param[] = [];
  if (filter.playbook !== undefined) {
    where.push(containsSql(store, 'playbook'));
    params.push(filter.playbook);
  }
  if (filter.host !== undefined) {
    where.push('pk IN (SELECT run_pk FROM run_hosts WHERE host = ?)');
    params.push(filter.host);
  }
  if (filter.since !== undefined) {
    where.push('started_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('started_at <= ?');
    params.push(filter.until);
  }
  // the newest run ids first; a status filter applies to the joined run, so it is checked after joining
  const limit = filter.limit ?? 20;
  const scan = filter.status === undefined ? limit : Math.max(limit * 20, 1000);
  const ids = await store.all<{ run_id: string }>(
    `SELECT run_id FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY run_id ORDER BY max(started_at) DESC, max(pk) DESC LIMIT ?`,
    [...params, scan],
  );
  const out: RunSummary[] = [];
  for (const { run_id: id } of ids) {
    const run = summaryOf(await sliceRows(store, id));
    if (run === undefined || (filter.status !== undefined && run.status !== filter.status)) continue;
    out.push(run);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * The run a user names: its whole id, a unique prefix of it (as git takes commits), or `last`.
 * Returns undefined when nothing matches, and the candidates when a prefix is ambiguous.
 */
export async function findRunId(store: SqlStore, ref: string): Promise<{ id?: string; ambiguous?: string[] }> {
  if (ref === 'last') {
    const id = await lastRunId(store);
    return id === undefined ? {} : { id };
  }
  const exact = await store.all<{ run_id: string }>('SELECT run_id FROM runs WHERE run_id = ? LIMIT 1', [ref]);
  if (exact[0] !== undefined) return { id: exact[0].run_id };
  const prefixed = (await store.all<{ run_id: string }>('SELECT DISTINCT run_id FROM runs WHERE substr(run_id, 1, length(?)) = ? ORDER BY run_id LIMIT 10', [ref, ref])).map((r) => r.run_id);
  if (prefixed.length === 1) return { id: prefixed[0] };
  return prefixed.length === 0 ? {} : { ambiguous: prefixed };
}

/** The last failed run, for `kplay report` of "the failed one". */
export async function lastRunId(store: SqlStore, status?: RunStatus): Promise<string | undefined> {
  await markDeadRuns(store);
  const rows = await store.all<{ run_id: string }>(
    `SELECT run_id FROM runs ${status === undefined ? '' : 'WHERE status = ?'} ORDER BY started_at DESC, pk DESC LIMIT 1`,
    status === undefined ? [] : [status],
  );
  return rows[0]?.run_id;
}

/** One run whole: every slice's plays, tasks and results, joined. */
export async function getRun(store: SqlStore, runId: string): Promise<StoredRun | undefined> {
  await markDeadRuns(store);
  const rows = await sliceRows(store, runId);
  const summary = summaryOf(rows);
  if (summary === undefined) return undefined;
  const slices: SliceRecord[] = [];
  for (const row of rows) {
    slices.push({
      startedAt: row.started_at,
      hosts: (await store.all<{ host: string }>('SELECT host FROM run_hosts WHERE run_pk = ? ORDER BY seq', [row.pk])).map((h) => h.host),
      recap: await recapOf(store, row.pk),
      plays: await store.all<StoredPlay>('SELECT seq, name FROM plays WHERE run_pk = ? ORDER BY seq', [row.pk]),
      tasks: (await store.all<TaskRow>('SELECT seq, play_seq, name, role, handler, loc, start_ms, duration_ms FROM tasks WHERE run_pk = ? ORDER BY seq', [row.pk])).map(taskOf),
      results: (await store.all<ResultRow>('SELECT * FROM results WHERE run_pk = ? ORDER BY pk', [row.pk])).map(resultOf),
    });
  }
  const sliceRecords: SliceSummary[] | undefined =
    summary.slices === undefined ? undefined : rows.map((row, i) => ({ index: row.slice_index, status: row.status, exitCode: row.exit_code ?? undefined, hosts: slices[i]?.hosts ?? [] }));
  return { ...summary, ...joinSlices(summary.startedAt, slices), sliceRecords };
}

export interface HostRun {
  readonly runId: string;
  readonly playbook: string;
  readonly startedAt: number;
  readonly status: RunStatus;
  /** the host's recap in that run (absent when the run never reached its recap) */
  readonly recap?: RecapCounts | undefined;
  /** the host's failures in that run: task and message */
  readonly failures: readonly { readonly task: string; readonly status: HostStatus; readonly msg?: string | undefined }[];
}

/** One host across runs, newest first. */
export async function hostRuns(store: SqlStore, host: string, limit = 20): Promise<HostRun[]> {
  await markDeadRuns(store);
  const rows = await store.all<RecapRow & { pk: number; run_id: string; playbook: string; started_at: number; status: RunStatus }>(
    `SELECT runs.pk, runs.run_id, runs.playbook, runs.started_at, runs.status, h.ok, h.changed, h.unreachable, h.failed, h.skipped, h.rescued, h.ignored
     FROM run_hosts h JOIN runs ON runs.pk = h.run_pk WHERE h.host = ? ORDER BY runs.started_at DESC, runs.pk DESC LIMIT ?`,
    [host, limit],
  );
  const out: HostRun[] = [];
  for (const row of rows) {
    const failures = await store.all<{ task: string; status: HostStatus; msg: string | null }>(
      `SELECT t.name AS task, r.status, r.msg FROM results r JOIN tasks t ON t.run_pk = r.run_pk AND t.seq = r.task_seq
       WHERE r.run_pk = ? AND r.host = ? AND r.status IN ('failed', 'unreachable') AND r.ignored = 0 AND r.rescued = 0 ORDER BY r.pk`,
      [row.pk, host],
    );
    out.push({ runId: row.run_id, playbook: row.playbook, startedAt: row.started_at, status: row.status, recap: countsOf(row), failures: failures.map((f) => ({ task: f.task, status: f.status, msg: f.msg ?? undefined })) });
  }
  return out;
}

export interface HostFailure {
  readonly host: string;
  readonly runId: string;
  readonly playbook: string;
  readonly startedAt: number;
  readonly task: string;
  readonly status: HostStatus;
  readonly msg?: string | undefined;
  /** a later run of this host ended with no failure */
  readonly fixedSince?: string | undefined;
}

/** The last failure of each host that ever failed (ignored and rescued failures are not failures). */
export async function lastFailures(store: SqlStore): Promise<HostFailure[]> {
  await markDeadRuns(store);
  const rows = await store.all<{ host: string; run_id: string; playbook: string; started_at: number; task: string; status: HostStatus; msg: string | null; fixed: string | null }>(
      `WITH last AS (
         SELECT host, max(run_pk) AS run_pk FROM results
         WHERE status IN ('failed', 'unreachable') AND ignored = 0 AND rescued = 0 GROUP BY host
       )
       SELECT last.host, runs.run_id, runs.playbook, runs.started_at, runs.pk,
         (SELECT t.name FROM results r JOIN tasks t ON t.run_pk = r.run_pk AND t.seq = r.task_seq
          WHERE r.run_pk = last.run_pk AND r.host = last.host AND r.status IN ('failed', 'unreachable') AND r.ignored = 0 AND r.rescued = 0
          ORDER BY r.pk DESC LIMIT 1) AS task,
         (SELECT r.status FROM results r WHERE r.run_pk = last.run_pk AND r.host = last.host AND r.status IN ('failed', 'unreachable')
          AND r.ignored = 0 AND r.rescued = 0 ORDER BY r.pk DESC LIMIT 1) AS status,
         (SELECT r.msg FROM results r WHERE r.run_pk = last.run_pk AND r.host = last.host AND r.status IN ('failed', 'unreachable')
          AND r.ignored = 0 AND r.rescued = 0 ORDER BY r.pk DESC LIMIT 1) AS msg,
         (SELECT later.run_id FROM run_hosts h JOIN runs later ON later.pk = h.run_pk
          WHERE h.host = last.host AND h.run_pk > last.run_pk AND h.failed = 0 AND h.unreachable = 0
          ORDER BY h.run_pk DESC LIMIT 1) AS fixed
       FROM last JOIN runs ON runs.pk = last.run_pk ORDER BY runs.started_at DESC, last.host`,
  );
  return rows.map((r) => ({
    host: r.host,
    runId: r.run_id,
    playbook: r.playbook,
    startedAt: r.started_at,
    task: r.task,
    status: r.status,
    msg: r.msg ?? undefined,
    fixedSince: r.fixed ?? undefined,
  }));
}

function sliceRows(store: SqlStore, runId: string): Promise<RunRow[]> {
  return store.all<RunRow>('SELECT * FROM runs WHERE run_id = ? ORDER BY slice_index', [runId]);
}

/** A run's line: its slices joined (the earliest start, the latest end, the worst status, hosts summed). */
function summaryOf(rows: readonly RunRow[]): RunSummary | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const ended = rows.every((r) => r.ended_at !== null);
  const exitCodes = rows.map((r) => r.exit_code).filter((c): c is number => c !== null);
  const complete = rows.length >= first.slice_count;
  return {
    id: first.run_id,
    playbook: first.playbook,
    status: joinedStatus(rows.map((r) => r.status), complete),
    exitCode: ended && complete ? Math.max(...exitCodes) : undefined,
    check: first.check_mode === 1,
    startedAt: Math.min(...rows.map((r) => r.started_at)),
    endedAt: ended ? Math.max(...rows.map((r) => r.ended_at ?? 0)) : undefined,
    user: first.user_name,
    commandLine: JSON.parse(first.command_line) as string[],
    playbookDigest: first.playbook_digest,
    inventoryDigest: first.inventory_digest,
    slices: first.slice_count > 1 ? { recorded: rows.length, count: first.slice_count } : undefined,
    hostCount: rows.reduce((n, r) => n + r.host_count, 0),
    failedHosts: rows.reduce((n, r) => n + r.failed_hosts, 0),
  };
}

/** The joined status: running while a slice runs, then the worst of them (incomplete when slices are missing). */
function joinedStatus(statuses: readonly RunStatus[], complete: boolean): RunStatus {
  for (const worst of ['running', 'incomplete', 'interrupted', 'failed'] as const) if (statuses.includes(worst)) return worst;
  return complete ? 'ok' : 'running';
}

type RecapRow = Record<keyof RecapCounts, number | null>;

function countsOf(row: RecapRow): RecapCounts | undefined {
  if (row.ok === null) return undefined;
  return { ok: row.ok, changed: row.changed ?? 0, unreachable: row.unreachable ?? 0, failed: row.failed ?? 0, skipped: row.skipped ?? 0, rescued: row.rescued ?? 0, ignored: row.ignored ?? 0 };
}

async function recapOf(store: SqlStore, runPk: number): Promise<Record<string, RecapCounts>> {
  const rows = await store.all<RecapRow & { host: string }>('SELECT host, ok, changed, unreachable, failed, skipped, rescued, ignored FROM run_hosts WHERE run_pk = ? ORDER BY seq', [runPk]);
  const out: Record<string, RecapCounts> = {};
  for (const row of rows) {
    const counts = countsOf(row);
    if (counts !== undefined) out[row.host] = counts;
  }
  return out;
}

interface TaskRow {
  seq: number;
  play_seq: number;
  name: string;
  role: string | null;
  handler: number;
  loc: string;
  start_ms: number;
  duration_ms: number | null;
}

function taskOf(row: TaskRow): StoredTask {
  return { seq: row.seq, play: row.play_seq, name: row.name, role: row.role ?? undefined, handler: row.handler === 1, loc: row.loc, startMs: row.start_ms, durationMs: row.duration_ms ?? undefined };
}

interface ResultRow {
  task_seq: number;
  host: string;
  status: HostStatus;
  changed: number;
  ignored: number;
  rescued: number;
  item: string | null;
  delegated_to: string | null;
  start_ms: number;
  duration_ms: number;
  msg: string | null;
  stdout: string | null;
  stderr: string | null;
  diff: string | null;
}

function resultOf(row: ResultRow): StoredResult {
  return {
    task: row.task_seq,
    host: row.host,
    status: row.status,
    changed: row.changed === 1,
    ignored: row.ignored === 1,
    rescued: row.rescued === 1,
    item: row.item ?? undefined,
    delegatedTo: row.delegated_to ?? undefined,
    startMs: row.start_ms,
    durationMs: row.duration_ms,
    msg: row.msg ?? undefined,
    stdout: row.stdout ?? undefined,
    stderr: row.stderr ?? undefined,
    diff: row.diff === null ? undefined : (JSON.parse(row.diff) as StoredResult['diff']),
  };
}

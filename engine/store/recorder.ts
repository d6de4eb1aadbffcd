// Recording a run as it happens: a reporter that turns the run's events into rows of the store. Rows are written in
// one transaction per task (and at each play, the recap and the end), in order, off the run's path (a slow
// database never holds the hosts' work up). A run killed at any moment leaves the store consistent: its row says
// `running` until its end is written, and readers call it incomplete once its process is gone or its heartbeat
// stops (engine/store/liveness.ts).
import { hostname } from 'node:os';
import type { HostResult, RecapCounts, Reporter, RunEvent } from '../core/events.js';
import { bounded } from './bounded.js';
import { HEARTBEAT_MS, processStart } from './liveness.js';
import type { RunStatus } from './model.js';
import type { Scrub } from './scrub.js';
import type { Param, SqlStore, Statement } from './sql.js';

/** What the command line knows of a run that its events do not say. */
export interface RecordedRun {
  readonly runId: string;
  readonly user: string;
  readonly commandLine: readonly string[];
  readonly playbookDigest: string;
  readonly inventoryDigest: string;
}

/** written at once past this many pending rows, even in the middle of a task (a task on 2,000 hosts) */
const FLUSH_ROWS = 1000;

type Row = (runPk: number) => Statement;
const row =
  (sql: string, params: (runPk: number) => readonly Param[]): Row =>
  (runPk) => ({ sql, params: params(runPk) });

export class StoreRecorder implements Reporter {
  readonly #store: SqlStore;
  readonly #run: RecordedRun;
  readonly #scrub: Scrub;
  readonly #warn: (msg: string) => void;
  #pending: Row[] = [];
  #writing: Promise<void> = Promise.resolve();
  #runPk = 0;
  #startedAt = 0;
  #play = -1;
  #task = -1;
  #failed = false;
  #heartbeat: NodeJS.Timeout | undefined;
  #hostCount = 0;

  constructor(store: SqlStore, run: RecordedRun, scrub: Scrub, warn: (msg: string) => void) {
    this.#store = store;
    this.#run = run;
    this.#scrub = scrub;
    this.#warn = warn;
  }

  on(e: RunEvent): void {
    if (this.#failed) return;
    try {
      this.#record(e, Date.now());
    } catch (err) {
      this.#fail(err);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#flush();
    await this.#writing;
    await this.#store.close().catch(() => undefined);
  }

  #record(e: RunEvent, now: number): void {
    switch (e.event) {
      case 'run_start':
        this.#start(e.playbook, e.check, e.hosts, e.slice, now);
        return;
      case 'play_start':
        // the same play announced again, for its next serial batch, is still one play
        if (e.again === true) return;
        this.#flush();
        this.#play++;
        this.#newPlay(e.play);
        return;
      case 'task_start':
        // the same task announced again (a meta task, once per host) is still one task
        if (e.again === true) return;
        this.#newTask(e.task, e.role, e.handler === true, `${e.loc.file}:${e.loc.line}:${e.loc.col}`, now);
        return;
      case 'host_result':
        if (this.#task < 0) this.#newTask(e.task, undefined, false, '', now - e.durationMs);
        this.#result(e, now);
        return;
      case 'task_end': {
        const seq = this.#task;
        this.#queue(row('UPDATE tasks SET duration_ms = ? WHERE run_pk = ? AND seq = ?', (pk) => [Math.round(e.durationMs), pk, seq]));
        this.#flush();
        return;
      }
      case 'recap':
        this.#recap(e.hosts);
        this.#flush();
        return;
      case 'run_end':
        this.#queue(row('UPDATE runs SET status = ?, exit_code = ?, ended_at = ? WHERE pk = ?', (pk) => [statusOf(e.exitCode), e.exitCode, now, pk]));
        this.#flush();
        return;
      case 'warning':
      case 'log':
        return;
    }
  }

  #start(playbook: string, check: boolean, hosts: readonly string[], slice: { index: number; count: number } | undefined, now: number): void {
    this.#startedAt = now;
    this.#hostCount = hosts.length;
    const run = this.#run;
    const store = this.#store;
    const sliceIndex = slice?.index ?? 0;
    this.#write(async () => {
      // a slice recorded again under the same run id replaces its earlier record (a retried Kubernetes pod)
      await store.batch([{ sql: 'DELETE FROM runs WHERE run_id = ? AND slice_index = ?', params: [run.runId, sliceIndex] }]);
      const inserted = await store.run<{ pk: number }>(
        `INSERT INTO runs (run_id, slice_index, slice_count, playbook, status, check_mode, started_at, heartbeat_at, user_name, command_line,
           playbook_digest, inventory_digest, machine, pid, process_start, host_count)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`,
        [run.runId, sliceIndex, slice?.count ?? 1, playbook, check ? 1 : 0, now, now, run.user, this.#text(JSON.stringify(run.commandLine)), run.playbookDigest, run.inventoryDigest, hostname(), process.pid, processStart(process.pid) ?? '', hosts.length],
      );
      if (inserted === undefined) throw new Error('the store did not return the new run');
      this.#runPk = inserted.pk;
      await store.batch(hosts.map((host, seq) => ({ sql: 'INSERT INTO run_hosts (run_pk, host, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', params: [inserted.pk, host, seq] })));
    });
    // a run on another machine is known alive by its heartbeat: beat while a long task keeps rows from being written
    this.#heartbeat = setInterval(() => this.#write(() => store.batch([heartbeat(this.#runPk)])), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** its seq taken now: the row is written later, maybe after the next play started (plays of meta tasks alone) */
  #newPlay(name: string): void {
    const seq = this.#play;
    this.#queue(row('INSERT INTO plays (run_pk, seq, name) VALUES (?, ?, ?)', (pk) => [pk, seq, this.#text(name)]));
  }

  #newTask(name: string, role: string | undefined, handler: boolean, loc: string, at: number): void {
    const seq = ++this.#task;
    const play = Math.max(this.#play, 0);
    const startMs = Math.max(0, at - this.#startedAt);
    this.#queue(row('INSERT INTO tasks (run_pk, seq, play_seq, name, role, handler, loc, start_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', (pk) => [pk, seq, play, this.#text(name), role ?? null, handler ? 1 : 0, loc, startMs]));
  }

  #result(r: HostResult, now: number): void {
    const output = (key: string): string | null => {
      const v = r.detail?.[key];
      return typeof v === 'string' && v !== '' ? this.#text(v) : null;
    };
    const params: Param[] = [
      this.#task,
      r.host,
      r.status,
      r.status === 'changed' || r.changed === true ? 1 : 0,
      r.ignored === true ? 1 : 0,
      r.rescued === true ? 1 : 0,
      r.item === undefined ? null : this.#text(r.item),
      r.delegatedTo ?? null,
      Math.max(0, Math.round(now - r.durationMs - this.#startedAt)),
      Math.round(r.durationMs),
      r.msg === undefined ? null : this.#text(r.msg),
      output('stdout'),
      output('stderr'),
      r.diff === undefined ? null : this.#text(JSON.stringify(r.diff)),
    ];
    this.#queue(
      row(
        `INSERT INTO results (run_pk, task_seq, host, status, changed, ignored, rescued, item, delegated_to, start_ms, duration_ms, msg, stdout, stderr, diff)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        (pk) => [pk, ...params],
      ),
    );
  }

  #recap(hosts: Readonly<Record<string, RecapCounts>>): void {
    let failedHosts = 0;
    // a host the run did not start with (add_host) is listed after those it did
    let extra = this.#hostCount;
    for (const [host, c] of Object.entries(hosts)) {
      const seq = extra++;
      if (c.failed > 0 || c.unreachable > 0) failedHosts++;
      this.#queue(
        row(
          `INSERT INTO run_hosts (run_pk, host, seq, ok, changed, unreachable, failed, skipped, rescued, ignored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (run_pk, host) DO UPDATE SET ok = excluded.ok, changed = excluded.changed, unreachable = excluded.unreachable,
             failed = excluded.failed, skipped = excluded.skipped, rescued = excluded.rescued, ignored = excluded.ignored`,
          (pk) => [pk, host, seq, c.ok, c.changed, c.unreachable, c.failed, c.skipped, c.rescued, c.ignored],
        ),
      );
    }
    this.#queue(row('UPDATE runs SET failed_hosts = ? WHERE pk = ?', (pk) => [failedHosts, pk]));
  }

  #queue(r: Row): void {
    this.#pending.push(r);
    if (this.#pending.length >= FLUSH_ROWS) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0 || this.#failed) return;
    const rows = this.#pending;
    this.#pending = [];
    this.#write(() => this.#store.batch([...rows.map((r) => r(this.#runPk)), heartbeat(this.#runPk)]));
  }

  /** writes run one after another, in the order the run made them; the first failure stops recording */
  #write(work: () => Promise<void>): void {
    this.#writing = this.#writing.then(() => (this.#failed ? undefined : work())).catch((err: unknown) => this.#fail(err));
  }

  #fail(err: unknown): void {
    if (this.#failed) return;
    // the run goes on: a full disk or a lost database must not fail the hosts' work
    this.#failed = true;
    clearInterval(this.#heartbeat);
    this.#warn(`the run store stopped recording this run: ${(err as Error).message}`);
  }

  #text(text: string): string {
    return bounded(this.#scrub(text));
  }
}

function heartbeat(runPk: number): Statement {
  return { sql: 'UPDATE runs SET heartbeat_at = ? WHERE pk = ?', params: [Date.now(), runPk] };
}

function statusOf(exitCode: number): RunStatus {
  if (exitCode === 0) return 'ok';
  if (exitCode === 99) return 'interrupted';
  return 'failed';
}

// Recording a run as it happens: a reporter that turns the run's events into rows of the store. Rows are written in
// one transaction per task (and at each play, the recap and the end), so a run killed at any moment leaves the store
// consistent: the run's row says `running` until its end is written, and readers call it incomplete once its
// process is gone (engine/store/liveness.ts).
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import type { HostResult, RecapCounts, Reporter, RunEvent } from '../core/events.js';
import { bounded } from './bounded.js';
import { processStart } from './liveness.js';
import type { StoreDb } from './open.js';
import type { Scrub } from './scrub.js';
import type { RunStatus } from './model.js';

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

export class StoreRecorder implements Reporter {
  readonly #db: StoreDb;
  readonly #run: RecordedRun;
  readonly #scrub: Scrub;
  readonly #warn: (msg: string) => void;
  readonly #pending: (() => void)[] = [];
  #runPk: number | undefined;
  #startedAt = 0;
  #play = -1;
  #task = -1;
  #failed = false;
  readonly #sql: Statements;

  constructor(db: StoreDb, run: RecordedRun, scrub: Scrub, warn: (msg: string) => void) {
    this.#db = db;
    this.#sql = statements(db);
    this.#run = run;
    this.#scrub = scrub;
    this.#warn = warn;
  }

  on(e: RunEvent): void {
    if (this.#failed) return;
    try {
      this.#record(e);
    } catch (err) {
      // the run goes on: a full disk or a locked store must not fail the hosts' work
      this.#failed = true;
      this.#warn(`the run store stopped recording this run: ${(err as Error).message}`);
    }
  }

  close(): Promise<void> {
    if (!this.#failed) {
      try {
        this.#flush();
      } catch (err) {
        this.#warn(`the run store could not write this run's last results: ${(err as Error).message}`);
      }
    }
    this.#db.close();
    return Promise.resolve();
  }

  #record(e: RunEvent): void {
    const now = Date.now();
    switch (e.event) {
      case 'run_start':
        this.#start(e.playbook, e.check, e.hosts, e.slice, now);
        return;
      case 'play_start':
        this.#flush();
        this.#play++;
        this.#queue(this.#sql.play, [this.#pk(), this.#play, this.#text(e.play)]);
        return;
      case 'task_start':
        this.#newTask(e.task, e.role, e.handler === true, `${e.loc.file}:${e.loc.line}:${e.loc.col}`, now);
        return;
      case 'host_result':
        if (this.#task < 0) this.#newTask(e.task, undefined, false, '', now - e.durationMs);
        this.#result(e, now);
        return;
      case 'task_end':
        this.#queue(this.#sql.taskEnd, [Math.round(e.durationMs), this.#pk(), this.#task]);
        this.#flush();
        return;
      case 'recap':
        this.#recap(e.hosts);
        this.#flush();
        return;
      case 'run_end':
        this.#queue(this.#sql.runEnd, [statusOf(e.exitCode), e.exitCode, now, this.#pk()]);
        this.#flush();
        return;
      case 'warning':
      case 'log':
        return;
    }
  }

  #start(playbook: string, check: boolean, hosts: readonly string[], slice: { index: number; count: number } | undefined, now: number): void {
    this.#startedAt = now;
    const run = this.#run;
    this.#db.transaction(() => {
      // a slice run again with the same run id replaces its earlier record (a retried Kubernetes pod)
      this.#db.prepare('DELETE FROM runs WHERE run_id = ? AND slice_index = ?').run(run.runId, slice?.index ?? 0);
      const info = this.#db
        .prepare(
          `INSERT INTO runs (run_id, slice_index, slice_count, playbook, status, check_mode, started_at, user_name, command_line,
             playbook_digest, inventory_digest, machine, pid, process_start, host_count)
           VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(run.runId, slice?.index ?? 0, slice?.count ?? 1, playbook, check ? 1 : 0, now, run.user, this.#text(JSON.stringify(run.commandLine)), run.playbookDigest, run.inventoryDigest, hostname(), process.pid, processStart(process.pid) ?? '', hosts.length);
      this.#runPk = Number(info.lastInsertRowid);
      const host = this.#db.prepare('INSERT OR IGNORE INTO run_hosts (run_pk, host) VALUES (?, ?)');
      for (const h of hosts) host.run(this.#runPk, h);
    })();
  }

  #newTask(name: string, role: string | undefined, handler: boolean, loc: string, at: number): void {
    this.#task++;
    this.#queue(this.#sql.task, [
      this.#pk(),
      this.#task,
      Math.max(this.#play, 0),
      this.#text(name),
      role ?? null,
      handler ? 1 : 0,
      loc,
      Math.max(0, at - this.#startedAt),
    ]);
  }

  #result(r: HostResult, now: number): void {
    const output = (key: string): string | null => {
      const v = r.detail?.[key];
      return typeof v === 'string' && v !== '' ? this.#text(v) : null;
    };
    const diff = r.diff === undefined ? null : this.#text(JSON.stringify(r.diff));
    this.#queue(
      this.#sql.result,
      [
        this.#pk(),
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
        diff,
      ],
    );
  }

  #recap(hosts: Readonly<Record<string, RecapCounts>>): void {
    let failedHosts = 0;
    for (const [host, c] of Object.entries(hosts)) {
      if (c.failed > 0 || c.unreachable > 0) failedHosts++;
      this.#queue(this.#sql.recap, [this.#pk(), host, c.ok, c.changed, c.unreachable, c.failed, c.skipped, c.rescued, c.ignored]);
    }
    this.#queue(this.#sql.failedHosts, [failedHosts, this.#pk()]);
  }

  #queue(statement: Statement, params: unknown[]): void {
    this.#pending.push(() => statement.run(...params));
    if (this.#pending.length >= FLUSH_ROWS) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    const rows = this.#pending.splice(0);
    this.#db.transaction(() => {
      for (const row of rows) row();
    })();
  }

  #pk(): number {
    if (this.#runPk === undefined) throw new Error('an event came before run_start');
    return this.#runPk;
  }

  #text(text: string): string {
    return bounded(this.#scrub(text));
  }
}

function statusOf(exitCode: number): RunStatus {
  if (exitCode === 0) return 'ok';
  if (exitCode === 99) return 'interrupted';
  return 'failed';
}

type Statement = Database.Statement<unknown[]>;
type Statements = ReturnType<typeof statements>;

/** prepared once per run: a run of 2,000 hosts writes each of them thousands of times */
function statements(db: StoreDb) {
  return {
    play: db.prepare('INSERT INTO plays (run_pk, seq, name) VALUES (?, ?, ?)'),
    task: db.prepare('INSERT INTO tasks (run_pk, seq, play_seq, name, role, handler, loc, start_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    taskEnd: db.prepare('UPDATE tasks SET duration_ms = ? WHERE run_pk = ? AND seq = ?'),
    result: db.prepare(
      `INSERT INTO results (run_pk, task_seq, host, status, changed, ignored, rescued, item, delegated_to, start_ms, duration_ms, msg, stdout, stderr, diff)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    recap: db.prepare(
      `INSERT INTO run_hosts (run_pk, host, ok, changed, unreachable, failed, skipped, rescued, ignored) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_pk, host) DO UPDATE SET ok = excluded.ok, changed = excluded.changed, unreachable = excluded.unreachable,
         failed = excluded.failed, skipped = excluded.skipped, rescued = excluded.rescued, ignored = excluded.ignored`,
    ),
    failedHosts: db.prepare('UPDATE runs SET failed_hosts = ? WHERE pk = ?'),
    runEnd: db.prepare('UPDATE runs SET status = ?, exit_code = ?, ended_at = ? WHERE pk = ?'),
  };
}

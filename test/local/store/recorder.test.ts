// The run store on a real SQLite file and on a real PostgreSQL server (the same cases on both): what a run's events
// become, read back whole; what is never stored; the filters and lookups of `kplay history`; migrations; the slices
// of a run joined; a run whose writer died.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRunId, getRun, hostRuns, lastFailures, lastRunId, listRuns, openStore, scrubberOf, StoreError, StoreRecorder, type SqlStore } from '../../../engine/store/index.js';
import { MIGRATIONS } from '../../../engine/store/schema.js';
import type { RunEvent } from '../../../engine/core/events.js';
import { STALE_MS } from '../../../engine/store/liveness.js';
import { startPostgres, type Postgres } from '../../support/postgres.js';
import { syntheticRunEvents, type SyntheticRun } from '../../support/run-events.js';

const sqliteStore = () => Promise.resolve(join(mkdtempSync(join(tmpdir(), 'kplay-store-')), 'runs.sqlite'));

let server: Postgres | undefined;
let databases = 0;
/** a fresh database on the test's PostgreSQL server */
async function postgresStore(): Promise<string> {
  if (server === undefined) throw new Error('no PostgreSQL server');
  const name = `store_${++databases}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function record(path: string, runId: string, run: SyntheticRun, secrets: string[] = []): Promise<void> {
  const recorder = new StoreRecorder(await openStore(path), { runId, user: 'ops', commandLine: ['run', 'site.yml'], playbookDigest: 'p'.repeat(64), inventoryDigest: 'i'.repeat(64) }, scrubberOf(secrets), (msg) => {
    throw new Error(msg);
  });
  for (const e of syntheticRunEvents(run)) recorder.on(e);
  await recorder.close();
}

async function read<T>(path: string, f: (db: SqlStore) => Promise<T>): Promise<T> {
  const db = await openStore(path);
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

describe.each([
  ['SQLite', sqliteStore],
  ['PostgreSQL', postgresStore],
])('the run store on %s', (kind, tempStore) => {
  it('gives back a run as its events said: plays, tasks, every result, the recap and the end', async () => {
    const path = await tempStore();
    await record(path, 'run-1', {
      hosts: 3,
      tasks: 4,
      status: (h, t) => (h === 1 && t === 2 ? 'failed' : t === 0 ? 'changed' : 'ok'),
      result: (h, t) => (h === 1 && t === 2 ? { msg: 'boom', detail: { stdout: 'out', stderr: 'err' }, diff: { path: '/etc/x', before: 'a\n', after: 'b\n' } } : {}),
    });
    const run = await read(path, (db) => getRun(db, 'run-1'));
    expect(run).toBeDefined();
    if (run === undefined) return;
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(2);
    expect(run.hosts).toEqual(['h1', 'h2', 'h3']);
    expect(run.plays).toEqual([{ seq: 0, name: 'all' }]);
    expect(run.tasks.map((t) => [t.name, t.loc, t.durationMs])).toEqual([
      ['task 1', 'site.yml:3:7', 5],
      ['task 2', 'site.yml:5:7', 6],
      ['task 3', 'site.yml:7:7', 7],
      ['task 4', 'site.yml:9:7', 8],
    ]);
    // h2 failed at task 3: no task 4 for it
    expect(run.results).toHaveLength(3 + 3 + 3 + 2);
    const failed = run.results.find((r) => r.status === 'failed');
    expect(failed).toMatchObject({ host: 'h2', task: 2, msg: 'boom', stdout: 'out', stderr: 'err', diff: { path: '/etc/x', before: 'a\n', after: 'b\n' }, durationMs: 7 });
    expect(run.results.filter((r) => r.changed).map((r) => r.host)).toEqual(['h1', 'h2', 'h3']);
    expect(run.recap.h2).toEqual({ ok: 2, changed: 1, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 0 });
    expect(run.failedHosts).toBe(1);
    expect(run.commandLine).toEqual(['run', 'site.yml']);
    expect(run.user).toBe('ops');
    expect(run.endedAt).toBeGreaterThanOrEqual(run.startedAt);
  });

  it('keeps plays of meta tasks alone apart, a meta task announced for each host is one task, a serial play one play', async () => {
    const path = await tempStore();
    const recorder = new StoreRecorder(await openStore(path), { runId: 'run-meta', user: 'ops', commandLine: [], playbookDigest: 'p'.repeat(64), inventoryDigest: 'i'.repeat(64) }, scrubberOf([]), (msg) => {
      throw new Error(msg);
    });
    const loc = { file: 'site.yml', line: 3, col: 7 };
    const flush = { event: 'task_start', play: 'a', task: 'flush', loc, hosts: ['h1', 'h2'] } as const;
    const events: RunEvent[] = [
      { event: 'run_start', playbook: 'site.yml', check: false, hosts: ['h1', 'h2'] },
      { event: 'play_start', play: 'a', hosts: ['h1', 'h2'] },
      flush,
      { ...flush, again: true },
      { event: 'host_result', host: 'h2', task: 'flush', status: 'skipped', msg: 'flush_handlers', durationMs: 0 },
      { event: 'task_end', task: 'flush', durationMs: 4 },
      // the rows of play b are written once play c started: each keeps its own seq
      { event: 'play_start', play: 'b', hosts: ['h1'] },
      // play b announced again for its next serial batch: still play b
      { event: 'play_start', play: 'b', hosts: ['h2'], again: true },
      { event: 'play_start', play: 'c', hosts: ['h1'] },
      { event: 'recap', hosts: {} },
      { event: 'run_end', exitCode: 0, durationMs: 9 },
    ];
    for (const e of events) recorder.on(e);
    await recorder.close();
    const run = await read(path, (db) => getRun(db, 'run-meta'));
    expect(run?.plays).toEqual([{ seq: 0, name: 'a' }, { seq: 1, name: 'b' }, { seq: 2, name: 'c' }]);
    expect(run?.tasks.map((t) => [t.name, t.durationMs])).toEqual([['flush', 4]]);
    expect(run?.results.map((r) => [r.host, r.task, r.status])).toEqual([['h2', 0, 'skipped']]);
  });

  it('never stores a secret: every text is scrubbed, in the database file and its write-ahead log', async () => {
    const path = await tempStore();
    await record(path, 'run-s', { hosts: 2, tasks: 2, result: (h) => ({ msg: `token is hunter2secret on h${h}`, detail: { stdout: 'hunter2secret', stderr: 'x hunter2secret' } }) }, ['hunter2secret']);
    const run = await read(path, (db) => getRun(db, 'run-s'));
    expect(run?.results.map((r) => r.msg)).toEqual(['token is ******** on h0', 'token is ******** on h1', 'token is ******** on h0', 'token is ******** on h1']);
    if (kind === 'SQLite') {
      const dir = join(path, '..');
      for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes('hunter2secret')).toBe(false);
    } else {
      const found = await read(path, (db) => db.all<{ n: number }>("SELECT count(*) AS n FROM results WHERE strpos(msg, 'hunter2secret') > 0 OR strpos(stdout, 'hunter2secret') > 0 OR strpos(stderr, 'hunter2secret') > 0"));
      expect(found).toEqual([{ n: 0 }]);
    }
  });

  it('keeps long outputs bounded', async () => {
    const path = await tempStore();
    await record(path, 'run-b', { hosts: 1, tasks: 1, result: () => ({ detail: { stdout: 'x'.repeat(1_000_000) } }) });
    const stdout = (await read(path, (db) => getRun(db, 'run-b')))?.results[0]?.stdout ?? '';
    expect(stdout.length).toBeLessThan(70_000);
    expect(stdout).toContain('characters left out');
  });

  it('lists runs newest first, filtered by playbook, host, status and time; finds a run by a unique prefix or "last"', async () => {
    const path = await tempStore();
    await record(path, 'aaa-1', { playbook: 'web.yml', hosts: 2, tasks: 1 });
    await record(path, 'aab-2', { playbook: 'db.yml', hosts: 3, tasks: 1, status: (h) => (h === 2 ? 'unreachable' : 'ok'), exitCode: 4 });
    await record(path, 'bbb-3', { playbook: 'web.yml', hosts: 1, tasks: 1, hostName: () => 'other' });
    await read(path, async (db) => {
      expect((await listRuns(db)).map((r) => r.id)).toEqual(['bbb-3', 'aab-2', 'aaa-1']);
      expect((await listRuns(db, { playbook: 'web' })).map((r) => r.id)).toEqual(['bbb-3', 'aaa-1']);
      expect((await listRuns(db, { playbook: '%' })).map((r) => r.id)).toEqual([]);
      expect((await listRuns(db, { host: 'h3' })).map((r) => r.id)).toEqual(['aab-2']);
      expect((await listRuns(db, { status: 'failed' })).map((r) => [r.id, r.exitCode, r.failedHosts])).toEqual([['aab-2', 4, 1]]);
      expect(await listRuns(db, { since: Date.now() + 60_000 })).toEqual([]);
      expect((await listRuns(db, { limit: 1 })).map((r) => r.id)).toEqual(['bbb-3']);
      expect(await findRunId(db, 'last')).toEqual({ id: 'bbb-3' });
      expect(await findRunId(db, 'aab')).toEqual({ id: 'aab-2' });
      expect(await findRunId(db, 'aa')).toEqual({ ambiguous: ['aaa-1', 'aab-2'] });
      expect(await findRunId(db, 'zzz')).toEqual({});
      expect(await lastRunId(db, 'failed')).toBe('aab-2');
    });
  });

  it("shows one host across runs, and each host's last failure with whether a later run was ok on it", async () => {
    const path = await tempStore();
    await record(path, 'r1', { hosts: 2, tasks: 2, status: (h, t) => (h === 0 && t === 1 ? 'failed' : 'ok'), result: (h, t) => (h === 0 && t === 1 ? { msg: 'disk full' } : {}) });
    await record(path, 'r2', { hosts: 2, tasks: 2, status: (h, t) => (h === 1 && t === 0 ? 'failed' : 'ok'), result: (h, t) => (h === 1 && t === 0 ? { msg: 'no route' } : {}) });
    await record(path, 'r3', { hosts: 1, tasks: 1 });
    await read(path, async (db) => {
      const h1 = await hostRuns(db, 'h1');
      expect(h1.map((r) => [r.runId, r.recap?.failed, r.failures.map((f) => f.msg)])).toEqual([
        ['r3', 0, []],
        ['r2', 0, []],
        ['r1', 1, ['disk full']],
      ]);
      expect((await lastFailures(db)).map((f) => [f.host, f.runId, f.task, f.msg, f.fixedSince])).toEqual([
        ['h2', 'r2', 'task 1', 'no route', undefined],
        ['h1', 'r1', 'task 2', 'disk full', 'r3'],
      ]);
    });
  });

  it('joins the slices of one run id into one run, and calls it running until every slice is recorded', async () => {
    const path = await tempStore();
    await record(path, 'sliced', { hosts: 2, tasks: 2, slice: { index: 0, count: 2 } });
    await read(path, async (db) => expect((await listRuns(db))[0]).toMatchObject({ id: 'sliced', status: 'running', slices: { recorded: 1, count: 2 }, exitCode: undefined }));
    await record(path, 'sliced', { hosts: 2, tasks: 2, slice: { index: 1, count: 2 }, hostName: (h) => `h${h + 3}`, status: (h) => (h === 0 ? 'failed' : 'ok') });
    await read(path, async (db) => {
      expect(await listRuns(db)).toHaveLength(1);
      const run = await getRun(db, 'sliced');
      expect(run).toMatchObject({ status: 'failed', exitCode: 2, hostCount: 4, failedHosts: 1, slices: { recorded: 2, count: 2 } });
      expect(run?.sliceRecords?.map((r) => [r.index, r.status, r.hosts])).toEqual([
        [0, 'ok', ['h1', 'h2']],
        [1, 'failed', ['h3', 'h4']],
      ]);
      expect(run?.hosts).toEqual(['h1', 'h2', 'h3', 'h4']);
      expect(run?.tasks.map((t) => t.name)).toEqual(['task 1', 'task 2']);
      expect(run?.results.filter((r) => r.task === 0).map((r) => r.host)).toEqual(['h1', 'h2', 'h3', 'h4']);
    });
  });

  it('replaces a slice recorded again under the same run id (a retried pod), keeping the others', async () => {
    const path = await tempStore();
    await record(path, 'retry', { hosts: 1, tasks: 1, slice: { index: 0, count: 1 }, status: () => 'failed' });
    await record(path, 'retry', { hosts: 1, tasks: 1, slice: { index: 0, count: 1 } });
    await read(path, async (db) => expect(await getRun(db, 'retry')).toMatchObject({ status: 'ok', results: [{ status: 'ok' }] }));
  });

  it('a store is migrated once, keeps its runs when reopened, and one from a newer kplay is refused', async () => {
    const path = await tempStore();
    await record(path, 'kept', { hosts: 1, tasks: 1 });
    await read(path, async (db) => expect((await listRuns(db)).map((r) => r.id)).toEqual(['kept']));
    if (kind === 'SQLite') {
      const raw = new Database(path);
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
      raw.close();
    } else {
      await read(path, async (db) => {
        expect(await db.all('SELECT version FROM kplay_schema')).toEqual([{ version: MIGRATIONS.length }]);
        await db.run('UPDATE kplay_schema SET version = ?', [MIGRATIONS.length + 1]);
      });
    }
    await expect(openStore(path)).rejects.toThrow(StoreError);
    await expect(openStore(path)).rejects.toThrow(/newer kplay/);
  });

  it('a run whose writer died is read as incomplete: on this machine once its process is gone, elsewhere once its heartbeat is stale', async () => {
    const path = await tempStore();
    await record(path, 'here', { hosts: 1, tasks: 2, stopAfter: 1 });
    await record(path, 'there', { hosts: 1, tasks: 2, stopAfter: 1 });
    await record(path, 'alive', { hosts: 1, tasks: 2, stopAfter: 1 });
    await read(path, async (db) => {
      // 'here': a process that is gone; 'there': another machine, silent for longer than STALE_MS; 'alive': beating
      await db.run("UPDATE runs SET pid = 999999999, process_start = 'x' WHERE run_id = 'here'");
      await db.run("UPDATE runs SET machine = 'elsewhere', heartbeat_at = ? WHERE run_id = 'there'", [Date.now() - STALE_MS - 1000]);
      await db.run("UPDATE runs SET machine = 'elsewhere', heartbeat_at = ? WHERE run_id = 'alive'", [Date.now()]);
      const runs = await listRuns(db);
      expect(Object.fromEntries(runs.map((r) => [r.id, r.status]))).toEqual({ here: 'incomplete', there: 'incomplete', alive: 'running' });
    });
  });
});

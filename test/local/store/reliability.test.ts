// The run store when things go wrong: a run killed with SIGKILL leaves a consistent store with that run marked
// incomplete, and several kplay processes recording at once into one store lose nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'store');
const INVENTORY = join(FIXTURES, 'inventory.ini');
const KPLAY = join(ROOT, 'bin', 'kplay.js');
const newStore = () => join(mkdtempSync(join(tmpdir(), 'kplay-store-rel-')), 'runs.sqlite');

/** Rows of a query, read by a separate connection (as another process would). */
function query<T>(store: string, sql: string): T[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(store, { readonly: true, fileMustExist: true });
    return db.prepare(sql).all() as T[];
  } catch {
    return []; // not created yet, or its tables not yet
  } finally {
    db?.close();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('a run killed with SIGKILL in the middle leaves the store consistent, with that run marked incomplete', async () => {
  const store = newStore();
  const child = spawn('node', [KPLAY, 'run', '--no-live', '-i', INVENTORY, join(FIXTURES, 'slow.yml')], {
    env: { ...process.env, KPLAY_RUN_STORE: store },
    stdio: 'ignore',
    // its own process group: the kill reaches the command it runs too (nothing left sleeping after the test)
    detached: true,
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // the first task's results are committed when it ends; the run then sleeps in its second task
  await until(() => query<{ n: number }>(store, 'SELECT count(*) AS n FROM results')[0]?.n === 3, "the first task's results");
  process.kill(-(child.pid ?? 0), 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const listed = await runCommand(['node', KPLAY, 'history', '--json'], { KPLAY_RUN_STORE: store });
  const runs = JSON.parse(listed.stdout) as { status: string; hostCount: number; exitCode?: number }[];
  expect(runs).toMatchObject([{ status: 'incomplete', hostCount: 3 }]);
  expect(runs[0]?.exitCode).toBeUndefined();
  const shown = await runCommand(['node', KPLAY, 'history', 'show', 'last'], { KPLAY_RUN_STORE: store });
  expect(shown.stdout).toMatch(/status +incomplete\n/);
  expect(shown.stdout).toContain('no recap (the run did not reach its end)');
  expect(query<{ integrity_check: string }>(store, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
});

it('four runs recording into one store at once: every run and every result is there', async () => {
  const store = newStore();
  const runs = await Promise.all(
    ['ok.yml', 'fails.yml', 'ok.yml', 'fails.yml'].map((playbook) => runCommand(['node', KPLAY, 'run', '--no-live', '-i', INVENTORY, join(FIXTURES, playbook)], { KPLAY_RUN_STORE: store })),
  );
  expect(runs.map((r) => r.code)).toEqual([0, 2, 0, 2]);
  for (const r of runs) expect(r.stderr).not.toContain('run store');
  const perRun = query<{ status: string; results: number; tasks: number }>(
    store,
    `SELECT runs.status, (SELECT count(*) FROM results WHERE run_pk = runs.pk) AS results, (SELECT count(*) FROM tasks WHERE run_pk = runs.pk) AS tasks
     FROM runs ORDER BY status`,
  );
  // ok.yml: 3 tasks on 3 hosts; fails.yml: 3 + 3 + 2 results (w2 stops at its failure)
  expect(perRun).toEqual([
    { status: 'failed', results: 8, tasks: 3 },
    { status: 'failed', results: 8, tasks: 3 },
    { status: 'ok', results: 9, tasks: 3 },
    { status: 'ok', results: 9, tasks: 3 },
  ]);
});

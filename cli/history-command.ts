// The work of `kplay history` (see cli/history.ts): read the store, print a table or JSON.
import { existsSync } from 'node:fs';
import { InputError, InputErrors } from '../engine/core/errors.js';
import { findRunId, getRun, hostRuns, isPostgresUrl, lastFailures, listRuns, openStore, StoreError, RUN_STATUSES, type RunStatus, type SqlStore } from '../engine/store/index.js';
import { escapeControls } from '../engine/report/terminal.js';
import { EXIT } from './exit.js';
import { failuresTable, hostTable, parseWhen, runsTable, runText } from './history-format.js';
import { storePath } from './run-store-options.js';
import type { StoreFlags } from './store-options.js';

export interface HistoryListFlags extends StoreFlags {
  readonly json?: boolean;
  readonly playbook?: string;
  readonly host?: string;
  readonly status?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: string;
}

export interface HistoryFlags extends StoreFlags {
  readonly json?: boolean;
}

export function historyList(flags: HistoryListFlags): Promise<number> {
  const now = Date.now();
  const status = flags.status;
  if (status !== undefined && !RUN_STATUSES.includes(status as RunStatus)) {
    throw new InputErrors([new InputError(`--status ${JSON.stringify(status)}: one of ${RUN_STATUSES.join(', ')}`)]);
  }
  const filter = {
    playbook: flags.playbook,
    host: flags.host,
    status: status as RunStatus | undefined,
    since: flags.since === undefined ? undefined : parseWhen(flags.since, now, '--since'),
    until: flags.until === undefined ? undefined : parseWhen(flags.until, now, '--until'),
    limit: limitOf(flags.limit),
  };
  return withStore(flags, async (db) => {
    const runs = await listRuns(db, filter);
    if (flags.json === true) return json(runs);
    process.stdout.write(runs.length === 0 ? 'no run matches\n' : runsTable(runs));
    return EXIT.ok;
  }, () => (flags.json === true ? json([]) : say('no run recorded yet')));
}

export function historyShow(ref: string, flags: HistoryFlags): Promise<number> {
  return withStore(flags, async (db) => {
    const run = await getRun(db, await runIdOf(db, ref));
    if (run === undefined) throw new InputErrors([new InputError(`run ${JSON.stringify(ref)}: not in the run store`)]);
    if (flags.json === true) return json(run);
    process.stdout.write(runText(run));
    return EXIT.ok;
  }, () => {
    throw new InputErrors([new InputError(`run ${JSON.stringify(ref)}: no run recorded yet`)]);
  });
}

export function historyHost(host: string, flags: HistoryFlags & { limit?: string }): Promise<number> {
  return withStore(flags, async (db) => {
    const runs = await hostRuns(db, host, limitOf(flags.limit));
    if (flags.json === true) return json(runs);
    process.stdout.write(runs.length === 0 ? escapeControls(`no recorded run targeted ${host}\n`) : hostTable(runs));
    return EXIT.ok;
  }, () => (flags.json === true ? json([]) : say('no run recorded yet')));
}

export function historyFailures(flags: HistoryFlags): Promise<number> {
  return withStore(flags, async (db) => {
    const failures = await lastFailures(db);
    if (flags.json === true) return json(failures);
    process.stdout.write(failures.length === 0 ? 'no host has failed in a recorded run\n' : failuresTable(failures));
    return EXIT.ok;
  }, () => (flags.json === true ? json([]) : say('no run recorded yet')));
}

/** The run id a user named (an id, a unique prefix, or "last"): a clear error when none or several match. */
export async function runIdOf(db: SqlStore, ref: string): Promise<string> {
  const found = await findRunId(db, ref);
  if (found.id !== undefined) return found.id;
  if (found.ambiguous !== undefined) throw new InputErrors([new InputError(`run ${JSON.stringify(ref)} is ambiguous: ${found.ambiguous.join(', ')}`)]);
  throw new InputErrors([new InputError(`run ${JSON.stringify(ref)}: not in the run store`, { hint: '`kplay history` lists the recorded runs' })]);
}

/** Open the store and read it; a store file that does not exist yet has recorded nothing. */
export async function withStore(flags: HistoryFlags, read: (db: SqlStore) => Promise<number>, empty: () => number): Promise<number> {
  const location = storePath(flags);
  if (!isPostgresUrl(location) && !existsSync(location)) return empty();
  let db: SqlStore;
  try {
    db = await openStore(location);
  } catch (err) {
    if (err instanceof StoreError) throw new InputErrors([new InputError(err.message)]);
    throw err;
  }
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

function limitOf(text: string | undefined): number {
  if (text === undefined) return 20;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new InputErrors([new InputError(`--limit must be a positive integer, got ${JSON.stringify(text)}`)]);
  return n;
}

/** JSON with times as ISO strings (what a person or jq reads), escaped to ASCII-safe JSON by JSON itself */
function json(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value, (key, v: unknown) => ((key === 'startedAt' || key === 'endedAt') && typeof v === 'number' ? new Date(v).toISOString() : v), 2)}\n`);
  return EXIT.ok;
}

function say(text: string): number {
  process.stdout.write(`${text}\n`);
  return EXIT.ok;
}

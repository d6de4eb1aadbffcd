// Opening the run store: an SQLite file in WAL mode (several kplay processes may write at once; readers never
// block writers), waiting for a busy lock rather than failing, brought up to the current schema.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './schema.js';

export type StoreDb = Database.Database;

/** how long a writer waits for another process's transaction before giving up */
const BUSY_TIMEOUT_MS = 10_000;

export class StoreError extends Error {}

export function openStore(path: string, options: { readonly readonly?: boolean } = {}): StoreDb {
  let db: StoreDb;
  try {
    if (options.readonly !== true) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path, { readonly: options.readonly === true, fileMustExist: options.readonly === true, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new StoreError(`run store ${path}: cannot open it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.readonly !== true) {
      db.pragma('journal_mode = WAL');
      // WAL with synchronous NORMAL: a commit survives a killed process (the WAL is written), an OS crash may lose
      // the last commits but never corrupts the file
      db.pragma('synchronous = NORMAL');
      migrate(db);
    } else if (schemaVersion(db) > MIGRATIONS.length) {
      throw new StoreError(`run store ${path}: written by a newer kplay (schema ${schemaVersion(db)}, this one knows ${MIGRATIONS.length})`);
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(`run store ${path}: ${(err as Error).message}`);
  }
}

function schemaVersion(db: StoreDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply the migrations this store has not had, each in its own transaction (a crash leaves it at a version). */
function migrate(db: StoreDb): void {
  const have = schemaVersion(db);
  if (have > MIGRATIONS.length) throw new StoreError(`written by a newer kplay (schema ${have}, this one knows ${MIGRATIONS.length})`);
  for (let v = have; v < MIGRATIONS.length; v++) {
    // IMMEDIATE: two processes opening a new store at once do not both create the tables
    db.transaction(() => {
      if (schemaVersion(db) > v) return;
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

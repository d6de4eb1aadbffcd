// The run store in an SQLite file (better-sqlite3): WAL mode (several kplay processes may write at once; readers
// never block writers), a busy lock waited for rather than failed on, brought up to the current schema.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { COLUMN_TYPES, MIGRATIONS } from './schema.js';
import { StoreError, type Param, type SqlStore, type Statement } from './sql.js';

/** how long a writer waits for another process's transaction before giving up */
const BUSY_TIMEOUT_MS = 10_000;

export function openSqlite(path: string): SqlStore {
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw new StoreError(`run store ${path}: cannot open it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    db.pragma('journal_mode = WAL');
    // WAL with synchronous NORMAL: a commit survives a killed process (the WAL is written); an OS crash may lose
    // the last commits but never corrupts the file
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw new StoreError(`run store ${path}: ${(err as Error).message}`);
  }
  return new SqliteStore(db, path);
}

class SqliteStore implements SqlStore {
  readonly dialect = 'sqlite';
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement<Param[]>>();
  readonly location: string;

  constructor(db: Database.Database, location: string) {
    this.#db = db;
    this.location = location;
  }

  all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    return Promise.resolve(this.#prepare(sql).all(...params) as T[]);
  }

  run<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    const statement = this.#prepare(sql);
    if (statement.reader) return Promise.resolve(statement.get(...params) as T | undefined);
    statement.run(...params);
    return Promise.resolve(undefined);
  }

  batch(statements: readonly Statement[]): Promise<void> {
    this.#db.transaction(() => {
      for (const s of statements) this.#prepare(s.sql).run(...s.params);
    })();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }

  /** prepared once: a run of 2,000 hosts writes the same few statements thousands of times */
  #prepare(sql: string): Database.Statement<Param[]> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare<Param[]>(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply the migrations this store has not had, each in its own transaction (a crash leaves it at a version). */
function migrate(db: Database.Database): void {
  const have = schemaVersion(db);
  if (have > MIGRATIONS.length) throw new Error(`written by a newer kplay (schema ${have}, this one knows ${MIGRATIONS.length})`);
  for (let v = have; v < MIGRATIONS.length; v++) {
    // IMMEDIATE: two processes opening a new store at once do not both create the tables
    db.transaction(() => {
      if (schemaVersion(db) > v) return;
      db.exec(MIGRATIONS[v]?.(COLUMN_TYPES.sqlite) ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

// What the run store asks of a database: SQL with `?` placeholders, rows back, statements in one transaction.
// Two implementations: an SQLite file (engine/store/sqlite.ts, the default) and PostgreSQL (engine/store/postgres.ts,
// shared by several controllers: the slices of one run).

export type Param = string | number | null;

export interface Statement {
  readonly sql: string;
  readonly params: readonly Param[];
}

export interface SqlStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** where it is, for messages (a path, or a URL without its password) */
  readonly location: string;
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** one statement; with RETURNING, its first row */
  run<T = unknown>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** statements in order, in one transaction: all of them or none */
  batch(statements: readonly Statement[]): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {}

/** `instr` in SQLite, `strpos` in PostgreSQL: whether a column contains a text (no LIKE wildcards to escape). */
export function containsSql(store: SqlStore, column: string): string {
  return store.dialect === 'postgres' ? `strpos(${column}, ?) > 0` : `instr(${column}, ?) > 0`;
}

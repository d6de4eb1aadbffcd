// The run store on PostgreSQL (the pg driver): several controllers, such as the slices of one run on a Kubernetes
// Indexed Job, write one store. One connection per kplay process; migrations under an advisory lock so controllers
// starting together on a new database do not race.
import pg from 'pg';
import { COLUMN_TYPES, MIGRATIONS } from './schema.js';
import { StoreError, type Param, type SqlStore, type Statement } from './sql.js';

/** pg_advisory_xact_lock's key for kplay's migrations (any constant that other software is unlikely to use) */
const MIGRATION_LOCK = 0x6b706c6179;
const CONNECT_TIMEOUT_MS = 10_000;
const INT8_OID = 20;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** the URL with its password hidden: what messages show */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '********';
    return u.toString();
  } catch {
    return 'postgres://(an unreadable URL)';
  }
}

/** BIGINT (epoch milliseconds, keys, counts) as numbers: they stay far below 2^53; every other type as pg reads it */
const typeParser = ((oid: number, format?: 'text' | 'binary'): unknown => (oid === INT8_OID ? (v: string) => Number(v) : (pg.types.getTypeParser(oid, format ?? 'text') as unknown))) as typeof pg.types.getTypeParser;

export async function openPostgres(url: string): Promise<SqlStore> {
  const location = shownUrl(url);
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: { getTypeParser: typeParser },
  });
  // a connection lost later is reported by the query that needed it; this keeps it from crashing the process
  client.on('error', () => undefined);
  try {
    await client.connect();
    await migrate(client);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new StoreError(`run store ${location}: ${(err as Error).message}`);
  }
  return new PostgresStore(client, location);
}

class PostgresStore implements SqlStore {
  readonly dialect = 'postgres';
  readonly #client: pg.Client;
  readonly location: string;

  constructor(client: pg.Client, location: string) {
    this.#client = client;
    this.location = location;
  }

  async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
    const r = await this.#client.query(numbered(sql), [...params]);
    return r.rows as T[];
  }

  async run<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
    const r = await this.#client.query(numbered(sql), [...params]);
    return r.rows[0] as T | undefined;
  }

  async batch(statements: readonly Statement[]): Promise<void> {
    await this.#client.query('BEGIN');
    try {
      for (const s of statements) await this.#client.query(numbered(s.sql), [...s.params]);
      await this.#client.query('COMMIT');
    } catch (err) {
      await this.#client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (kplay's SQL has no `?` inside its string literals) */
export function numbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

async function migrate(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS kplay_schema (version INTEGER NOT NULL)');
    const r = await client.query<{ version: number }>('SELECT version FROM kplay_schema');
    const have = r.rows[0]?.version ?? 0;
    if (have > MIGRATIONS.length) throw new Error(`written by a newer kplay (schema ${have}, this one knows ${MIGRATIONS.length})`);
    for (let v = have; v < MIGRATIONS.length; v++) await client.query(MIGRATIONS[v]?.(COLUMN_TYPES.postgres) ?? '');
    if (r.rows.length === 0) await client.query('INSERT INTO kplay_schema (version) VALUES ($1)', [MIGRATIONS.length]);
    else await client.query('UPDATE kplay_schema SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

// Opening the run store where the settings say: a PostgreSQL URL, else an SQLite file.
import { openPostgres, isPostgresUrl } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { SqlStore } from './sql.js';

export function openStore(location: string): Promise<SqlStore> {
  return isPostgresUrl(location) ? openPostgres(location) : Promise.resolve().then(() => openSqlite(location));
}

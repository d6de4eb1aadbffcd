// The throwaway PostgreSQL the history tests use: it starts, answers SQL through the pg driver, and leaves nothing.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { startPostgres } from '../support/postgres.js';

it('starts a fresh cluster that answers, and removes it', async () => {
  const server = await startPostgres();
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    const r = await client.query<{ v: string }>('select version() as v');
    expect(r.rows[0]?.v).toMatch(/^PostgreSQL 15/);
  } finally {
    await client.end();
    await server.stop();
  }
  await expect(new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 }).connect()).rejects.toThrow();
  expect(existsSync(server.dir)).toBe(false);
});

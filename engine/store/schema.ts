// The run store's tables, as numbered migrations: a store written by an older kplay is brought up to date when
// opened (SQLite's user_version, PostgreSQL's kplay_schema table hold how many have been applied). Never edit a
// migration that shipped: add one. The same tables in both databases; only the types of keys and times differ.

export interface ColumnTypes {
  /** a table's own generated key */
  readonly key: string;
  /** another table's key */
  readonly ref: string;
  /** epoch milliseconds */
  readonly time: string;
}

export const COLUMN_TYPES: Readonly<Record<'sqlite' | 'postgres', ColumnTypes>> = {
  sqlite: { key: 'INTEGER PRIMARY KEY', ref: 'INTEGER', time: 'INTEGER' },
  postgres: { key: 'BIGSERIAL PRIMARY KEY', ref: 'BIGINT', time: 'BIGINT' },
};

export const MIGRATIONS: readonly ((t: ColumnTypes) => string)[] = [
  (t) => `CREATE TABLE runs (
     pk ${t.key},
     run_id TEXT NOT NULL,
     slice_index INTEGER NOT NULL,
     slice_count INTEGER NOT NULL,
     playbook TEXT NOT NULL,
     status TEXT NOT NULL,
     exit_code INTEGER,
     check_mode INTEGER NOT NULL,
     started_at ${t.time} NOT NULL,
     ended_at ${t.time},
     heartbeat_at ${t.time} NOT NULL,
     user_name TEXT NOT NULL,
     command_line TEXT NOT NULL,
     playbook_digest TEXT NOT NULL,
     inventory_digest TEXT NOT NULL,
     machine TEXT NOT NULL,
     pid INTEGER NOT NULL,
     process_start TEXT NOT NULL,
     host_count INTEGER NOT NULL,
     failed_hosts INTEGER NOT NULL DEFAULT 0,
     UNIQUE (run_id, slice_index)
   );
   CREATE INDEX runs_by_start ON runs (started_at);
   CREATE INDEX runs_by_playbook ON runs (playbook, started_at);
   CREATE INDEX runs_by_status ON runs (status, started_at);
   CREATE TABLE run_hosts (
     run_pk ${t.ref} NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
     host TEXT NOT NULL,
     seq INTEGER NOT NULL,
     ok INTEGER, changed INTEGER, unreachable INTEGER, failed INTEGER, skipped INTEGER, rescued INTEGER, ignored INTEGER,
     PRIMARY KEY (run_pk, host)
   );
   CREATE INDEX run_hosts_by_host ON run_hosts (host, run_pk);
   CREATE TABLE plays (
     run_pk ${t.ref} NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     name TEXT NOT NULL,
     PRIMARY KEY (run_pk, seq)
   );
   CREATE TABLE tasks (
     run_pk ${t.ref} NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     play_seq INTEGER NOT NULL,
     name TEXT NOT NULL,
     role TEXT,
     handler INTEGER NOT NULL,
     loc TEXT NOT NULL,
     start_ms INTEGER NOT NULL,
     duration_ms INTEGER,
     PRIMARY KEY (run_pk, seq)
   );
   CREATE TABLE results (
     pk ${t.key},
     run_pk ${t.ref} NOT NULL REFERENCES runs (pk) ON DELETE CASCADE,
     task_seq INTEGER NOT NULL,
     host TEXT NOT NULL,
     status TEXT NOT NULL,
     changed INTEGER NOT NULL,
     ignored INTEGER NOT NULL,
     rescued INTEGER NOT NULL,
     item TEXT,
     delegated_to TEXT,
     start_ms INTEGER NOT NULL,
     duration_ms INTEGER NOT NULL,
     msg TEXT,
     stdout TEXT,
     stderr TEXT,
     diff TEXT
   );
   CREATE INDEX results_by_run ON results (run_pk, task_seq);
   CREATE INDEX results_by_host ON results (host, run_pk);
   CREATE INDEX results_failed ON results (host, run_pk) WHERE status IN ('failed', 'unreachable') AND ignored = 0 AND rescued = 0;`,
];

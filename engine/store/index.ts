// The run store: every run recorded in an SQLite file or a PostgreSQL database, read back by `kplay history` and
// `kplay report`. Public surface for the CLI.
export { openStore } from './open.js';
export { StoreError, type SqlStore } from './sql.js';
export { isPostgresUrl, shownUrl } from './postgres.js';
export { StoreRecorder, type RecordedRun } from './recorder.js';
export { listRuns, getRun, hostRuns, lastFailures, findRunId, lastRunId, RUN_STATUSES, type RunFilter, type HostRun, type HostFailure } from './queries.js';
export { liveScrubber, scrubberOf } from './scrub.js';
export { recordedCommandLine } from './command-line.js';
export { fileDigest, sourcesDigest } from './digest.js';
export type { RunStatus, RunSummary, SliceSummary, StoredRun, StoredTask, StoredResult, StoredPlay } from './model.js';

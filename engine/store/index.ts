// The run store: every run recorded in an SQLite file (engine/store/open.ts), read back by `kplay history` and
// `kplay report`. Public surface for the CLI.
export { openStore, StoreError, type StoreDb } from './open.js';
export { StoreRecorder, type RecordedRun } from './recorder.js';
export { listRuns, getRun, hostRuns, lastFailures, findRunId, lastRunId, RUN_STATUSES, type RunFilter, type HostRun, type HostFailure } from './queries.js';
export { scrubberOf } from './scrub.js';
export { recordedCommandLine } from './command-line.js';
export { fileDigest, sourcesDigest } from './digest.js';
export type { RunStatus, RunSummary, StoredRun, StoredTask, StoredResult, StoredPlay } from './model.js';

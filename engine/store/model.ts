// What the run store keeps of a run, as the history command and the HTML report read it back.
import type { HostStatus, RecapCounts } from '../core/events.js';

/** running: still going (or killed: the reader turns a dead writer's run into `incomplete`) */
export type RunStatus = 'running' | 'ok' | 'failed' | 'interrupted' | 'incomplete';

/** One line of `kplay history`: a run without its results. */
export interface RunSummary {
  readonly id: string;
  readonly playbook: string;
  readonly status: RunStatus;
  /** absent while running or when the run never ended */
  readonly exitCode?: number | undefined;
  readonly check: boolean;
  /** epoch milliseconds */
  readonly startedAt: number;
  readonly endedAt?: number | undefined;
  readonly user: string;
  /** the command line, with values that may be secret (-e KEY=VALUE) reduced to their keys */
  readonly commandLine: readonly string[];
  /** sha256 of the playbook file and of the inventory sources, to tell two runs of changed content apart */
  readonly playbookDigest: string;
  readonly inventoryDigest: string;
  /** a sliced run (--shard): how many slices it has and how many of them the store holds (joined in one run) */
  readonly slices?: { readonly recorded: number; readonly count: number } | undefined;
  readonly hostCount: number;
  /** hosts with a failed or unreachable count in the recap */
  readonly failedHosts: number;
}

export interface StoredPlay {
  readonly seq: number;
  readonly name: string;
}

export interface StoredTask {
  /** order of the task in the run (a task run twice, e.g. a handler, is two tasks) */
  readonly seq: number;
  readonly play: number;
  readonly name: string;
  readonly role?: string | undefined;
  readonly handler: boolean;
  /** file:line:col of the task in its source */
  readonly loc: string;
  /** milliseconds from the run's start */
  readonly startMs: number;
  readonly durationMs?: number | undefined;
}

export interface StoredResult {
  readonly task: number;
  readonly host: string;
  readonly status: HostStatus;
  readonly changed: boolean;
  readonly ignored: boolean;
  readonly rescued: boolean;
  readonly item?: string | undefined;
  readonly delegatedTo?: string | undefined;
  /** milliseconds from the run's start */
  readonly startMs: number;
  readonly durationMs: number;
  readonly msg?: string | undefined;
  /** bounded (the store keeps the first and last parts of long texts) */
  readonly stdout?: string | undefined;
  readonly stderr?: string | undefined;
  readonly diff?: { readonly path?: string | undefined; readonly before: string; readonly after: string } | undefined;
}

/** A whole run: what `kplay history show` and `kplay report` read. */
export interface StoredRun extends RunSummary {
  readonly hosts: readonly string[];
  readonly plays: readonly StoredPlay[];
  readonly tasks: readonly StoredTask[];
  readonly results: readonly StoredResult[];
  readonly recap: Readonly<Record<string, RecapCounts>>;
  /** a sliced run: each recorded slice, its status and its hosts (a slice that died: its hosts did not all run) */
  readonly sliceRecords?: readonly SliceSummary[] | undefined;
}

export interface SliceSummary {
  /** 1-based, as --shard I/N names it */
  readonly index: number;
  readonly status: RunStatus;
  readonly exitCode?: number | undefined;
  readonly hosts: readonly string[];
}

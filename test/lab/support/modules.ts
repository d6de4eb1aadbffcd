// For the module lab tests: pick host results out of a --json run, and fingerprint a host's state over SSH.
import type { LabInfo } from '../../../lab/types.js';
import type { JsonRun } from './cli.js';
import { labSsh } from './lab.js';

export interface HostResultEvent {
  readonly host: string;
  readonly task: string;
  readonly status: string;
  readonly msg?: string;
  readonly predicted?: boolean;
  readonly ignored?: boolean;
  readonly item?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
  /** what kplay ran on the host (from -v on), beside the module's result */
  readonly commands?: readonly unknown[];
}

/** Every host_result of `host`, in order. */
export function hostResults(run: JsonRun, host: string): HostResultEvent[] {
  return run.events.filter((e) => e.event === 'host_result' && e.host === host) as unknown as HostResultEvent[];
}

/** The one result of `task` on `host` (throws when there is none, so a missing task fails loudly). */
export function resultOf(run: JsonRun, host: string, task: string): HostResultEvent {
  const r = hostResults(run, host).find((e) => e.task === task);
  if (!r) throw new Error(`no result for task "${task}" on ${host}; tasks seen: ${hostResults(run, host).map((e) => e.task).join(' | ')}`);
  return r;
}

/** What a run reported per task on `host`, as "task: status" lines: readable in a failed expectation. */
export function statusLines(run: JsonRun, host: string): string[] {
  return hostResults(run, host).map(
    (e) => `${e.task}${e.item !== undefined ? ` (${e.item})` : ''}: ${e.status}${e.predicted ? ' (predicted)' : ''}${e.status === 'failed' && e.msg !== undefined ? ` (${e.msg})` : ''}`,
  );
}

/**
 * The output of a read-only script on a lab host: compared before and after a run, equal output means the
 * run changed nothing the script looks at (install times, unit timestamps and PIDs, file inodes and mtimes).
 */
export async function fingerprint(info: LabInfo, host: string, script: string): Promise<string> {
  const r = await labSsh(info, host, script);
  return r.stdout;
}

/** Run a command on a lab host as root and return its trimmed stdout (any exit code). */
export async function onHost(info: LabInfo, host: string, command: string): Promise<string> {
  return (await labSsh(info, host, command)).stdout.trim();
}

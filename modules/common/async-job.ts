// Where a background job (async with poll: 0) keeps its result on the host, and how that file reads: Ansible's own
// protocol (async_wrapper / async_status), so either tool's async_status can follow the other's jobs.

/** The jobs' directory, as a sh word: Ansible's default async_dir, in the home of the user running the task. */
export const ASYNC_DIR_SH = '"$HOME"/.ansible_async';

/** A job id is a file name in that directory: Ansible's look like j123456789012.4567. */
export function validJobId(jid: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(jid);
}

export interface JobState {
  readonly kind: 'running' | 'finished';
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * A results file's text as Ansible's async_status reads it: {"started": 1, ...} while the job runs, the module's
 * result (without `started`) once it finished. An empty or half-written file means the job is still running.
 */
export function readJobFile(jid: string, text: string): JobState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'running', data: { ansible_job_id: jid, started: 1, finished: 0 } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'running', data: { ansible_job_id: jid, started: 1, finished: 0 } };
  const result = data as Record<string, unknown>;
  const merged = 'started' in result ? { finished: 0, ...result } : { ...result, finished: 1, ansible_job_id: jid };
  return { kind: Number(merged.finished) === 1 ? 'finished' : 'running', data: merged };
}

/** Python's splitlines of a result's text (stdout_lines), as Ansible adds them when a module did not. */
export function linesOf(text: unknown): string[] {
  if (typeof text !== 'string' || text === '') return [];
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}

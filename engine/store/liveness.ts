// A run whose process died (SIGKILL, a power cut, an OOM kill) never writes its end: its row says `running`
// forever. Readers mark such runs `incomplete`: on the machine that ran it, once its process is gone (known by pid
// and start time, so a reused pid does not look alive); elsewhere (another controller sharing a PostgreSQL store),
// once its heartbeat is older than STALE_MS.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { SqlStore } from './sql.js';

/** how often a running recorder says it is alive */
export const HEARTBEAT_MS = 15_000;
/** a run on another machine whose last heartbeat is older than this is taken for dead */
export const STALE_MS = 6 * HEARTBEAT_MS;

export async function markDeadRuns(store: SqlStore, now = Date.now()): Promise<void> {
  const running = await store.all<{ pk: number; pid: number; start: string; machine: string; heartbeat: number }>(
    "SELECT pk, pid, process_start AS start, machine, heartbeat_at AS heartbeat FROM runs WHERE status = 'running'",
  );
  const here = hostname();
  const dead = running.filter((r) => (r.machine === here ? !alive(r.pid, r.start) : now - r.heartbeat > STALE_MS));
  if (dead.length === 0) return;
  await store.batch(dead.map((r) => ({ sql: "UPDATE runs SET status = 'incomplete' WHERE pk = ? AND status = 'running'", params: [r.pk] })));
}

/** The process's start time since boot (Linux /proc), or undefined where there is no /proc or no such process. */
export function processStart(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // the command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

function alive(pid: number, start: string): boolean {
  const now = processStart(pid);
  if (now !== undefined) return start === '' || now === start;
  // no /proc entry: gone where /proc exists; elsewhere, ask the kernel
  if (processStart(process.pid) !== undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

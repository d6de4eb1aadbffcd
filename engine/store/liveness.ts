// A run whose process died (SIGKILL, a power cut, an OOM kill) never writes its end: its row says `running`
// forever. Readers on the machine that ran it check whether that process is still alive, and mark the run
// `incomplete` once it is not. (A run on another machine cannot be checked from here: it stays `running`.)
// A process is known by its pid and its start time, so a pid reused by a later process does not look alive.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { StoreDb } from './open.js';

export function markDeadRuns(db: StoreDb): void {
  const running = db.prepare("SELECT pk, pid, process_start AS start FROM runs WHERE status = 'running' AND machine = ?").all(hostname()) as {
    pk: number;
    pid: number;
    start: string;
  }[];
  const dead = running.filter((r) => !alive(r.pid, r.start));
  if (dead.length === 0) return;
  const mark = db.prepare("UPDATE runs SET status = 'incomplete' WHERE pk = ? AND status = 'running'");
  db.transaction(() => {
    for (const r of dead) mark.run(r.pk);
  })();
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
  if (pid === process.pid) return true;
  const now = processStart(pid);
  if (now !== undefined) return start === '' || now === start;
  try {
    process.kill(pid, 0);
    return !existsProcFs();
  } catch (err) {
    // EPERM: it exists, owned by someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** where /proc exists, a pid it does not list is gone */
function existsProcFs(): boolean {
  return processStart(process.pid) !== undefined;
}

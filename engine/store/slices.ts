// The slices of one run (--shard I/N: one process per slice, one record each) joined into one run: hosts and
// results side by side, each task once. A task is known across slices by its play, source location, name and how
// many times the slice had run it before (a handler run twice is two tasks).
import type { RecapCounts } from '../core/events.js';
import type { StoredPlay, StoredResult, StoredRun, StoredTask } from './model.js';

export interface SliceRecord {
  readonly startedAt: number;
  readonly hosts: readonly string[];
  readonly recap: Readonly<Record<string, RecapCounts>>;
  readonly plays: readonly StoredPlay[];
  readonly tasks: readonly StoredTask[];
  readonly results: readonly StoredResult[];
}

type Joined = Pick<StoredRun, 'hosts' | 'plays' | 'tasks' | 'results' | 'recap'>;

export function joinSlices(startedAt: number, slices: readonly SliceRecord[]): Joined {
  if (slices.length === 1 && slices[0] !== undefined) {
    const only = slices[0];
    return { hosts: only.hosts, plays: only.plays, tasks: only.tasks, results: only.results, recap: only.recap };
  }
  const plays: StoredPlay[] = [];
  const tasks: StoredTask[] = [];
  const taskSeq = new Map<string, number>();
  const results: StoredResult[] = [];
  const hosts: string[] = [];
  const recap: Record<string, RecapCounts> = {};
  for (const slice of slices) {
    const shift = slice.startedAt - startedAt;
    for (const play of slice.plays) if (plays[play.seq] === undefined) plays[play.seq] = play;
    const seen = new Map<string, number>();
    const mapped = new Map<number, number>();
    for (const task of slice.tasks) {
      const base = `${task.play}\0${task.loc}\0${task.name}\0${task.handler}`;
      const nth = seen.get(base) ?? 0;
      seen.set(base, nth + 1);
      const key = `${base}\0${nth}`;
      const start = task.startMs + shift;
      let seq = taskSeq.get(key);
      if (seq === undefined) {
        seq = tasks.length;
        taskSeq.set(key, seq);
        tasks.push({ ...task, seq, startMs: start });
      } else {
        const have = tasks[seq];
        if (have !== undefined) tasks[seq] = widened(have, start, task.durationMs);
      }
      mapped.set(task.seq, seq);
    }
    for (const r of slice.results) results.push({ ...r, task: mapped.get(r.task) ?? r.task, startMs: r.startMs + shift });
    hosts.push(...slice.hosts);
    Object.assign(recap, slice.recap);
  }
  return { hosts, plays: plays.filter((p) => p !== undefined), tasks, results, recap };
}

/** the task's span over every slice: from the first start to the last end */
function widened(task: StoredTask, start: number, durationMs: number | undefined): StoredTask {
  const end = Math.max(task.startMs + (task.durationMs ?? 0), start + (durationMs ?? 0));
  const from = Math.min(task.startMs, start);
  return { ...task, startMs: from, durationMs: end - from };
}

// What a sliced run cannot keep, found before any host is touched: keywords that coordinate hosts across the whole
// play would silently mean "per slice" (run_once would run once in each slice; any_errors_fatal and
// max_fail_percentage would stop one slice only). AWX refuses the same in its sliced jobs' documentation.
import { InputError } from '../core/errors.js';
import type { SourceLoc } from '../core/location.js';
import type { InheritableKeywords, Play, Playbook, TaskNode } from '../playbook/model.js';
import { forEachTaskNode } from '../playbook/walk.js';
import { describeSlice, type Slice } from './slice.js';

const WHY = {
  run_once: 'would run once in every slice, not once in the run',
  any_errors_fatal: "would stop only the failing host's slice; the other slices go on",
} as const;

/** run_once / any_errors_fatal / max_fail_percentage in any play, block, task or handler kplay reads before the run. */
export function sliceProblems(playbook: Playbook, slice: Slice): InputError[] {
  const problems: InputError[] = [];
  const problem = (keyword: keyof typeof WHY | 'max_fail_percentage', loc: SourceLoc, why: string) =>
    problems.push(
      new InputError(`${keyword} cannot be sliced: with ${describeSlice(slice)} it ${why}`, {
        loc,
        hint: 'run this play without --shard (or move the task to a play of its own that is not sliced)',
      }),
    );
  const check = (k: InheritableKeywords, loc: SourceLoc) => {
    if (isSet(k.runOnce) || k.templates?.run_once !== undefined) problem('run_once', loc, WHY.run_once);
    if (isSet(k.anyErrorsFatal) || k.templates?.any_errors_fatal !== undefined) problem('any_errors_fatal', loc, WHY.any_errors_fatal);
  };
  for (const play of playbook.plays) {
    check(play, play.loc);
    if (play.maxFailPercentage !== undefined || play.maxFailTemplate !== undefined) problem('max_fail_percentage', play.loc, 'would count the failures of one slice only');
    forEachTaskNode(playLists(play), (n) => check(n, n.loc));
  }
  return problems;
}

/** A keyword written as true (or as a template: it may be true at run time). */
const isSet = (v: unknown): boolean => v !== undefined && v !== false;

const playLists = (p: Play): (readonly TaskNode[])[] => [p.preTasks, p.tasks, p.postTasks, p.handlers];

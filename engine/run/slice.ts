// Job slicing: one run cut into N slices that separate processes (a Kubernetes Indexed Job, a CI matrix) run
// side by side. Which slice a host belongs to is a pure function of the run's targeted hosts and N, so every
// slice computes the same partition without talking to the others.
import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.js';

/** Slice `index` of `count`, 1-based as `--shard 2/4` writes it. */
export interface Slice {
  readonly index: number;
  readonly count: number;
}

const MAX_SLICES = 10_000;

/** `I/N` as written on the command line: 1 <= I <= N. */
export function parseSlice(text: string, origin = '--shard'): Slice {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > MAX_SLICES || index < 1 || index > count) {
    throw new InputError(`${origin} ${text}: expected I/N with 1 <= I <= N <= ${MAX_SLICES} (slice I of N, counted from 1)`, {
      hint: 'e.g. --shard 2/4 runs the second quarter of the hosts',
    });
  }
  return { index, count };
}

/**
 * The slice a Kubernetes Indexed Job's pod runs: JOB_COMPLETION_INDEX (0-based, set by Kubernetes) and the
 * number of completions, which Kubernetes does not export, given as KPLAY_SHARD_COUNT in the pod's env.
 */
export function sliceFromEnv(env: Readonly<Record<string, string | undefined>>): Slice | undefined {
  const index = env.JOB_COMPLETION_INDEX;
  const count = env.KPLAY_SHARD_COUNT;
  if (index === undefined && count === undefined) return undefined;
  if (index === undefined || count === undefined) {
    throw new InputError('JOB_COMPLETION_INDEX and KPLAY_SHARD_COUNT slice a run together: one is set without the other', {
      hint: 'set KPLAY_SHARD_COUNT to the Job\'s completions, or use --shard I/N',
    });
  }
  if (!/^\d{1,6}$/.test(index.trim())) throw new InputError(`JOB_COMPLETION_INDEX=${index}: expected a number from 0`);
  return parseSlice(`${Number(index) + 1}/${count}`, `JOB_COMPLETION_INDEX=${index} KPLAY_SHARD_COUNT=${count}:`);
}

/**
 * The hosts of `slice` among `targeted`: ordered by a digest of the name (so inventory order and group layout do
 * not bunch a group into one slice), then dealt out in turn. Slices differ in size by at most one host, and a host
 * is in the same slice whenever the targeted hosts and the count are the same.
 */
export function sliceMembers(targeted: readonly string[], slice: Slice): ReadonlySet<string> {
  const ranked = [...new Set(targeted)]
    .map((name) => ({ name, key: createHash('sha256').update(name).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return new Set(ranked.filter((_, rank) => rank % slice.count === slice.index - 1).map((h) => h.name));
}

export const describeSlice = (s: Slice): string => `slice ${s.index}/${s.count}`;

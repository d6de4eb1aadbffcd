// Options of a sliced run (a Kubernetes Indexed Job, a CI matrix): which slice this process runs, and the run id
// every slice shares, so their events and records join into one run.
import { InputError } from '../engine/core/errors.js';
import { parseSlice, sliceFromEnv, type Slice } from '../engine/run/slice.js';
import type { FlagsOf, OptionTable } from './option-table.js';

export const SLICE_OPTIONS = {
  shard: {
    flags: '--shard <i/n>',
    kind: 'value',
    usage: '[--shard I/N]',
    help: 'run slice I of N of the targeted hosts (default: JOB_COMPLETION_INDEX + KPLAY_SHARD_COUNT, as a Kubernetes Indexed Job sets them)',
  },
  runId: { flags: '--run-id <id>', kind: 'value', usage: '[--run-id ID]', help: 'the run id on every event (slices of one run share it; default: a new UUID, or $KPLAY_RUN_ID)' },
} as const satisfies OptionTable;

export type SliceFlags = FlagsOf<typeof SLICE_OPTIONS>;

/** The slice this process runs: --shard, else the Indexed Job's environment, else none. */
export function sliceOf(flags: SliceFlags, env: Readonly<Record<string, string | undefined>>): Slice | undefined {
  return flags.shard === undefined ? sliceFromEnv(env) : parseSlice(flags.shard);
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** --run-id, else $KPLAY_RUN_ID, else undefined (the caller makes a new one): letters, digits and . _ : - only. */
export function runIdOf(flags: SliceFlags, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const given = flags.runId ?? env.KPLAY_RUN_ID;
  if (given === undefined || given === '') return undefined;
  if (!RUN_ID.test(given)) {
    throw new InputError(`run id ${JSON.stringify(given)}: use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit`);
  }
  return given;
}

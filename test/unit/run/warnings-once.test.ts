// A run says each warning once, as Ansible's Display does; other events all pass.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../engine/core/events.js';
import { warningsOnce } from '../../../engine/run/warnings-once.js';

describe('warningsOnce', () => {
  it('passes a warning the first time its message comes, every other event each time', () => {
    const seen: RunEvent[] = [];
    const emit = warningsOnce((e) => seen.push(e));
    const noop: RunEvent = { event: 'warning', msg: 'noop task does not support when conditional' };
    const log: RunEvent = { event: 'log', level: 2, msg: 'META: noop' };
    for (const e of [noop, log, noop, { event: 'warning', msg: 'other' } as const, log, noop]) emit(e);
    expect(seen).toEqual([noop, log, { event: 'warning', msg: 'other' }, log]);
  });
});

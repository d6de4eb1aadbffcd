// Job slicing as data: parsing I/N and the Indexed Job's environment, the partition's properties, and what a
// sliced run refuses before any host is touched.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';
import { parseSlice, sliceFromEnv, sliceMembers } from '../../../engine/run/slice.js';
import { sliceProblems } from '../../../engine/run/slice-check.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/slice');

describe('parseSlice', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/4', { index: 2, count: 4 }],
    [' 4 / 4 ', { index: 4, count: 4 }],
  ])('%s', (text, want) => expect(parseSlice(text)).toEqual(want));

  it.each(['0/4', '5/4', '1/0', '-1/4', 'a/b', '1', '1/4/2', '', '1/99999', '1e1/20'])('refuses %j, saying what it wants', (text) => {
    expect(() => parseSlice(text)).toThrow(/expected I\/N with 1 <= I <= N/);
  });
});

describe('sliceFromEnv (a Kubernetes Indexed Job)', () => {
  it('turns the 0-based completion index into slice index + 1', () => {
    expect(sliceFromEnv({ JOB_COMPLETION_INDEX: '0', KPLAY_SHARD_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(sliceFromEnv({ JOB_COMPLETION_INDEX: '3', KPLAY_SHARD_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(sliceFromEnv({})).toBeUndefined();
  });

  it('refuses half a setting and an index past the count', () => {
    expect(() => sliceFromEnv({ JOB_COMPLETION_INDEX: '0' })).toThrow(/one is set without the other/);
    expect(() => sliceFromEnv({ KPLAY_SHARD_COUNT: '4' })).toThrow(/one is set without the other/);
    expect(() => sliceFromEnv({ JOB_COMPLETION_INDEX: '4', KPLAY_SHARD_COUNT: '4' })).toThrow(/expected I\/N/);
    expect(() => sliceFromEnv({ JOB_COMPLETION_INDEX: '-1', KPLAY_SHARD_COUNT: '4' })).toThrow(/expected a number/);
  });
});

describe('sliceMembers', () => {
  const names = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 300 });

  it('partitions the hosts: every host in exactly one slice, sizes within one of each other', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 12 }), (hosts, count) => {
        const slices = Array.from({ length: count }, (_, i) => sliceMembers(hosts, { index: i + 1, count }));
        const seen = slices.flatMap((s) => [...s]);
        expect(seen.sort()).toEqual([...hosts].sort());
        const sizes = slices.map((s) => s.size);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('does not depend on the order hosts are listed in, nor on duplicates', () => {
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 8 }), (hosts, count) => {
        const index = 1 + (hosts.length % count);
        const a = sliceMembers(hosts, { index, count });
        const b = sliceMembers([...hosts].reverse().concat(hosts), { index, count });
        expect([...b].sort()).toEqual([...a].sort());
      }),
    );
  });

  it('spreads a group over the slices instead of giving it to one', () => {
    const hosts = Array.from({ length: 200 }, (_, i) => `web${String(i).padStart(3, '0')}.example.com`);
    const firstHalf = new Set(hosts.slice(0, 100));
    for (let i = 1; i <= 4; i++) {
      const inFirstHalf = [...sliceMembers(hosts, { index: i, count: 4 })].filter((h) => firstHalf.has(h)).length;
      expect(inFirstHalf).toBeGreaterThan(10);
      expect(inFirstHalf).toBeLessThan(40);
    }
  });
});

describe('sliceProblems', () => {
  it('names run_once, any_errors_fatal and max_fail_percentage where they are written', () => {
    const problems = sliceProblems(loadPlaybookSync(join(FIXTURES, 'run_once.yml')), { index: 1, count: 2 });
    const lines = problems.map((p) => `${p.loc?.line ?? 0} ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^5 run_once cannot be sliced: with slice 1\/2 it would run once in every slice/),
      expect.stringMatching(/^9 any_errors_fatal cannot be sliced/),
      expect.stringMatching(/^9 max_fail_percentage cannot be sliced/),
      expect.stringMatching(/^15 run_once cannot be sliced/),
    ]);
    expect(problems.every((p) => p.loc?.file.endsWith('run_once.yml'))).toBe(true);
  });

  it('finds nothing in a play that does not coordinate hosts', () => {
    expect(sliceProblems(loadPlaybookSync(join(FIXTURES, 'site.yml')), { index: 1, count: 2 })).toEqual([]);
  });
});

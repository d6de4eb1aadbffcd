// How `kplay history` prints, as data: times and ages, durations, aligned columns with hostile text escaped, and a
// sliced run with a slice that died.
import { describe, expect, it } from 'vitest';
import { duration, parseWhen, runText, table } from '../../../cli/history-format.js';
import type { StoredRun } from '../../../engine/store/index.js';

describe('history formatting', () => {
  const now = Date.parse('2026-12-05T12:00:00Z');
  it.each([
    ['30m', now - 30 * 60_000],
    ['12h', now - 12 * 3_600_000],
    ['7d', now - 7 * 86_400_000],
    ['2w', now - 14 * 86_400_000],
    ['2026-12-01T00:00:00Z', Date.parse('2026-12-01T00:00:00Z')],
  ])('--since %s', (text, want) => {
    expect(parseWhen(text, now, '--since')).toBe(want);
  });
  it('refuses what is neither a date nor an age', () => {
    expect(() => parseWhen('yesterday', now, '--since')).toThrow(/--since "yesterday": give a date/);
  });
  it.each([
    [undefined, '-'],
    [250, '250 ms'],
    [12_340, '12.3 s'],
    [125_000, '2m05s'],
    [7_260_000, '2h01m'],
  ])('duration %s', (ms, want) => {
    expect(duration(ms)).toBe(want);
  });
  it('aligns columns and prints a host name with control characters escaped on one line', () => {
    expect(table(['HOST', 'MSG'], [['web1', 'ok'], ['\u001b[31mevil\nhost', 'x']])).toBe('HOST                  MSG\nweb1                  ok\n\\u001b[31mevil\\nhost  x\n');
  });
  it('shows the slices of a sliced run, and the hosts of a slice that died as not run', () => {
    const counts = { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
    const run: StoredRun = {
      id: 'job-1',
      playbook: 'site.yml',
      status: 'incomplete',
      check: false,
      startedAt: now,
      user: 'ops',
      commandLine: ['run', 'site.yml'],
      playbookDigest: 'p'.repeat(64),
      inventoryDigest: 'i'.repeat(64),
      slices: { recorded: 2, count: 3 },
      hostCount: 4,
      failedHosts: 0,
      hosts: ['a', 'b', 'c', 'd'],
      plays: [],
      tasks: [],
      results: [],
      recap: { a: counts, b: counts },
      sliceRecords: [
        { index: 1, status: 'ok', exitCode: 0, hosts: ['a', 'b'] },
        { index: 2, status: 'incomplete', hosts: ['c', 'd'] },
      ],
    };
    const text = runText(run);
    expect(text).toContain('SLICES\nSLICE  STATUS      EXIT  HOSTS  NOT RUN\n1/3    ok          0     2      -\n2/3    incomplete  -     2      c, d\nslices never recorded: 3/3\n');
  });
});

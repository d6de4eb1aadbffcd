// What the run store keeps of texts, as data: the command line without secret values, long outputs bounded,
// secrets scrubbed, the slices of a run joined.
import { describe, expect, it } from 'vitest';
import { recordedCommandLine } from '../../../engine/store/command-line.js';
import { bounded } from '../../../engine/store/bounded.js';
import { liveScrubber, scrubberOf } from '../../../engine/store/scrub.js';
import { joinSlices, type SliceRecord } from '../../../engine/store/slices.js';
import type { StoredTask } from '../../../engine/store/model.js';

describe('the recorded command line', () => {
  const cases: [string[], string[]][] = [
    [['run', 'site.yml', '-e', 'password=hunter2 user=bob'], ['run', 'site.yml', '-e', 'password=******** user=********']],
    [['run', 'site.yml', '--extra-vars', '{"token": "s3cr3t", "n": 1}'], ['run', 'site.yml', '--extra-vars', '{"token":"********","n":"********"}']],
    [['run', 'site.yml', '--extra-vars=token=abc'], ['run', 'site.yml', '--extra-vars=token=********']],
    [['run', 'site.yml', '-etoken=abc'], ['run', 'site.yml', '-etoken=********']],
    [['run', 'site.yml', '-e', '@vars.yml', '-l', 'web'], ['run', 'site.yml', '-e', '@vars.yml', '-l', 'web']],
    [['run', 'site.yml', '-e', '[not json'], ['run', 'site.yml', '-e', '********']],
    [['run', 'site.yml', '-e', 'just-a-word'], ['run', 'site.yml', '-e', '********']],
    [['run', 'site.yml', '-e'], ['run', 'site.yml', '-e']],
  ];
  it.each(cases)('%j', (argv, want) => {
    expect(recordedCommandLine(argv)).toEqual(want);
  });
});

describe('bounded texts', () => {
  it('keeps a short text whole', () => {
    expect(bounded('abc', 10)).toBe('abc');
  });
  it('keeps the head and the tail of a long one and says how much is left out', () => {
    const text = `${'a'.repeat(600)}${'m'.repeat(1000)}${'z'.repeat(400)}`;
    const kept = bounded(text, 1000);
    expect(kept.startsWith('a'.repeat(600) + 'm'.repeat(150))).toBe(true);
    expect(kept.endsWith('z'.repeat(250))).toBe(true);
    expect(kept).toContain('[... 1000 characters left out');
  });
});

describe('scrubbing secrets', () => {
  it('hides every occurrence, the longest secret first, and ignores secrets too short to be told from words', () => {
    const scrub = scrubberOf(['hunter2', 'hunter2hunter2', 'ab']);
    expect(scrub('pw hunter2hunter2 and hunter2 again; ab stays')).toBe('pw ******** and ******** again; ab stays');
  });
  it('is the identity without secrets', () => {
    expect(scrubberOf([])('hunter2')).toBe('hunter2');
  });
});

describe('joining the slices of a run', () => {
  const task = (seq: number, name: string, startMs: number, durationMs: number): StoredTask => ({ seq, play: 0, name, handler: false, loc: `site.yml:${name.length}:5`, startMs, durationMs });
  const slice = (startedAt: number, host: string, tasks: StoredTask[]): SliceRecord => ({
    startedAt,
    hosts: [host],
    recap: { [host]: { ok: tasks.length, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 } },
    plays: [{ seq: 0, name: 'all' }],
    tasks,
    results: tasks.map((t) => ({ task: t.seq, host, status: 'ok' as const, changed: false, ignored: false, rescued: false, startMs: t.startMs, durationMs: t.durationMs ?? 0 })),
  });

  it('shows each task once, spanning every slice, with each slice results on it and times from the first start', () => {
    const a = slice(1000, 'h1', [task(0, 'one', 0, 100), task(1, 'two', 100, 50)]);
    // slice b started 500 ms later and had one more task (a conditional include on its host)
    const b = slice(1500, 'h2', [task(0, 'one', 0, 300), task(1, 'extra', 300, 10), task(2, 'two', 310, 50)]);
    const joined = joinSlices(1000, [a, b]);
    expect(joined.hosts).toEqual(['h1', 'h2']);
    expect(joined.tasks.map((t) => [t.seq, t.name, t.startMs, t.durationMs])).toEqual([
      [0, 'one', 0, 800],
      [1, 'two', 100, 760],
      [2, 'extra', 800, 10],
    ]);
    expect(joined.results.filter((r) => r.host === 'h2').map((r) => [r.task, r.startMs])).toEqual([
      [0, 500],
      [2, 800],
      [1, 810],
    ]);
    expect(Object.keys(joined.recap)).toEqual(['h1', 'h2']);
  });

  it('keeps a task a slice ran twice (a handler notified twice) as two tasks', () => {
    const twice = slice(0, 'h1', [task(0, 'restart', 0, 10), task(1, 'restart', 10, 10)]);
    const again = slice(0, 'h2', [task(0, 'restart', 0, 10), task(1, 'restart', 10, 10)]);
    expect(joinSlices(0, [twice, again]).tasks).toHaveLength(2);
  });
});

describe('a live scrubber', () => {
  it('hides what the vault reveals after it was made (include_vars, lookups during the run)', () => {
    const revealed = new Set<string>();
    const scrub = liveScrubber(['sshpass1'], revealed);
    expect(scrub('sshpass1 vaultsecret')).toBe('******** vaultsecret');
    revealed.add('vaultsecret');
    expect(scrub('sshpass1 vaultsecret')).toBe('******** ********');
  });
});

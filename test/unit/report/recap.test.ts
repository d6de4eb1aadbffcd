// PLAY RECAP counting as Ansible does, the exit code from the recap, and loop status folding.
import { describe, expect, it } from 'vitest';
import type { RecapCounts } from '../../../engine/core/events.js';
import { computeRecap, exitCodeFromRecap, loopStatus, RecapCounter, type Tally } from '../../../engine/report/index.js';

/** a key read as code reads it: an inherited member would show here */
const at = (o: object, key: string): unknown => (o as Record<string, unknown>)[key];

const zero: RecapCounts = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
const h = 'h1';

// Each case: the tallies of one host, and the counts Ansible's strategy/__init__.py gives for them.
const cases: { name: string; tallies: Omit<Tally, 'host'>[]; want: Partial<RecapCounts> }[] = [
  { name: 'ok counts in ok', tallies: [{ status: 'ok' }], want: { ok: 1 } },
  { name: 'changed counts in ok too', tallies: [{ status: 'changed' }], want: { ok: 1, changed: 1 } },
  { name: 'skipped counts in skipped only', tallies: [{ status: 'skipped' }], want: { skipped: 1 } },
  { name: 'a failure counts in failed only', tallies: [{ status: 'failed' }], want: { failed: 1 } },
  { name: 'an ignored failure is ok + ignored', tallies: [{ status: 'failed', ignored: true }], want: { ok: 1, ignored: 1 } },
  {
    name: 'an ignored failure that changed is ok + changed + ignored',
    tallies: [{ status: 'failed', ignored: true, changed: true }],
    want: { ok: 1, changed: 1, ignored: 1 },
  },
  { name: 'a rescued failure counts in rescued only', tallies: [{ status: 'failed', rescued: true }], want: { rescued: 1 } },
  { name: 'unreachable counts in unreachable', tallies: [{ status: 'unreachable' }], want: { unreachable: 1 } },
  { name: 'ignore_unreachable is ok + ignored', tallies: [{ status: 'unreachable', ignored: true }], want: { ok: 1, ignored: 1 } },
  {
    name: 'loop items are never counted (the loop task is, once)',
    tallies: [{ status: 'changed', item: 'a' }, { status: 'ok', item: 'b' }, { status: 'changed' }],
    want: { ok: 1, changed: 1 },
  },
  {
    // the playbook run with ansible-playbook 2.14 (-c local) gave exactly these counts:
    // localhost : ok=6 changed=4 unreachable=0 failed=1 skipped=1 rescued=1 ignored=2
    name: 'the measured Ansible demo playbook',
    tallies: [
      { status: 'ok' },
      { status: 'changed' },
      { status: 'skipped' },
      { status: 'changed' },
      { status: 'failed', ignored: true, changed: true },
      { status: 'failed', ignored: true, changed: true },
      { status: 'failed', rescued: true },
      { status: 'ok' },
      { status: 'failed' },
    ],
    want: { ok: 6, changed: 4, failed: 1, skipped: 1, rescued: 1, ignored: 2 },
  },
];

describe('RecapCounter counts as Ansible does', () => {
  it.each(cases)('$name', ({ tallies, want }) => {
    expect(computeRecap(tallies.map((t) => ({ host: h, ...t })))).toEqual({ [h]: { ...zero, ...want } });
  });

  it('keeps hosts apart, sorts them, and lists touched hosts with zero counts', () => {
    const c = new RecapCounter();
    c.add({ host: 'web2', status: 'changed' });
    c.add({ host: 'web1', status: 'failed' });
    c.touch('db');
    expect(Object.keys(c.hosts())).toEqual(['db', 'web1', 'web2']);
    expect(c.counts('web1')).toEqual({ ...zero, failed: 1 });
    expect(c.counts('db')).toEqual(zero);
    expect(c.counts('never-seen')).toEqual(zero);
  });
});

describe('exit code from the recap (DESIGN.md)', () => {
  const cases: { name: string; recap: Record<string, Partial<RecapCounts>>; code: 0 | 2 | 4 }[] = [
    { name: 'no hosts', recap: {}, code: 0 },
    { name: 'all ok or changed', recap: { a: { ok: 3, changed: 2 }, b: { ok: 1 } }, code: 0 },
    { name: 'ignored and rescued failures do not fail the run', recap: { a: { ok: 2, ignored: 1, rescued: 1 } }, code: 0 },
    { name: 'a failed host', recap: { a: { ok: 1 }, b: { failed: 1 } }, code: 2 },
    { name: 'an unreachable host', recap: { a: { unreachable: 1 } }, code: 4 },
    { name: 'unreachable wins over failed', recap: { a: { failed: 1 }, b: { unreachable: 1 } }, code: 4 },
  ];
  it.each(cases)('$name -> $code', ({ recap, code }) => {
    const full = Object.fromEntries(Object.entries(recap).map(([k, v]) => [k, { ...zero, ...v }]));
    expect(exitCodeFromRecap(full)).toBe(code);
  });
});

describe('loopStatus folds item statuses as Ansible does', () => {
  it.each([
    { items: ['ok', 'changed', 'skipped'], want: 'changed' },
    { items: ['ok', 'skipped'], want: 'ok' },
    { items: ['skipped', 'skipped'], want: 'skipped' },
    { items: [], want: 'skipped' },
    { items: ['changed', 'failed'], want: 'failed' },
    { items: ['failed', 'unreachable'], want: 'unreachable' },
  ] as const)('$items -> $want', ({ items, want }) => {
    expect(loopStatus(items)).toBe(want);
  });
});

describe('hosts named as members of Object.prototype (issue [8] 5)', () => {
  it('are counted, listed and fail the run like any host', () => {
    const recap = computeRecap([
      { host: '__proto__', status: 'failed' },
      { host: 'constructor', status: 'ok' },
      { host: 'toString', status: 'changed' },
    ]);
    expect(Object.keys(recap)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(recap['__proto__']).toEqual({ ...zero, failed: 1 });
    expect(recap['constructor']).toEqual({ ...zero, ok: 1 });
    expect(at(recap, 'hasOwnProperty')).toBeUndefined();
    expect(exitCodeFromRecap(recap)).toBe(2);
    // the --json recap event
    expect(JSON.stringify(recap)).toContain('{"__proto__":{"ok":0,"changed":0,"unreachable":0,"failed":1,');
  });
});

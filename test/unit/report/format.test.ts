// Report formatting helpers: Python-style JSON, difflib-style unified diffs, choice of the output mode.
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../engine/report/diff.js';
import { detectOutputMode } from '../../../engine/report/index.js';
import { pyJson } from '../../../engine/report/pyjson.js';
import { Capture } from './capture.js';

describe('pyJson prints as Python json.dumps(sort_keys=True)', () => {
  it.each([
    { value: { b: 1, a: [1, 'x', null, true] }, indent: undefined, want: '{"a": [1, "x", null, true], "b": 1}' },
    { value: {}, indent: undefined, want: '{}' },
    { value: { msg: 'hi' }, indent: 4, want: '{\n    "msg": "hi"\n}' },
    { value: { a: { b: [1] } }, indent: 4, want: '{\n    "a": {\n        "b": [\n            1\n        ]\n    }\n}' },
    { value: { s: 'é "q"\n' }, indent: undefined, want: '{"s": "é \\"q\\"\\n"}' },
    { value: { n: 10n, u: undefined }, indent: undefined, want: '{"n": 10}' },
  ])('$want', ({ value, indent, want }) => {
    expect(pyJson(value, indent)).toBe(want);
  });

  it('survives a cycle', () => {
    const a: Record<string, unknown> = { x: 1 };
    a['self'] = a;
    expect(pyJson(a)).toBe('{"self": "[circular]", "x": 1}');
  });
});

describe('unifiedDiff is difflib\'s unified diff', () => {
  it.each([
    { name: 'no change', before: 'a\n', after: 'a\n', want: [] },
    { name: 'from nothing', before: '', after: 'x\n', want: ['--- before: f', '+++ after: f', '@@ -0,0 +1 @@', '+x'] },
    {
      name: 'far apart changes make two hunks',
      before: 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\n',
      after: 'L1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nL10\n',
      want: ['--- before: f', '+++ after: f', '@@ -1,4 +1,4 @@', '-l1', '+L1', ' l2', ' l3', ' l4', '@@ -7,4 +7,4 @@', ' l7', ' l8', ' l9', '-l10', '+L10'],
    },
  ])('$name', ({ before, after, want }) => {
    expect(unifiedDiff(before, after, 'f')).toEqual(want);
  });
});

describe('detectOutputMode', () => {
  const tty = new Capture({ tty: true, columns: 120 });
  const pipe = new Capture();
  it.each([
    { name: 'a terminal: color and live', flags: { json: false, verbosity: 0 }, env: {}, out: tty, want: { color: true, live: true } },
    { name: 'a pipe: plain', flags: { json: false, verbosity: 0 }, env: {}, out: pipe, want: { color: false, live: false } },
    { name: 'NO_COLOR: plain', flags: { json: false, verbosity: 0 }, env: { NO_COLOR: '1' }, out: tty, want: { color: false, live: false } },
    { name: 'NO_COLOR empty is unset', flags: { json: false, verbosity: 0 }, env: { NO_COLOR: '' }, out: tty, want: { color: true, live: true } },
    { name: '--no-live', flags: { json: false, verbosity: 0, noLive: true }, env: {}, out: tty, want: { color: true, live: false } },
    { name: '-v: lines, not the view', flags: { json: false, verbosity: 1 }, env: {}, out: tty, want: { color: true, live: false } },
    { name: '--json: neither', flags: { json: true, verbosity: 0 }, env: {}, out: tty, want: { color: false, live: false } },
    { name: 'TERM=dumb', flags: { json: false, verbosity: 0 }, env: { TERM: 'dumb' }, out: tty, want: { color: false, live: false } },
    { name: 'forced color in a pipe', flags: { json: false, verbosity: 0 }, env: { ANSIBLE_FORCE_COLOR: '1' }, out: pipe, want: { color: true, live: false } },
  ])('$name', ({ flags, env, out, want }) => {
    expect(detectOutputMode(flags, env, out)).toEqual(want);
  });
});

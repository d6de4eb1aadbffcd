// Bytes from hosts and input never reach the terminal raw: every printer (plain, live, NDJSON) shows control
// characters and bidi overrides escaped, in every place input lands (names, labels, messages, diffs, the recap).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems } from '../../../cli/validate.js';
import { InputError } from '../../../engine/core/errors.js';
import type { RunEvent } from '../../../engine/core/events.js';
import { createReporter, LiveReporter } from '../../../engine/report/index.js';
import { escapeControls, escapeToOneLine } from '../../../engine/report/terminal.js';
import { Capture } from './capture.js';

/** OSC (window title) ended by BEL, clear screen, conceal, a one-character C1 CSI, DEL, CR, NUL, RIGHT-TO-LEFT OVERRIDE. */
const EVIL = 'x\u001b]0;PWNED\u0007\u001b[2J\u001b[8m\u009b31m\u007f\r\u0000\u202eevil';
/** Our own sequences: Ansible's colors and reset, and the live view's erase of its frame. */
const CSI = `${String.fromCharCode(27)}\\[`;
const OURS = new RegExp(`${CSI}(?:[01];3\\dm|0m|\\d+A|0J)`, 'gu');
/** Any control character but newline and tab, any bidi control, the line and paragraph separators. */
const RAW = /[\p{Cc}\p{Bidi_C}\u2028\u2029]/u;
const raw = (text: string): string | undefined => RAW.exec(text.replace(OURS, '').replaceAll('\n', '').replaceAll('\t', ''))?.[0];

const loc = { file: 'pb.yml', line: 1, col: 1 };
const host = `web${EVIL}`;
const task = `task ${EVIL}`;
const counts = { ok: 1, changed: 1, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 0 };

/** Hostile text in every field a printer shows. */
const events: RunEvent[] = [
  { event: 'run_start', playbook: `pb${EVIL}.yml`, check: false, hosts: [host] },
  { event: 'play_start', play: `play ${EVIL}`, hosts: [host] },
  { event: 'task_start', play: 'p', task, loc: { ...loc, file: `f${EVIL}` }, hosts: [host], role: `role${EVIL}` },
  {
    event: 'host_result',
    host,
    task,
    status: 'changed',
    durationMs: 1,
    item: `label ${EVIL}\nok: [forged]`,
    delegatedTo: `d${EVIL}`,
    diff: { path: `/etc/${EVIL}`, before: `old ${EVIL}\nsame\n`, after: 'new\nsame\n' },
    detail: { stdout: EVIL },
  },
  { event: 'host_result', host, task, status: 'ok', durationMs: 1, verboseAlways: true, detail: { msg: EVIL } },
  { event: 'host_result', host, task, status: 'ok', durationMs: 1, included: `inc${EVIL}.yml` },
  { event: 'host_result', host, task, status: 'failed', durationMs: 1, msg: `failed ${EVIL}`, endsIgnored: true, ignored: true },
  { event: 'host_result', host, task, status: 'unreachable', durationMs: 1, msg: EVIL },
  { event: 'warning', msg: `warn ${EVIL}` },
  { event: 'log', level: 0, host, msg: `log ${EVIL}` },
  { event: 'task_end', task, durationMs: 5 },
  { event: 'recap', hosts: { [host]: counts, plain: counts } },
  { event: 'run_end', exitCode: 2, durationMs: 1 },
];

async function print(opts: { json?: boolean; live?: boolean; color?: boolean; verbosity?: number }): Promise<{ out: string; err: string }> {
  const out = new Capture();
  const err = new Capture();
  const r = createReporter({ json: opts.json === true, live: opts.live === true, forceLive: true, verbosity: opts.verbosity ?? 0, color: opts.color === true, out, err });
  for (const e of events) {
    r.on(e);
    if (r instanceof LiveReporter) r.render();
  }
  await r.close();
  return { out: out.text, err: err.text };
}

describe('escapeControls', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['\u001b[31mred', '\\u001b[31mred'],
    ['bell\u0007', 'bell\\u0007'],
    ['c1 \u009b2J', 'c1 \\u009b2J'],
    ['del\u007f', 'del\\u007f'],
    ['\u202eevil\u2066', '\\u202eevil\\u2066'],
    ['cr\r\bnul\u0000', 'cr\\r\\bnul\\u0000'],
    ['lines\nand\ttabs stay', 'lines\nand\ttabs stay'],
    ['é ü 日本 🙂 ½', 'é ü 日本 🙂 ½'],
  ];
  it.each(cases)('%j -> %j', (input, shown) => {
    expect(escapeControls(input)).toBe(shown);
    expect(escapeControls(shown)).toBe(shown);
  });
  it('on one line, newline too; a tab stays', () => {
    expect(escapeToOneLine('a\nb\tc\u001b')).toBe('a\\nb\tc\\u001b');
  });
});

describe('every printer escapes what came from hosts and input', () => {
  for (const [name, opts] of [
    ['plain', {}],
    ['plain, color', { color: true }],
    ['plain, -vvv', { verbosity: 3 }],
    ['live', { live: true }],
    ['live, color', { live: true, color: true }],
  ] as const) {
    it(name, async () => {
      const { out, err } = await print(opts);
      expect(raw(out), out).toBeUndefined();
      expect(raw(err), err).toBeUndefined();
      // shown, not dropped: the diff's old line, the recap's host, the label kept on its one line
      expect(out).toContain('-old x\\u001b]0;PWNED\\u0007\\u001b[2J\\u001b[8m\\u009b31m\\u007f\\r\\u0000\\u202eevil');
      expect(out).toMatch(/(item=label x\\u001b.*\\nok: \[forged\])/);
      expect(out).not.toMatch(/^ok: \[forged\]/m);
      expect(out.replace(OURS, '')).toMatch(/^webx\\u001b\]0;PWNED\\u0007.* : ok=1 /m);
    });
  }

  it('NDJSON: nothing raw either, and a parser reads the same strings', async () => {
    const { out } = await print({ json: true });
    expect(raw(out)).toBeUndefined();
    const first = JSON.parse(out.split('\n')[0] ?? '') as { playbook: string; hosts: string[] };
    expect(first.playbook).toBe(`pb${EVIL}.yml`);
    expect(first.hosts).toEqual([host]);
  });
});

describe('live view shows what a result prints even without -v', () => {
  it('a diff and debug output scroll above the rows as the results come, with the task banner once', async () => {
    const out = new Capture();
    const r = createReporter({ json: false, live: true, forceLive: true, verbosity: 0, color: false, out, err: new Capture() });
    expect(r).toBeInstanceOf(LiveReporter);
    const hosts = ['a', 'b'];
    r.on({ event: 'play_start', play: 'P', hosts });
    r.on({ event: 'task_start', play: 'P', task: 'write', loc, hosts });
    r.on({ event: 'host_result', host: 'a', task: 'write', status: 'changed', durationMs: 1, diff: { path: '/etc/motd', before: 'old\n', after: 'new\n' } });
    // nothing differs, nothing to show: no line for b
    r.on({ event: 'host_result', host: 'b', task: 'write', status: 'ok', durationMs: 1, diff: { path: '/etc/motd', before: 'new\n', after: 'new\n' } });
    (r as LiveReporter).render();
    expect(out.text).toContain('TASK [write] ***');
    expect(out.text).toContain('changed: [a]\n--- before: /etc/motd\n+++ after: /etc/motd\n@@ -1 +1 @@\n-old\n+new\n');
    expect(out.text).not.toContain('[b]');
    r.on({ event: 'task_end', task: 'write', durationMs: 3 });
    r.on({ event: 'task_start', play: 'P', task: 'say', loc, hosts });
    r.on({ event: 'host_result', host: 'a', task: 'say', status: 'ok', durationMs: 1, verboseAlways: true, detail: { msg: 'hello' } });
    r.on({ event: 'host_result', host: 'b', task: 'say', status: 'skipped', durationMs: 1, verboseAlways: true });
    (r as LiveReporter).render();
    expect(out.text).toContain('TASK [say] ***');
    expect(out.text).toContain('ok: [a] => {\n    "msg": "hello"\n}\n');
    expect(out.text).not.toContain('skipping: [b]');
    r.on({ event: 'task_end', task: 'say', durationMs: 3 });
    await r.close();
    expect(out.text.match(/TASK \[write\]/g)).toHaveLength(1);
  });
});

describe('errors quote input escaped', () => {
  it('the message and the code frame of a located problem', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kplay-escape-')), 'pb.yml');
    // (without its NUL: a file holding one is refused as input, and then has no code frame)
    writeFileSync(file, `- hosts: all\n  tasks:\n    - name: ${EVIL.replace('\u0000', '')}\n`);
    const text = formatProblems([new InputError(`bad name ${EVIL}`, { loc: { file, line: 3, col: 7 } })]);
    expect(raw(text), text).toBeUndefined();
    expect(text).toContain('bad name x\\u001b]0;PWNED');
    expect(text).toContain('- name: x\\u001b]0;PWNED');
  });
});

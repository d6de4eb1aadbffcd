// Hostile bytes on a real host. A NUL byte in a command, a path, a variable or an environment value fails the task
// (before anything is sent: sshd drops a connection whose exec request holds one) instead of making the host
// unreachable; ignore_errors catches it and the run goes on, counted as ansible-playbook counts the same playbook.
// Escape sequences in a host's files and output reach the terminal escaped: --diff, loop labels, debug, plain and live.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ansiblePlaybook, kplay, kplayJson, parseRecap, runCommand } from './support/cli.js';
import { useLab } from './support/lab.js';

// YAML's "\0" is a NUL byte
const PLAYBOOK = String.raw`
- hosts: lab
  gather_facts: false
  tasks:
    - name: command
      command: "echo a\0b"
      ignore_errors: true
    - name: path
      file:
        path: "/tmp/a\0b"
        state: touch
      ignore_errors: true
    - name: var
      shell: "echo {{ v }}"
      vars:
        v: "x\0y"
      ignore_errors: true
    - name: environment
      command: "true"
      environment:
        X: "a\0b"
      ignore_errors: true
    - name: still reachable
      command: echo still here
    - name: not ignored
      command: "echo \0"
    - name: never
      command: echo never
`;

const NUL_MSG = /holds a NUL byte, which a POSIX command line cannot carry/;

// a file and an output holding OSC (window title) + BEL, clear screen, a one-byte C1 CSI and RIGHT-TO-LEFT OVERRIDE
const ESCAPES = String.raw`
- hosts: lab
  gather_facts: false
  tasks:
    - name: plant
      shell: printf 'title\033]0;PWNED\007\n\033[2Jc1\302\2332J \342\200\256evil\n' > /tmp/hostile.txt; printf 'a\033[2Jb\n'
      register: out
    - name: replace
      copy:
        dest: /tmp/hostile.txt
        content: "clean\n"
      diff: true
    - name: labels
      debug:
        msg: "{{ item }}"
      loop: "{{ out.stdout_lines }}"
`;
const CSI = `${String.fromCharCode(27)}\\[`;
/** Our own sequences: colors, reset, the live view's erase. */
const OURS = new RegExp(`${CSI}(?:[01];3\\dm|0m|\\d+A|0J)`, 'gu');
/** A control character (but newline, CR from the terminal's line discipline, and tab) or a bidi control, raw. */
const raw = (text: string): string | undefined => /[\p{Cc}\p{Bidi_C}]/u.exec(text.replace(OURS, '').replace(/[\n\r\t]/g, ''))?.[0];

describe('NUL bytes in what would be sent to a host', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-nul-'));
  const info = useLab({ name: 'escape1', count: 1, kind: 'light', cleanup: () => rmSync(tmp, { recursive: true, force: true }), teardownTimeout: 900_000 });
  const playbook = join(tmp, 'nul.yml');
  const escapes = join(tmp, 'escapes.yml');
  writeFileSync(playbook, PLAYBOOK);
  writeFileSync(escapes, ESCAPES);

  it('fail the task, the host stays reachable, ignore_errors goes on; the recap counts as ansible-playbook', async () => {
    const r = await kplayJson('-i', info.inventory, playbook);
    expect(r.code, r.stderr).toBe(2);
    const results = r.events.filter((e) => e.event === 'host_result');
    const by = (task: string) => results.find((e) => e.task === task) ?? {};
    for (const task of ['command', 'path', 'var', 'environment']) {
      expect(by(task), task).toMatchObject({ status: 'failed', ignored: true });
      expect(String(by(task).msg), task).toMatch(NUL_MSG);
      // nothing ran: no return code
      expect(JSON.stringify(by(task).detail ?? {})).not.toContain('"rc"');
    }
    expect(by('still reachable')).toMatchObject({ status: 'changed' });
    // and its start, end and delta: the host's clock around it over SSH, as Ansible's Python prints them
    const ran = (by('still reachable').detail ?? {}) as Record<string, unknown>;
    for (const time of [ran.start, ran.end]) expect(String(time)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(String(ran.delta)).toMatch(/^0:00:0\d\.\d{6}$/);
    expect(by('not ignored')).toMatchObject({ status: 'failed' });
    expect(by('not ignored').ignored).toBeUndefined();
    expect(results.some((e) => e.task === 'never')).toBe(false);
    expect(r.recap['h1']).toEqual({ ok: 5, changed: 1, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 4 });

    const human = await kplay('run', '--no-live', '-i', info.inventory, playbook);
    expect(human.code).toBe(2);
    expect(human.stdout).toContain('...ignoring');
    expect(human.stdout).not.toContain('UNREACHABLE');
    const a = await ansiblePlaybook(['-i', info.inventory, playbook]);
    expect(a.code, a.stdout + a.stderr).toBe(2);
    expect(parseRecap(human.stdout)).toEqual(parseRecap(a.stdout));
  }, 300_000);

  it('escape sequences from the host are shown escaped: --diff, loop labels, debug; plain and live', async () => {
    const plain = await kplay('run', '--no-live', '-i', info.inventory, escapes);
    expect(plain.code, plain.stdout + plain.stderr).toBe(0);
    expect(raw(plain.stdout), plain.stdout).toBeUndefined();
    expect(plain.stdout).toContain('-title\\u001b]0;PWNED\\u0007\n-\\u001b[2Jc1\\u009b2J \\u202eevil\n+clean\n');
    expect(plain.stdout).toContain('ok: [h1] => (item=a\\u001b[2Jb) => {');
    // on a terminal (util-linux script's pty): the live view, in color; the diff and the loop's output show there too
    const command = `node ${resolve(ROOT, 'bin', 'kplay.js')} run -i ${info.inventory} ${escapes}`;
    const live = await runCommand(['script', '-qec', command, '/dev/null'], { NO_COLOR: '' }, 120_000);
    expect(live.code, live.stdout).toBe(0);
    // the live view's finished rows (the plain output has none); a redraw in place may not happen when every task
    // ends before the first frame, so the rows, not the erase sequence, show which view printed
    expect(live.stdout).toMatch(new RegExp(`✔${CSI}0m plant {2}1/1 hosts {2}`));
    expect(raw(live.stdout), live.stdout).toBeUndefined();
    expect(live.stdout).toContain('-title\\u001b]0;PWNED\\u0007');
    expect(live.stdout).toContain('ok: [h1] => (item=a\\u001b[2Jb) => {');
  }, 300_000);
});

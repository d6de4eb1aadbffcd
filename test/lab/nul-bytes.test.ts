// A NUL byte in a command, a path, a variable or an environment value fails the task (before anything is sent:
// sshd drops a connection whose exec request holds one) instead of making the host unreachable; ignore_errors
// catches it and the run goes on, counted as ansible-playbook counts the same playbook.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabInfo } from '../../lab/types.js';
import { ansiblePlaybook, kplay, kplayJson, parseRecap } from './support/cli.js';
import { withLab } from './support/lab.js';

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

describe('NUL bytes in what would be sent to a host', () => {
  const lab = withLab({ name: 'escape1', count: 1, kind: 'light' });
  let info: LabInfo;
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-nul-'));
  const playbook = join(tmp, 'nul.yml');

  beforeAll(async () => {
    info = await lab.setup();
    writeFileSync(playbook, PLAYBOOK);
  }, 900_000);
  afterAll(async () => {
    await lab.teardown();
    rmSync(tmp, { recursive: true, force: true });
  });

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
});

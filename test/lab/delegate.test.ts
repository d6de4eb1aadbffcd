// delegate_to on real hosts: a task of h1 delegated to h2 runs on h2 (as h1: its name, its result, its counts),
// hosts delegating to one host share the run's one connection to it, and an unreachable delegate gives the
// result ansible-playbook gives. What lands on the hosts is checked through plain OpenSSH.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labStop } from '../../lab/index.js';
import { ansiblePlaybook, kplayJson, parseRecap, type JsonRun } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const LAB = 'delegatelab';

/** The host_result events of one host and task. */
const resultsOf = (r: JsonRun, host: string, task: string): Record<string, unknown>[] =>
  r.events.filter((e) => e.event === 'host_result' && e.host === host && e.task === task);

/** stdout of a command result as the event's detail carries it */
const stdoutOf = (e: Record<string, unknown> | undefined): string => {
  const out = (e?.detail as { stdout?: unknown } | undefined)?.stdout;
  return typeof out === 'string' ? out : '';
};

describe('delegate_to on a light lab', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-delegate-'));
  const info = useLab({ name: LAB, count: 3, kind: 'light', cleanup: () => rmSync(tmp, { recursive: true, force: true }), teardownTimeout: 900_000 });
  const playbook = (name: string, text: string): string => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    return file;
  };
  const addressOf = (host: string): string => info.hosts.find((h) => h.name === host)?.address ?? '';

  it('a task of h1 delegated to h2 runs on h2, for h1', async () => {
    const file = playbook(
      'on-h2.yml',
      `- hosts: h1
  gather_facts: false
  tasks:
    - name: leave a mark
      shell: "echo {{ inventory_hostname }} > /tmp/delegated-{{ inventory_hostname }} && uname -n"
      delegate_to: h2
      register: mark
    - name: the result is h1's
      debug: { msg: "{{ mark.stdout }}" }
`,
    );
    const r = await kplayJson(file, '-i', info.inventory);
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap.h1).toMatchObject({ ok: 2, changed: 1, failed: 0, unreachable: 0 });
    expect(r.recap.h2, 'h2 ran nothing of its own').toBeUndefined();
    const [mark] = resultsOf(r, 'h1', 'leave a mark');
    expect(mark).toMatchObject({ status: 'changed', delegated_to: `h2(${addressOf('h2')})` });
    expect(stdoutOf(mark)).toBe('h2');
    expect((await labSsh(info, 'h2', 'cat /tmp/delegated-h1')).stdout).toBe('h1\n');
    expect((await labSsh(info, 'h1', 'test -e /tmp/delegated-h1')).code, 'nothing written on h1').toBe(1);
  });

  it('hosts delegating to one host share the one connection to it (its own included)', async () => {
    const file = playbook(
      'shared.yml',
      `- hosts: lab
  gather_facts: false
  tasks:
    - name: which connection
      shell: "echo $SSH_CONNECTION"
      delegate_to: h2
`,
    );
    const r = await kplayJson(file, '-i', info.inventory);
    expect(r.code, r.stderr).toBe(0);
    // SSH_CONNECTION is "client-address client-port server-address server-port": one TCP connection, one value
    const seen = ['h1', 'h2', 'h3'].map((h) => stdoutOf(resultsOf(r, h, 'which connection')[0]).trim());
    expect(seen[0]).toMatch(new RegExp(` ${addressOf('h2').replaceAll('.', '\\.')} 22$`));
    expect(new Set(seen).size, seen.join(' | ')).toBe(1);
    expect(resultsOf(r, 'h2', 'which connection')[0]?.delegated_to, 'delegated to itself: no arrow').toBeUndefined();
  });

  it('an unreachable delegate makes the host unreachable, as ansible-playbook does', async () => {
    await labStop('h2', { name: LAB });
    const file = playbook(
      'unreachable.yml',
      `- hosts: lab:!h2
  gather_facts: false
  tasks:
    - name: to a host that is off
      command: "true"
      delegate_to: h2
      when: inventory_hostname == 'h1'
      ignore_errors: true
    - name: the others go on
      debug: { msg: "here" }
- hosts: lab:!h2
  gather_facts: false
  tasks:
    - name: a later play without h1
      debug: { msg: "later" }
`,
    );
    const k = await kplayJson(file, '-i', info.inventory);
    // an empty config: nothing of this machine's Ansible setup leaks in
    const a = await ansiblePlaybook(['-i', info.inventory, file], { ANSIBLE_CONFIG: playbook('empty.cfg', '') });
    expect(a.code, a.stdout).toBe(4);
    expect(k.code, k.stderr).toBe(a.code);
    expect(k.recap).toEqual(parseRecap(a.stdout));
    expect(k.recap.h1).toMatchObject({ unreachable: 1, ok: 0 });
    // Ansible names an unreachable delegate without its address
    expect(a.stdout).toContain('fatal: [h1 -> h2]: UNREACHABLE!');
    expect(resultsOf(k, 'h1', 'to a host that is off')[0]).toMatchObject({ status: 'unreachable', delegated_to: 'h2' });
  });
});

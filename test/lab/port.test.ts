// The port keyword on a real host: a second sshd listens on 2222 inside the host, and each task reports the server
// port of its own SSH connection ($SSH_CONNECTION). kplay and ansible-playbook must pick the same ports: the play's
// port, a task's own, and the host's ansible_port above both.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ansiblePlaybook, runCommand } from './support/cli.js';
import { startSshd, type ExtraSshd } from './support/extra-sshd.js';
import { useLab } from './support/lab.js';

const LAB = 'port';
const PORT = 2222;

const PLAYBOOK = `
- name: port keyword
  hosts: lab
  gather_facts: false
  port: ${PORT}
  tasks:
    - name: the play's port
      raw: echo $SSH_CONNECTION
      register: conn
    - name: play
      debug:
        msg: "port={{ conn.stdout.split()[3] }}"

    - name: a task's own port
      raw: echo $SSH_CONNECTION
      register: conn
      port: 22
    - name: task
      debug:
        msg: "port={{ conn.stdout.split()[3] }}"
`;

/** The `port=N` messages of a run's output, in order. */
const ports = (out: string): string[] => [...out.matchAll(/"msg": "port=(\d+)"/g)].map((m) => m[1] ?? '');

describe('port keyword on a light lab', () => {
  const extras: ExtraSshd[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-port-'));
  const info = useLab({
    name: LAB,
    count: 2,
    kind: 'light',
    ready: async (lab) => {
      // a second sshd in h1 and h2, on 2222, with the host's own config and keys
      for (const name of ['h1', 'h2']) {
        const host = lab.hosts.find((h) => h.name === name);
        if (!host) throw new Error(`no ${name}`);
        extras.push(await startSshd(LAB, host, PORT, ['-p', String(PORT), '-o', 'PidFile=none']));
      }
    },
    cleanup: async () => {
      for (const e of extras) await e.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
    teardownTimeout: 900_000,
  });

  it('the play and task port keywords, under the host\'s ansible_port, as ansible-playbook does', async () => {
    // known_hosts for both ports (OpenSSH names a non-22 port as [address]:port)
    const known = readFileSync(info.knownHosts, 'utf8').split('\n').filter((l) => l !== '');
    const bracketed = known.map((l) => l.replace(/^(\S+) /, `[$1]:${PORT} `));
    const knownHosts = join(tmp, 'known_hosts');
    writeFileSync(knownHosts, `${[...known, ...bracketed].join('\n')}\n`);
    const [h1, h2] = ['h1', 'h2'].map((n) => info.hosts.find((h) => h.name === n));
    if (!h1 || !h2) throw new Error('no h1/h2');
    const inventory = join(tmp, 'inventory.ini');
    writeFileSync(
      inventory,
      [
        '[lab]',
        `h1 ansible_host=${h1.address}`,
        // h2 names its port: it ranks above the play's and the task's keyword
        `h2 ansible_host=${h2.address} ansible_port=22`,
        '[lab:vars]',
        'ansible_user=root',
        `ansible_ssh_private_key_file=${info.keyPath}`,
        // -o Port ranks below the keyword: it must not win on h1
        `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes -o Port=22'`,
        '',
      ].join('\n'),
    );
    const playbook = join(tmp, 'port.yml');
    writeFileSync(playbook, PLAYBOOK);

    const k = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'run', '--no-live', '-i', inventory, '-l', 'h1', playbook], { NO_COLOR: '1' });
    expect(k.code, k.stdout + k.stderr).toBe(0);
    expect(ports(k.stdout)).toEqual([String(PORT), '22']);
    const k2 = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'run', '--no-live', '-i', inventory, '-l', 'h2', playbook], { NO_COLOR: '1' });
    expect(k2.code, k2.stdout + k2.stderr).toBe(0);
    expect(ports(k2.stdout)).toEqual(['22', '22']);

    for (const [limit, want] of [['h1', ports(k.stdout)], ['h2', ports(k2.stdout)]] as const) {
      const a = await ansiblePlaybook(['-i', inventory, '-l', limit, playbook], { ANSIBLE_HOST_KEY_CHECKING: 'True' });
      expect(a.code, a.stdout + a.stderr).toBe(0);
      expect(ports(a.stdout), `ansible-playbook on ${limit}`).toEqual(want);
    }
  }, 300_000);
});

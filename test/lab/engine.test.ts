// The engine against real hosts (issue [3]): the same PLAY RECAP and exit code as ansible-playbook, twice;
// host keys refused when they do not match; become with and without a password; 50 aliases of one host at once.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, ansiblePlaybook, kplay, kplayJson, parseRecap, runCommand } from './support/cli.js';
import { useLab } from './support/lab.js';

const COMPARE = 'test/fixtures/compare/playbook.yml';
const REFUSED = 'test/fixtures/compare/refused.ini';

describe('the engine on a 3-host lab', () => {
  const info = useLab({ name: 'engine', count: 3, kind: 'full', teardownTimeout: 900_000 });
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-engine-'));

  it('gives the PLAY RECAP and exit code of ansible-playbook, on the first run and the rerun', async () => {
    for (let round = 0; round < 2; round++) {
      const k = await kplay('run', COMPARE, '-i', info.inventory, '-i', REFUSED);
      const a = await ansiblePlaybook(['-i', info.inventory, '-i', REFUSED, COMPARE]);
      expect(a.code, a.stdout).toBe(4);
      expect(k.code, k.stdout + k.stderr).toBe(a.code);
      const kr = parseRecap(k.stdout);
      expect(Object.keys(kr).length).toBe(4);
      expect(kr).toEqual(parseRecap(a.stdout));
    }
  });

  it("refuses a host whose known_hosts entry holds another host's key: unreachable, exit 4", async () => {
    const [h0, h1] = info.hosts;
    if (!h0 || !h1) throw new Error('lab has fewer than 2 hosts');
    const lines = readFileSync(info.knownHosts, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const keyOf = (addr: string) => lines.find((l) => l.split(' ')[0]?.split(',').includes(addr))?.split(' ').slice(1).join(' ');
    const tampered = lines.map((l) => (l.split(' ')[0]?.split(',').includes(h0.address) ? `${h0.address} ${keyOf(h1.address)}` : l));
    const file = join(tmp, 'known_hosts');
    writeFileSync(file, `${tampered.join('\n')}\n`);
    const r = await kplayJson(COMPARE, '-i', info.inventory, '-e', `{"ansible_ssh_common_args": "-o UserKnownHostsFile=${file} -o StrictHostKeyChecking=yes"}`);
    expect(r.code).toBe(4);
    expect(r.recap[h0.name]?.unreachable).toBe(1);
    expect(r.recap[h1.name]?.unreachable).toBe(0);
    const msg = r.events.find((e) => e.event === 'host_result' && e.host === h0.name && e.status === 'unreachable')?.msg;
    expect(String(msg)).toMatch(/host key/i);
  });

  it('becomes root with passwordless sudo (deploy) and with a password (ops)', async () => {
    const play = join(tmp, 'become.yml');
    writeFileSync(play, '- hosts: all\n  gather_facts: false\n  become: true\n  tasks:\n    - command: id -un\n      register: who\n    - assert:\n        that: who.stdout == "root"\n');
    const deploy = await kplayJson(play, '-i', info.inventory, '-u', 'deploy', '-e', 'ansible_user=deploy');
    expect(deploy.code, deploy.stderr).toBe(0);
    for (const h of info.hosts) expect(deploy.recap[h.name]).toMatchObject({ ok: 2, failed: 0 });
    const pw = readFileSync(join(info.dir, 'ops_password'), 'utf8').trim();
    const ops = await kplayJson(play, '-i', info.inventory, '-e', 'ansible_user=ops', '-e', `ansible_become_password=${pw}`);
    expect(ops.code, ops.stderr).toBe(0);
    expect(JSON.stringify(ops.events)).not.toContain(pw);
    const wrong = await kplayJson(play, '-i', info.inventory, '-e', 'ansible_user=ops', '-e', 'ansible_become_password=wrong-password');
    expect(wrong.code).toBe(2);
  });

  it('ansible_become and ansible_become_user variables rank above the become keywords, as ansible-playbook', async () => {
    const [first, ...rest] = info.hosts;
    if (first === undefined) throw new Error('empty lab');
    const inv = join(tmp, 'become-vars.ini');
    const line = (h: { name: string; address: string }, vars: string) =>
      `${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${info.keyPath} ${vars}`;
    writeFileSync(
      inv,
      `[lab]\n${line(first, 'ansible_become=false')}\n${rest.map((h) => line(h, 'ansible_become_user=deploy')).join('\n')}\n` +
        `[lab:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes'\n`,
    );
    const play = join(tmp, 'become-vars.yml');
    writeFileSync(
      play,
      '- hosts: all\n  gather_facts: false\n  become: true\n  become_user: ops\n  tasks:\n' +
        '    - command: id -un\n      become_user: nobody\n      register: who\n' +
        `    - assert:\n        that: who.stdout == ("root" if inventory_hostname == "${first.name}" else "deploy")\n`,
    );
    const k = await kplayJson(play, '-i', inv);
    expect(k.code, k.stderr).toBe(0);
    for (const h of info.hosts) expect(k.recap[h.name]).toMatchObject({ ok: 2, failed: 0 });
    const a = await ansiblePlaybook(['-i', inv, play]);
    expect(parseRecap(a.stdout), a.stdout).toEqual(k.recap);
  });

  it('-b -K: become from the command line, the password asked once (read from stdin when it is not a terminal)', async () => {
    const play = join(tmp, 'become-cli.yml');
    writeFileSync(play, '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: id -un\n      register: who\n    - assert:\n        that: who.stdout == "root"\n');
    const pw = readFileSync(join(info.dir, 'ops_password'), 'utf8').trim();
    const argv = ['node', join(ROOT, 'bin', 'kplay.js'), 'run', play, '-i', info.inventory, '-e', 'ansible_user=ops'];
    const asked = await runCommand([...argv, '-b', '-K'], {}, 60_000, `${pw}\n`);
    expect(asked.code, asked.stdout + asked.stderr).toBe(0);
    expect(asked.stderr).toContain('BECOME password: ');
    expect(asked.stdout + asked.stderr).not.toContain(pw);
    for (const h of info.hosts) expect(parseRecap(asked.stdout)[h.name]).toMatchObject({ ok: 2, failed: 0 });
    // without -b the tasks run as ops (the assert fails): -b is what turned become on
    const plain = await runCommand([...argv, '-K'], {}, 60_000, `${pw}\n`);
    expect(plain.code).toBe(2);
    const wrong = await runCommand([...argv, '-b', '-K'], {}, 60_000, 'wrong-password\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toMatch(/password/i);
  });

  it('remote_user on a play and a task: the SSH user where the inventory names none, above -u, as ansible-playbook', async () => {
    const noUser = join(tmp, 'no-user.ini');
    const hostLines = info.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_ssh_private_key_file=${info.keyPath}`);
    writeFileSync(noUser, `[lab]\n${hostLines.join('\n')}\n[lab:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes'\n`);
    const play = join(tmp, 'remote-user.yml');
    const users = (expected: string) => `    - command: id -un\n      register: u\n    - assert:\n        that: u.stdout == "${expected}"\n`;
    writeFileSync(
      play,
      '- hosts: all\n  gather_facts: false\n  remote_user: deploy\n  tasks:\n' + users('deploy') +
        '    - command: id -un\n      remote_user: ops\n      register: t\n    - assert:\n        that: t.stdout == "ops"\n' +
        '- hosts: all\n  gather_facts: false\n  tasks:\n' + users('root'),
    );
    const k = await kplayJson(play, '-i', noUser, '-u', 'root');
    expect(k.code, k.stderr).toBe(0);
    for (const h of info.hosts) expect(k.recap[h.name]).toMatchObject({ ok: 6, failed: 0 });
    const a = await ansiblePlaybook(['-i', noUser, '-u', 'root', play]);
    expect(parseRecap(a.stdout), a.stdout).toEqual(k.recap);
    // the inventory's ansible_user=root ranks above remote_user: every id -un is root, so the deploy/ops asserts fail
    const ranked = await kplayJson(play, '-i', info.inventory);
    for (const h of info.hosts) expect(ranked.recap[h.name]).toMatchObject({ ok: 1, failed: 1 });
  });

  it('connection: local on a play runs on the controller where the host says nothing, as ansible-playbook', async () => {
    const play = join(tmp, 'local.yml');
    writeFileSync(
      play,
      '- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n    - command: uname -n\n      register: n\n' +
        `    - assert:\n        that: n.stdout == "${hostname()}"\n` +
        '    - command: uname -n\n      connection: ssh\n      register: remote\n' +
        `    - assert:\n        that: remote.stdout != "${hostname()}"\n`,
    );
    const k = await kplayJson(play, '-i', info.inventory);
    expect(k.code, k.stderr).toBe(0);
    for (const h of info.hosts) expect(k.recap[h.name]).toMatchObject({ ok: 4, failed: 0 });
    const a = await ansiblePlaybook(['-i', info.inventory, play]);
    expect(parseRecap(a.stdout), a.stdout).toEqual(k.recap);
  });

  it('runs a task on 50 inventory aliases of one host at once without channel or connection refusals', async () => {
    const h = info.hosts[0];
    if (!h) throw new Error('no lab host');
    const inv = join(tmp, 'aliases.ini');
    const hostLines = Array.from({ length: 50 }, (_, i) => `alias${i} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${info.keyPath}`);
    writeFileSync(inv, `[aliases]\n${hostLines.join('\n')}\n[aliases:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes'\n`);
    const play = join(tmp, 'one.yml');
    writeFileSync(play, '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n    - command: "true"\n');
    const r = await kplayJson(play, '-i', inv);
    expect(r.code, JSON.stringify(r.events.filter((e) => e.status === 'unreachable' || e.status === 'failed').slice(0, 3))).toBe(0);
    expect(Object.values(r.recap).every((c) => c.ok === 2)).toBe(true);
    expect(Object.keys(r.recap).length).toBe(50);
  });
});

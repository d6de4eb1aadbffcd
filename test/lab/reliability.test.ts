// Reliability and security on real hosts (issue [7]): links cut mid-run, SIGINT, secrets nowhere, literal quoting.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, kplay, kplayJson } from './support/cli.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';
import { quote } from '../../engine/core/quote.js';

function sleepPlaybook(dir: string, tasks: number): string {
  const file = join(dir, 'sleep.yml');
  const body = Array.from({ length: tasks }, (_, i) => `    - name: sleep ${i + 1}\n      command: sleep 1\n`).join('');
  writeFileSync(file, `- hosts: all\n  gather_facts: false\n  tasks:\n${body}`);
  return file;
}

describe('reliability on a 6-host lab', () => {
  const info = useLab({ name: 'rely', count: 6, kind: 'light', teardownTimeout: 900_000 });
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-rely-'));

  it('two links cut 3 s in: exit 4, those two unreachable, the other four ok=8, in bounded time', async () => {
    const play = sleepPlaybook(tmp, 8);
    const [a, b] = [info.hosts[1], info.hosts[4]];
    if (!a || !b) throw new Error('lab too small');
    const started = Date.now();
    const running = kplayJson(play, '-i', info.inventory);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await kplay('lab', 'cut', a.name, '--name', 'rely')).code).toBe(0);
    expect((await kplay('lab', 'cut', b.name, '--name', 'rely')).code).toBe(0);
    const r = await running;
    const seconds = (Date.now() - started) / 1000;
    await kplay('lab', 'heal', a.name, '--name', 'rely');
    await kplay('lab', 'heal', b.name, '--name', 'rely');
    expect(r.code).toBe(4);
    for (const h of info.hosts) {
      if (h === a || h === b) expect(r.recap[h.name]?.unreachable).toBe(1);
      else expect(r.recap[h.name]).toMatchObject({ ok: 8, failed: 0, unreachable: 0 });
    }
    expect(seconds).toBeLessThan(60);
  });

  it('SIGINT mid-run: a partial PLAY RECAP, exit 99', async () => {
    const play = sleepPlaybook(tmp, 8);
    const child = spawn('node', [resolve(ROOT, 'bin/kplay.js'), 'run', play, '-i', info.inventory, '--no-live'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((r) => setTimeout(r, 2500));
    child.kill('SIGINT');
    const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? 255)));
    expect(code).toBe(99);
    expect(out).toContain('PLAY RECAP');
  });

  it('a no_log secret and the become password appear nowhere, with -vvv and with --json', async () => {
    const secret = 'S3cr3t-no-log-value';
    const pw = readFileSync(join(info.dir, 'ops_password'), 'utf8').trim();
    const play = join(tmp, 'secret.yml');
    writeFileSync(
      play,
      `- hosts: all\n  gather_facts: false\n  become: true\n  tasks:\n    - command: echo ${secret}\n      no_log: true\n    - command: "false"\n      no_log: true\n      ignore_errors: true\n      environment: {}\n    - debug:\n        msg: done\n`,
    );
    const args = ['-i', info.inventory, '-e', 'ansible_user=ops', '-e', `ansible_become_password=${pw}`];
    const human = await kplay('run', play, ...args, '-vvv', '--no-live');
    const json = await kplayJson(play, ...args);
    expect(human.code, human.stdout + human.stderr).toBe(0);
    expect(json.code).toBe(0);
    for (const text of [human.stdout, human.stderr, JSON.stringify(json.events), json.stderr]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(pw);
    }
  });

  it('a path containing `; touch /tmp/pwned` is created literally (as nested directories) and nothing else runs', async () => {
    const h = info.hosts[0];
    if (!h) throw new Error('no host');
    const path = "/tmp/kplay q'\"$(id)`id`*; touch /tmp/pwned";
    const play = join(tmp, 'quote.yml');
    writeFileSync(play, `- hosts: ${h.name}\n  gather_facts: false\n  tasks:\n    - file:\n        path: ${JSON.stringify(path)}\n        state: directory\n`);
    const r = await kplayJson(play, '-i', info.inventory);
    expect(r.code, r.stderr).toBe(0);
    const target = { address: h.address, keyPath: info.keyPath, knownHosts: info.knownHosts };
    expect((await sshRun(target, 'ls /tmp')).stdout).toContain("kplay q'\"$(id)`id`*; touch ");
    expect((await sshRun(target, `test -d ${quote(path)} && echo literal`)).stdout.trim()).toBe('literal');
    expect((await sshRun(target, 'test -e /tmp/pwned && echo PWNED || echo clean')).stdout.trim()).toBe('clean');
  });
});

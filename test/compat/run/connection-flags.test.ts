// -T, --ssh-common-args and --ssh-extra-args against ansible-playbook, on a TCP listener that accepts and never speaks
// SSH: both give up at the timeout the command line sets, reach the port its ssh args name, and let a host's own
// variables rank above the command line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const dir = mkdtempSync(join(tmpdir(), 'kplay-conn-flags-'));
writeFileSync(join(dir, 'ansible.cfg'), '');
const ANSIBLE_ENV: NodeJS.ProcessEnv = { ANSIBLE_CONFIG: join(dir, 'ansible.cfg'), ANSIBLE_HOME: join(dir, 'home'), ANSIBLE_NOCOLOR: '1' };
const PLAYBOOK = join(dir, 'ping.yml');
writeFileSync(PLAYBOOK, '- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n');
// a key to offer, so that neither tool stops before waiting for the server (kplay refuses to connect with none)
const KEY = join(dir, 'key');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', KEY]);

let silent: Server;
const sockets: Socket[] = [];
let port = 0;
beforeAll(async () => {
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
  port = (silent.address() as { port: number }).port;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

let runs = 0;

/** Runs one tool on 127.0.0.1 with these inventory variables (default: the silent port): exit code, seconds, output. */
async function run(tool: 'ansible' | 'kplay', args: readonly string[], hostVars = `ansible_port=${port}`): Promise<{ code: number; seconds: number; out: string }> {
  const inventory = join(dir, `${tool}-${++runs}.ini`);
  writeFileSync(inventory, `silent ansible_host=127.0.0.1 ${hostVars}\n`);
  const all = ['-i', inventory, '--private-key', KEY, ...args, PLAYBOOK];
  const argv = tool === 'ansible' ? ['ansible-playbook', ...all] : ['node', KPLAY, 'run', '--no-live', ...all];
  const started = Date.now();
  const r = await runCommand(argv, tool === 'ansible' ? ANSIBLE_ENV : {}, 60_000);
  return { code: r.code, seconds: (Date.now() - started) / 1000, out: r.stdout };
}

describe('-T / --timeout', () => {
  it('gives up connecting after that many seconds (not the default 10), as ansible-playbook does', async () => {
    const [a, k] = await Promise.all([run('ansible', ['-T', '2']), run('kplay', ['-T', '2'])]);
    expect(a.code, a.out).toBe(4);
    expect(k.code, k.out).toBe(4);
    expect(k.out).toContain('within 2 s');
  }, 60_000);

  it('ranks below the host’s ansible_ssh_timeout, as in Ansible', async () => {
    const [a, k] = await Promise.all([run('ansible', ['-T', '30'], `ansible_port=${port} ansible_ssh_timeout=1`), run('kplay', ['-T', '30'], `ansible_port=${port} ansible_ssh_timeout=1`)]);
    expect(a.code, a.out).toBe(4);
    expect(k.code, k.out).toBe(4);
    expect(k.out).toContain('within 1 s');
    // the host's 1 s, not -T's 30 s: a generous bound that only the wrong ranking crosses
    for (const r of [a, k]) expect(r.seconds, r.out).toBeLessThan(20);
  }, 60_000);

  it('ranks above ConnectTimeout in ansible_ssh_common_args', async () => {
    const k = await run('kplay', ['-T', '1'], `ansible_port=${port} ansible_ssh_common_args='-o ConnectTimeout=20'`);
    expect(k.code, k.out).toBe(4);
    expect(k.out).toContain('within 1 s');
  }, 60_000);

  it('refuses a value that is not a whole number of seconds, before the run', async () => {
    const k = await run('kplay', ['-T', 'soon']);
    expect(k.code).toBe(5);
  }, 60_000);
});

/** Both tools on a host reached through ssh args: timed out at the silent port, or refused at port 1 (nothing there). */
async function bothReach(args: readonly string[], hostVars: string, want: 'silent' | 'refused'): Promise<void> {
  const [a, k] = await Promise.all([run('ansible', ['-T', '1', ...args], hostVars), run('kplay', ['-T', '1', ...args], hostVars)]);
  expect(a.code, a.out).toBe(4);
  expect(k.code, k.out).toBe(4);
  if (want === 'silent') {
    expect(a.out).toContain('timed out');
    expect(k.out).toContain(`no SSH answer from 127.0.0.1:${port} within 1 s`);
  } else {
    expect(a.out).toContain('port 1: Connection refused');
    expect(k.out).toContain('127.0.0.1:1: ECONNREFUSED');
  }
}

describe('--ssh-common-args, --ssh-extra-args', () => {
  it('apply to hosts without their own ssh args variable', async () => {
    await bothReach(['--ssh-common-args', `-o Port=${port}`], '', 'silent');
    await bothReach(['--ssh-extra-args', `-o Port=${port}`], '', 'silent');
  }, 60_000);

  it('are replaced by the host’s ansible_ssh_common_args / ansible_ssh_extra_args (not added to)', async () => {
    await bothReach(['--ssh-common-args', `-o Port=${port}`], "ansible_ssh_common_args='-o Port=1'", 'refused');
    await bothReach(['--ssh-extra-args', `-o Port=${port}`], "ansible_ssh_extra_args='-o Port=1'", 'refused');
  }, 60_000);

  it('common before extra: the first -o value wins', async () => {
    await bothReach(['--ssh-common-args', '-o Port=1', '--ssh-extra-args', `-o Port=${port}`], '', 'refused');
  }, 60_000);

  it('refuse unbalanced quotes before the run', async () => {
    const k = await run('kplay', ['--ssh-common-args', "-o 'Port=1"]);
    expect(k.code).toBe(5);
  }, 60_000);
});

// Password login on a real OpenSSH: a second sshd on port 2222 inside a lab host, with PasswordAuthentication yes,
// and a password set with chpasswd. kplay logs in with it though its key is wrong, calls a wrong password
// unreachable with the methods it tried, takes -k from standard input (below ansible_password), and the password
// shows nowhere in -vvv or --json output.
import { ed25519PrivateKey } from '../support/ssh-key.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sh } from '../../engine/core/quote.js';
import { ROOT, runCommand, type CliResult } from './support/cli.js';
import { inHost, startSshd, type ExtraSshd } from './support/extra-sshd.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';

const LAB = 'password';
const PORT = 2222;
const PASSWORD = 'Lab-pw-3f9c-kplay';
const WRONG = 'Wrong-pw-77aa';
const KBD_PORT = 2223;

/** Another sshd inside the light host `host`, on `port` with `settings` in a config file of its own. */
async function extraSshd(host: { name: string; address: string }, port: number, settings: readonly string[]): Promise<ExtraSshd> {
  const config = `/etc/ssh/kplay-password-${port}.conf`;
  const text = [`Port ${port}`, 'HostKey /etc/ssh/ssh_host_ed25519_key', 'PermitRootLogin prohibit-password', ...settings, 'PidFile none', 'Subsystem sftp /usr/lib/openssh/sftp-server', ''].join('\n');
  const written = await runCommand([...inHost(LAB, host.name), 'sh', '-c', sh`printf %s ${text} > ${config}`]);
  if (written.code !== 0) throw new Error(written.stderr);
  return startSshd(LAB, host, port, ['-f', config]);
}

/** `kplay run` with `args`, no ssh-agent, stdin `input` (else none). */
function kplayRun(args: readonly string[], input?: string): Promise<CliResult> {
  return runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'run', ...args], { SSH_AUTH_SOCK: '' }, 120_000, input);
}

interface JsonRun extends CliResult {
  readonly events: readonly Record<string, unknown>[];
  readonly recap: Readonly<Record<string, Record<string, number>>>;
}

function parsed(r: CliResult): JsonRun {
  const events = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const recap = (events.find((e) => e.event === 'recap') as { hosts?: Record<string, Record<string, number>> } | undefined)?.hosts ?? {};
  return { ...r, events, recap };
}

describe('password login on a real sshd', () => {
  const extras: ExtraSshd[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-password-'));
  const wrongKey = join(tmp, 'wrong_key');
  const knownHosts = join(tmp, 'known_hosts_2222');
  const play = join(tmp, 'whoami.yml');
  let address = '';

  /** An inventory of one host `pw` on `port` as deploy, with a key sshd does not know and `vars` lines. */
  const inventory = (name: string, vars: readonly string[], port = PORT): string => {
    const file = join(tmp, name);
    const common = `'-o IdentitiesOnly=yes -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes'`;
    writeFileSync(
      file,
      [`pw ansible_host=${address} ansible_port=${port} ansible_user=deploy ansible_ssh_private_key_file=${wrongKey} ansible_ssh_common_args=${common} ${vars.join(' ')}`, ''].join('\n'),
    );
    return file;
  };

  useLab({
    name: LAB,
    count: 1,
    kind: 'light',
    ready: async (info) => {
      const host = info.hosts[0];
      if (!host) throw new Error('no host');
      address = host.address;
      const root = { address, keyPath: info.keyPath, knownHosts: info.knownHosts };
      // deploy gets a password (the image leaves it without one); root keeps prohibit-password
      const chpasswd = await sshRun(root, sh`echo ${`deploy:${PASSWORD}`} | chpasswd`);
      expect(chpasswd.code, chpasswd.stderr).toBe(0);
      // 2222: password authentication without PAM; 2223: only PAM's keyboard-interactive (OpenSSH's other way to ask)
      extras.push(await extraSshd(host, PORT, ['PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'UsePAM no']));
      extras.push(await extraSshd(host, KBD_PORT, ['PasswordAuthentication no', 'KbdInteractiveAuthentication yes', 'UsePAM yes']));
      writeFileSync(wrongKey, ed25519PrivateKey(), { mode: 0o600 });
      const key = readFileSync(info.knownHosts, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${address} `));
      writeFileSync(knownHosts, [PORT, KBD_PORT].map((p) => `${(key ?? '').replace(`${address} `, `[${address}]:${p} `)}\n`).join(''));
      writeFileSync(play, '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: whoami\n      register: who\n    - assert:\n        that: who.stdout == "deploy"\n');
    },
    cleanup: async () => {
      for (const e of extras) await e.stop();
      rmSync(tmp, { recursive: true, force: true });
    },
    setupTimeout: 300_000,
    teardownTimeout: 120_000,
  });

  it('ansible_password logs in though the key is wrong; -vvv and --json never show the password', async () => {
    const inv = inventory('right.ini', [`ansible_password=${PASSWORD}`]);
    const json = parsed(await kplayRun(['--json', '-vvv', '-i', inv, play]));
    expect(json.code, json.stderr).toBe(0);
    expect(json.recap.pw).toMatchObject({ ok: 2, failed: 0, unreachable: 0 });
    // the trace is there (so its silence about the password means something): the key refused, the password taken
    const trace = json.events.filter((e) => e.event === 'log').map((e) => String(e.msg));
    expect(trace.some((l) => /USERAUTH_REQUEST \(publickey/.test(l))).toBe(true);
    expect(trace.some((l) => /USERAUTH_REQUEST \(password\)/.test(l))).toBe(true);
    expect(json.stdout + json.stderr).not.toContain(PASSWORD);

    const human = await kplayRun(['-vvv', '--no-live', '-i', inv, play]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/USERAUTH_REQUEST \(password\)/);
    expect(human.stdout + human.stderr).not.toContain(PASSWORD);
  }, 120_000);

  it('a wrong password: unreachable, naming the methods tried and what sshd takes, never the password', async () => {
    const inv = inventory('wrong.ini', [`ansible_password=${WRONG}`]);
    const json = parsed(await kplayRun(['--json', '-vvv', '-i', inv, play]));
    expect(json.code).toBe(4);
    expect(json.recap.pw).toMatchObject({ ok: 0, unreachable: 1 });
    const failure = json.events.find((e) => e.event === 'host_result' && e.status === 'unreachable');
    expect(String(failure?.msg)).toMatch(/authentication failed for deploy@[\d.]+:2222 \(tried key, password; the server takes publickey, password\)/);
    expect(json.stdout + json.stderr).not.toContain(WRONG);

    const human = await kplayRun(['--no-live', '-i', inv, play]);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/UNREACHABLE!.*authentication failed for deploy@/);
    expect(human.stdout + human.stderr).not.toContain(WRONG);
  }, 120_000);

  it('-k takes the password from standard input; a host\'s ansible_password ranks above it', async () => {
    const bare = inventory('bare.ini', []);
    const asked = parsed(await kplayRun(['--json', '-k', '-i', bare, play], `${PASSWORD}\n`));
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stderr).toContain('SSH password: ');
    expect(asked.recap.pw).toMatchObject({ ok: 2, unreachable: 0 });
    expect(asked.stdout + asked.stderr).not.toContain(PASSWORD);

    const wrongAsked = parsed(await kplayRun(['--json', '-k', '-i', bare, play], `${WRONG}\n`));
    expect(wrongAsked.code).toBe(4);
    expect(wrongAsked.recap.pw).toMatchObject({ unreachable: 1 });

    // the host's variable wins over a wrong -k
    const ranked = parsed(await kplayRun(['--json', '-k', '-i', inventory('ranked.ini', [`ansible_password=${PASSWORD}`]), play], `${WRONG}\n`));
    expect(ranked.code, ranked.stderr).toBe(0);
    expect(ranked.recap.pw).toMatchObject({ ok: 2, unreachable: 0 });
  }, 120_000);

  it('without any password, the message says sshd would take one', async () => {
    const json = parsed(await kplayRun(['--json', '-i', inventory('none.ini', []), play]));
    expect(json.code).toBe(4);
    const failure = json.events.find((e) => e.event === 'host_result' && e.status === 'unreachable');
    expect(String(failure?.msg)).toMatch(/\(tried key; the server takes publickey, password/);
  }, 120_000);

  it('keyboard-interactive through PAM (PasswordAuthentication no): the password answers its prompt', async () => {
    const json = parsed(await kplayRun(['--json', '-vvv', '-i', inventory('kbd.ini', [`ansible_password=${PASSWORD}`], KBD_PORT), play]));
    expect(json.code, json.stderr + json.stdout.slice(-2000)).toBe(0);
    expect(json.recap.pw).toMatchObject({ ok: 2, unreachable: 0 });
    const trace = json.events.filter((e) => e.event === 'log').map((e) => String(e.msg));
    expect(trace.some((l) => /USERAUTH_REQUEST \(keyboard-interactive\)/.test(l))).toBe(true);
    // sshd does not list password: it was never sent as one
    expect(trace.some((l) => /USERAUTH_REQUEST \(password\)/.test(l))).toBe(false);
    expect(json.stdout + json.stderr).not.toContain(PASSWORD);

    const wrong = parsed(await kplayRun(['--json', '-i', inventory('kbd-wrong.ini', [`ansible_password=${WRONG}`], KBD_PORT), play]));
    expect(wrong.code).toBe(4);
    const failure = wrong.events.find((e) => e.event === 'host_result' && e.status === 'unreachable');
    expect(String(failure?.msg)).toMatch(/\(tried key, keyboard-interactive; the server takes publickey, keyboard-interactive\)/);
    expect(wrong.stdout + wrong.stderr).not.toContain(WRONG);
  }, 120_000);
});

// The ssh transport against real sshd daemons on loopback (own config, host keys, default MaxSessions/MaxStartups).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyError, KplayError, UnreachableError } from '../../engine/core/errors.js';
import { connectionSpecFor, type ConnectionSpec } from '../../engine/transport/connection-spec.js';
import { openTransport } from '../../engine/transport/open-transport.js';
import { SshTransport } from '../../engine/transport/ssh-transport.js';
import type { Transport } from '../../engine/transport/transport.js';
import { rejection } from './support/rejection.js';

let dir: string;
let clientKey: string;
const daemons: { port: number; pidFile: string; hostKeyPub: string }[] = [];
let refusedPort: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

async function startSshd(name: string): Promise<{ port: number; pidFile: string; hostKeyPub: string }> {
  const d = join(dir, name);
  execFileSync('mkdir', ['-p', d]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(d, 'host_key')]);
  const port = await freePort();
  const pidFile = join(d, 'sshd.pid');
  // sshd's defaults for MaxSessions (10) and MaxStartups (10:30:100) stay: the transport must live within them
  writeFileSync(
    join(d, 'sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${join(d, 'host_key')}`,
      `PidFile ${pidFile}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      'UseDNS no',
      '',
    ].join('\n'),
  );
  execFileSync('/usr/sbin/sshd', ['-f', join(d, 'sshd_config'), '-E', join(d, 'sshd.log')]);
  for (let i = 0; i < 100 && !existsSync(pidFile); i += 1) await new Promise((r) => setTimeout(r, 50));
  return { port, pidFile, hostKeyPub: readFileSync(join(d, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ') };
}

function knownHosts(name: string, lines: string[]): string {
  const f = join(dir, name);
  writeFileSync(f, lines.map((l) => `${l}\n`).join(''));
  return f;
}

function spec(port: number, knownHostsFile: string, mode = 'yes', extra: Record<string, unknown> = {}): ConnectionSpec {
  return connectionSpecFor(
    `h${port}`,
    {
      ansible_host: '127.0.0.1',
      ansible_port: port,
      ansible_user: 'root',
      ansible_ssh_private_key_file: clientKey,
      ansible_ssh_common_args: `-o UserKnownHostsFile=${knownHostsFile} -o StrictHostKeyChecking=${mode}`,
      ...extra,
    },
    {},
    { home: dir, localUser: 'root', env: {}, sshConfigFiles: [] },
  );
}

const open: Transport[] = [];
async function connect(s: ConnectionSpec): Promise<Transport> {
  const t = await openTransport(s);
  open.push(t);
  return t;
}

let a: { port: number; pidFile: string; hostKeyPub: string };
let b: { port: number; pidFile: string; hostKeyPub: string };
let goodKnownHosts: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kplay-transport-'));
  // sshd's privilege-separation directory
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  clientKey = join(dir, 'client_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`));
  a = await startSshd('a');
  b = await startSshd('b');
  daemons.push(a, b);
  refusedPort = await freePort();
  goodKnownHosts = knownHosts('known_hosts', [`[127.0.0.1]:${a.port} ${a.hostKeyPub}`, `[127.0.0.1]:${b.port} ${b.hostKeyPub}`]);
});

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
  for (const d of daemons) {
    try {
      process.kill(Number(readFileSync(d.pidFile, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('exec over one connection', () => {
  let t: Transport;
  beforeAll(async () => {
    t = await connect(spec(a.port, goodKnownHosts));
  });

  it('returns stdout, stderr and the exit code; a failing command is a result, not a rejection', async () => {
    const r = await t.exec('echo out; echo err >&2; exit 3');
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', code: 3 });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('feeds stdin (200 kB) and passes env', async () => {
    const input = randomBytes(100_000).toString('hex');
    const r = await t.exec('wc -c; printf %s "$GREETING"', { stdin: input, env: { GREETING: "it's $HOME" } });
    expect(r.stdout).toBe(`200000\nit's $HOME`);
  });

  it('decodes 1 MB of multi-byte UTF-8 split across chunks', async () => {
    // one ASCII byte first, so 2-byte characters straddle every even-sized chunk boundary
    const r = await t.exec(`printf x; awk 'BEGIN { for (i = 0; i < 500000; i++) printf "é" }'`);
    expect(r.stdout.length).toBe(500_001);
    expect(r.stdout).toBe(`x${'é'.repeat(500_000)}`);
  });

  it('runs 50 execs at once under MaxSessions 10: no channel open failure, no listener leak', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.exec(`sleep 0.2; echo ${i}`)));
      expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 50 }, (_, i) => `${i}\n`));
      expect(results.every((r) => r.code === 0)).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('puts and gets files over one SFTP session, with the mode', async () => {
    const data = randomBytes(300_000);
    const path = `/tmp/kplay-transport-put-${process.pid}`;
    await Promise.all([t.put(path, data, 0o640), t.put(`${path}.2`, Buffer.from('é\n'))]);
    expect((await t.get(path)).equals(data)).toBe(true);
    expect((await t.get(`${path}.2`)).toString('utf8')).toBe('é\n');
    expect((await t.exec(`stat -c %a ${path}; rm -f ${path} ${path}.2`)).stdout).toBe('640\n');
    const err = await rejection(t.get('/nonexistent/file'));
    expect(err).toBeInstanceOf(KplayError);
    expect((err as KplayError).message).toContain('/nonexistent/file');
  });

  it('times out: rejects with code timeout, stops the remote command, the connection stays usable', async () => {
    const t0 = Date.now();
    const err = await rejection(t.exec('sleep 31.25', { timeoutMs: 500 }));
    expect(err).toBeInstanceOf(KplayError);
    expect((err as KplayError).code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 300));
    const left = await t.exec(`pgrep -f 'sleep 31[.]25' || echo none`);
    expect(left.stdout).toBe('none\n');
    expect((await t.exec('echo still')).stdout).toBe('still\n');
  });
});

describe('connection sharing and limits', () => {
  it('opens 40 connections to one sshd at once under MaxStartups 10:30:100 (paced handshakes)', async () => {
    const ts = await Promise.all(Array.from({ length: 40 }, () => connect(spec(a.port, goodKnownHosts))));
    const rs = await Promise.all(ts.map((t) => t.exec('echo ok')));
    expect(rs.every((r) => r.stdout === 'ok\n')).toBe(true);
    await Promise.all(ts.map((t) => t.close()));
  });

  it('a connection that dies rejects everything in flight with UnreachableError, without crashing', async () => {
    const t = await connect(spec(a.port, goodKnownHosts));
    const slow = rejection(t.exec('sleep 20'));
    // kill this connection's own sshd process (the parent of the command's shell)
    const killer = rejection(t.exec('kill -9 $PPID'));
    const [e1, e2] = await Promise.all([slow, killer]);
    expect(e1).toBeInstanceOf(UnreachableError);
    expect(e2).toBeInstanceOf(UnreachableError);
    expect(await rejection(t.exec('true'))).toBeInstanceOf(UnreachableError);
  });

  it('a peer that stops answering (a cut link) is detected by keepalive: ServerAliveInterval x (CountMax + 1)', async () => {
    const s = spec(a.port, goodKnownHosts, 'yes', {
      ansible_ssh_common_args: `-o UserKnownHostsFile=${goodKnownHosts} -o ServerAliveInterval=1 -o ServerAliveCountMax=2`,
    });
    expect([s.keepaliveIntervalMs, s.keepaliveCountMax]).toEqual([1000, 2]);
    const t = await connect(s);
    const sessionPid = Number((await t.exec('echo $PPID')).stdout.trim());
    expect(sessionPid).toBeGreaterThan(1);
    process.kill(sessionPid, 'SIGSTOP');
    try {
      const t0 = Date.now();
      const err = await rejection(t.exec('echo never'));
      expect(err).toBeInstanceOf(UnreachableError);
      expect((err as Error).message).toContain('keepalive');
      expect(Date.now() - t0).toBeLessThan(6000);
    } finally {
      process.kill(sessionPid, 'SIGKILL');
    }
  });

  it('a server that accepts TCP but never speaks SSH: UnreachableError after ConnectTimeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const addr = silent.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    try {
      const t0 = Date.now();
      const err = await rejection(openTransport(spec(port, goodKnownHosts, 'yes', { ansible_ssh_common_args: '-o ConnectTimeout=1' })));
      expect(err).toBeInstanceOf(UnreachableError);
      expect((err as Error).message).toContain('within 1 s');
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });

  it('close() ends the connection; later execs reject', async () => {
    const t = await openTransport(spec(a.port, goodKnownHosts));
    const pending = rejection(t.exec('sleep 10'));
    await t.close();
    expect(await pending).toBeInstanceOf(UnreachableError);
    expect(await rejection(t.exec('true'))).toBeInstanceOf(UnreachableError);
  });

  it('a refused connection is UnreachableError quickly (after the documented retries)', async () => {
    const t0 = Date.now();
    const err = await rejection(openTransport(spec(refusedPort, goodKnownHosts)));
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('goes through a ProxyJump host', async () => {
    const s = spec(b.port, goodKnownHosts, 'yes', {
      ansible_ssh_common_args: `-o UserKnownHostsFile=${goodKnownHosts} -o StrictHostKeyChecking=yes -o ProxyJump=root@127.0.0.1:${a.port}`,
    });
    expect(s.proxyJump).toHaveLength(1);
    const t = await connect(s);
    expect(t).toBeInstanceOf(SshTransport);
    expect((await t.exec('echo via-jump')).stdout).toBe('via-jump\n');
    // the jump host's own key is checked too
    const onlyB = knownHosts('only_b', [`[127.0.0.1]:${b.port} ${b.hostKeyPub}`]);
    const bad = spec(b.port, onlyB, 'yes', {
      ansible_ssh_common_args: `-o UserKnownHostsFile=${onlyB} -o StrictHostKeyChecking=yes -o ProxyJump=root@127.0.0.1:${a.port}`,
    });
    expect(await rejection(openTransport(bad))).toBeInstanceOf(HostKeyError);
  });
});

describe('authentication', () => {
  it('logs in with ssh-agent (SSH_AUTH_SOCK) when no key file is named', async () => {
    const key = join(dir, 'agent_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    writeFileSync(join(dir, 'authorized_keys'), `${readFileSync(join(dir, 'authorized_keys'), 'utf8')}${readFileSync(`${key}.pub`, 'utf8')}`);
    const sock = join(dir, 'agent.sock');
    const out = execFileSync('ssh-agent', ['-s', '-a', sock], { encoding: 'utf8' });
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
    try {
      execFileSync('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      const s = connectionSpecFor(
        'agent-host',
        { ansible_host: '127.0.0.1', ansible_port: a.port, ansible_user: 'root', ansible_ssh_common_args: `-o UserKnownHostsFile=${goodKnownHosts}` },
        {},
        { home: dir, localUser: 'root', env: { SSH_AUTH_SOCK: sock }, sshConfigFiles: [] },
      );
      expect(s.identityFiles).toEqual([]);
      expect(s.agentSocket).toBe(sock);
      const t = await connect(s);
      expect((await t.exec('echo agent')).stdout).toBe('agent\n');
    } finally {
      process.kill(agentPid, 'SIGTERM');
    }
  });

  it('uses a passphrase-protected key with ansible_ssh_private_key_passphrase, and says what is missing without it', async () => {
    const key = join(dir, 'locked_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', key]);
    writeFileSync(join(dir, 'authorized_keys'), `${readFileSync(join(dir, 'authorized_keys'), 'utf8')}${readFileSync(`${key}.pub`, 'utf8')}`);
    const t = await connect(spec(a.port, goodKnownHosts, 'yes', { ansible_ssh_private_key_file: key, ansible_ssh_private_key_passphrase: 'open sesame' }));
    expect((await t.exec('echo unlocked')).stdout).toBe('unlocked\n');
    const err = await rejection(openTransport(spec(a.port, goodKnownHosts, 'yes', { ansible_ssh_private_key_file: key })));
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toContain('ansible_ssh_private_key_passphrase');
    expect((err as Error).message).not.toContain('open sesame');
  });
});

describe('handshake', () => {
  it('negotiates curve25519-sha256 first and traces the SSH level for -vvv', async () => {
    const lines: string[] = [];
    const t = await openTransport(spec(a.port, goodKnownHosts), { debug: (l) => lines.push(l) });
    open.push(t);
    expect(lines.join('\n')).toMatch(/KEX algorithm: curve25519-sha256\b/);
  });
});

describe('host keys', () => {
  it('unknown key, strict: refused with the exact fix in the message', async () => {
    const empty = knownHosts('empty', []);
    const err = await rejection(openTransport(spec(a.port, empty)));
    expect(err).toBeInstanceOf(HostKeyError);
    const text = (err as HostKeyError).describe();
    expect(text).toContain(`ssh-keyscan -p ${a.port} -t ssh-ed25519 127.0.0.1 >> ${empty}`);
    expect(text).toContain('StrictHostKeyChecking=accept-new');
  });

  it('changed key: refused, also with accept-new, and known_hosts is left alone', async () => {
    // the entry for a's port holds b's key
    const wrong = knownHosts('wrong', [`[127.0.0.1]:${a.port} ${b.hostKeyPub}`]);
    for (const mode of ['yes', 'accept-new']) {
      const err = await rejection(openTransport(spec(a.port, wrong, mode)));
      expect(err).toBeInstanceOf(HostKeyError);
      expect((err as Error).message).toContain('HOST KEY CHANGED');
    }
    expect(readFileSync(wrong, 'utf8')).toBe(`[127.0.0.1]:${a.port} ${b.hostKeyPub}\n`);
  });

  it('accept-new records a new key, which strict then accepts', async () => {
    const fresh = join(dir, 'fresh_known_hosts');
    const t = await connect(spec(a.port, fresh, 'accept-new'));
    expect((await t.exec('echo ok')).stdout).toBe('ok\n');
    expect(readFileSync(fresh, 'utf8')).toBe(`[127.0.0.1]:${a.port} ${a.hostKeyPub}\n`);
    const again = await connect(spec(a.port, fresh, 'yes'));
    expect((await again.exec('echo ok')).stdout).toBe('ok\n');
  });

  it('a hashed known_hosts entry (ssh-keygen -H) is accepted', async () => {
    const hashed = knownHosts('hashed', [`[127.0.0.1]:${a.port} ${a.hostKeyPub}`]);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', hashed], { stdio: 'ignore' });
    expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);
    const t = await connect(spec(a.port, hashed));
    expect((await t.exec('echo ok')).stdout).toBe('ok\n');
  });

  it('off: connects whatever known_hosts says', async () => {
    const wrong = knownHosts('wrong2', [`[127.0.0.1]:${a.port} ${b.hostKeyPub}`]);
    const t = await connect(spec(a.port, wrong, 'no'));
    expect((await t.exec('echo ok')).stdout).toBe('ok\n');
  });

  it('a key that sshd does not accept: UnreachableError naming the user and address', async () => {
    const other = join(dir, 'other_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const err = await rejection(openTransport(spec(a.port, goodKnownHosts, 'yes', { ansible_ssh_private_key_file: other })));
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toContain(`authentication failed for root@127.0.0.1:${a.port}`);
  });
});

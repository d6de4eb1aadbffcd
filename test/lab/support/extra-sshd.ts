// A light lab host's sshd, and more sshds started inside the host (its namespaces and root) for tests that need
// OpenSSH's default limits, another port or other ways to log in.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { loadLab } from '../../../lab/index.js';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The first child of a process (nsenter forks into the host's PID namespace: its child is what it started). */
function childOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kid = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return kid === '' ? undefined : Number(kid.split(/\s+/)[0]);
  } catch {
    return undefined;
  }
}

/** sshd of a light host: the one child of the host's top process, PID 1 of the host's PID namespace. */
export function sshdPid(lab: string, host: string): number {
  const h = loadLab({ name: lab }).hosts.find((x) => x.name === host);
  if (!h || h.pid <= 0) throw new Error(`${host} is not running`);
  const kids = readFileSync(`/proc/${h.pid}/task/${h.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const sshd = kids.find((p) => readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'sshd');
  if (sshd === undefined) throw new Error(`no sshd under ${host}'s process ${h.pid}`);
  return sshd;
}

/** The command prefix that runs a program inside a light host: all its namespaces, its root and working dir. */
export function inHost(lab: string, host: string): string[] {
  return ['nsenter', '-t', String(sshdPid(lab, host)), '-m', '-n', '-u', '-p', '-r', '-w', '--'];
}

/** Resolves once address:port accepts a TCP connection. */
export async function waitListening(address: string, port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: address, port });
      s.once('connect', () => {
        s.destroy();
        r(true);
      });
      s.once('error', () => r(false));
    });
    if (ok) return;
    await delay(200);
  }
  throw new Error(`${address}:${port} does not listen`);
}

export interface ExtraSshd {
  /** what the sshd logged so far (it runs with -e: its log goes to stderr) */
  readonly log: () => string;
  /** ends it by its PID and waits for it */
  readonly stop: () => Promise<void>;
}

/** Starts `/usr/sbin/sshd ARGS -D -e` inside a light host and resolves once it listens on address:port. */
export async function startSshd(lab: string, host: { name: string; address: string }, port: number, args: readonly string[]): Promise<ExtraSshd> {
  const [cmd, ...rest] = [...inHost(lab, host.name), '/usr/sbin/sshd', ...args, '-D', '-e'];
  const child = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
  const closed = new Promise((r) => child.once('close', r));
  let log = '';
  child.stderr.on('data', (c: Buffer) => (log += c.toString()));
  const stop = async (): Promise<void> => {
    const sshd = childOf(child.pid);
    if (sshd !== undefined) process.kill(sshd, 'SIGTERM');
    else if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await closed;
  };
  try {
    await waitListening(host.address, port);
  } catch (e) {
    await stop();
    throw e;
  }
  return { log: () => log, stop };
}

// The ssh transport: one ssh2 connection per host for the whole run, a FIFO queue of at most 8 channels, one SFTP.
import { Readable, type Duplex } from 'node:stream';
import type { Client as SshClient, ClientChannel, SFTPWrapper } from 'ssh2';
import { KplayError, UnreachableError, errorMessage } from '../core/errors.js';
import { prepareCommand, withRemoteTimeout } from './command-line.js';
import type { ConnectionSpec } from './connection-spec.js';
import { driveCommand, type RunningCommand } from './exec-driver.js';
import { startProxyCommand, type ProxyProcess } from './proxy-command.js';
import { Semaphore } from './semaphore.js';
import { connectSsh, type SshTarget } from './ssh-connect.js';
import { TransportCaches } from './transport-caches.js';
import type { Become, ExecOptions, ExecResult, Transport } from './transport.js';

export interface OpenOptions {
  /** SSH-level trace lines (key exchange, auth, channels) for -vvv; never contains secrets */
  readonly debug?: ((line: string) => void) | undefined;
  /** aborted (the run was interrupted): connection set-up stops at once, its sockets closed */
  readonly abort?: AbortSignal | undefined;
  /** warnings for the user, such as a changed host key with checking off */
  readonly warn?: ((message: string) => void) | undefined;
  /** what the run's connections share (known_hosts, key files); without it, this connection reads its own */
  readonly caches?: TransportCaches | undefined;
}

/**
 * sshd's default MaxSessions is 10 channels per connection: 8 commands at once, plus the SFTP session (kept
 * outside this limit), leaves one to spare. Further execs wait in arrival order.
 */
export const CHANNELS_PER_CONNECTION = 8;

function targetOf(spec: ConnectionSpec, options: OpenOptions): SshTarget {
  return {
    debug: options.debug,
    abort: options.abort,
    warn: options.warn,
    caches: options.caches ?? new TransportCaches(),
    host: spec.host,
    address: spec.address,
    port: spec.port,
    user: spec.user,
    identityFiles: spec.identityFiles,
    identitiesOnly: spec.identitiesOnly,
    keyPassphrase: spec.keyPassphrase,
    password: spec.password,
    agentSocket: spec.agentSocket,
    connectTimeoutMs: spec.connectTimeoutMs,
    keepaliveIntervalMs: spec.keepaliveIntervalMs,
    keepaliveCountMax: spec.keepaliveCountMax,
    hostKeyChecking: spec.hostKeyChecking,
    knownHostsFiles: spec.knownHostsFiles,
  };
}

function forwardOut(client: SshClient, address: string, port: number, host: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, address, port, (err, stream) => {
      if (err) reject(new UnreachableError(`${host}: the jump host cannot reach ${address}:${port}: ${err.message}`, { cause: err }));
      else resolve(stream);
    });
  });
}

/**
 * The login over a ProxyCommand: a command that ends before it (no route, a typo) fails it at once, even when it
 * ended before ssh2 was listening to its stream.
 */
function loginThrough(proxy: ProxyProcess, spec: ConnectionSpec, login: Promise<SshClient>): Promise<SshClient> {
  const gone = proxy.exited.then(() => {
    throw new UnreachableError(`${spec.host}: ProxyCommand ended before the SSH login to ${spec.user}@${spec.address}:${spec.port} completed`);
  });
  // whichever loses is settled here: a late login is ended, a late failure is already reported
  login.then(
    (c) => gone.catch(() => c.end()),
    () => undefined,
  );
  gone.catch(() => undefined);
  return Promise.race([login, gone]);
}

/** Same user as the login: no sudo needed (and none may be installed). */
export function effectiveBecome(become: Become | undefined, loginUser: string): Become | undefined {
  return become !== undefined && become.user === loginUser ? undefined : become;
}

export class SshTransport implements Transport {
  readonly host: string;
  readonly spec: ConnectionSpec;
  readonly #client: SshClient;
  readonly #jumps: readonly SshClient[];
  readonly #channels = new Semaphore(CHANNELS_PER_CONNECTION);
  /** reject functions of every exec/put/get in flight, to fail them all when the connection dies */
  readonly #pending = new Set<(e: Error) => void>();
  /** commands running now, with how to end their process group: close() ends them, so nothing is left on the host */
  readonly #running = new Map<RunningCommand, () => Promise<void>>();
  #sftp: Promise<SFTPWrapper> | undefined;
  #lost: UnreachableError | undefined;
  readonly #closed: Promise<void>;

  private constructor(
    spec: ConnectionSpec,
    client: SshClient,
    jumps: readonly SshClient[],
    private readonly endProxy: (() => void) | undefined,
  ) {
    this.host = spec.host;
    this.spec = spec;
    this.#client = client;
    this.#jumps = jumps;
    // connectSsh left an 'error' listener on each client; this one turns a loss into UnreachableError for all
    client.on('error', (err: Error & { level?: string }) => {
      const why = err.level === 'client-timeout' ? `no answer to keepalives for ${(spec.keepaliveIntervalMs * (spec.keepaliveCountMax + 1)) / 1000} s` : err.message;
      this.#lose(`connection to ${spec.address}:${spec.port} lost: ${why}`);
    });
    this.#closed = new Promise((resolve) => {
      client.once('close', () => {
        this.#lose(`connection to ${spec.address}:${spec.port} closed`);
        resolve();
      });
    });
  }

  /** Still connected: no loss seen (a kept connection that is not alive is opened anew). */
  get alive(): boolean {
    return this.#lost === undefined;
  }

  /** Connect (through each ProxyJump host in turn) and log in. */
  static async open(spec: ConnectionSpec, options: OpenOptions = {}): Promise<SshTransport> {
    const jumps: SshClient[] = [];
    // ProxyCommand: the stream is the command's stdio (connection-spec.ts refuses it together with ProxyJump)
    const proxy = spec.proxyCommand === undefined ? undefined : startProxyCommand(spec.proxyCommand);
    try {
      let sock: Duplex | undefined = proxy?.sock;
      for (const [i, j] of spec.proxyJump.entries()) {
        // the password is the target's (as sshpass answers the one host Ansible names): a jump host takes keys
        const jumpTarget: SshTarget = { ...targetOf(spec, options), host: `${spec.host} (via jump host ${j.address})`, address: j.address, port: j.port, user: j.user, identityFiles: j.identityFiles, password: undefined };
        const c = await connectSsh(jumpTarget, sock);
        jumps.push(c);
        const next = spec.proxyJump[i + 1] ?? { address: spec.address, port: spec.port };
        sock = await forwardOut(c, next.address, next.port, spec.host);
      }
      const client = await (proxy === undefined ? connectSsh(targetOf(spec, options), sock) : loginThrough(proxy, spec, connectSsh(targetOf(spec, options), sock)));
      // the command lives as long as the connection, however it ends
      if (proxy !== undefined) client.once('close', proxy.kill);
      return new SshTransport(spec, client, jumps, proxy?.kill);
    } catch (e) {
      for (const j of jumps) j.end();
      // let a command that is ending say why (its stderr) before it is made to end
      await proxy?.ended(300);
      proxy?.kill();
      await proxy?.ended(500);
      const said = proxy?.stderr() ?? '';
      if (said !== '' && e instanceof UnreachableError) {
        throw new UnreachableError(`${e.message} (ProxyCommand ${spec.proxyCommand ?? ''} said: ${said})`, { hint: e.hint, cause: e });
      }
      throw e;
    }
  }

  #lose(reason: string): void {
    if (this.#lost !== undefined) return;
    this.#lost = new UnreachableError(`${this.host}: ${reason}`);
    for (const reject of this.#pending) reject(this.#lost);
    this.#pending.clear();
  }

  /** Run `fn` so that a lost connection rejects it at once, whatever it is waiting for. */
  #track<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#lost) return Promise.reject(this.#lost);
    return new Promise<T>((resolve, reject) => {
      this.#pending.add(reject);
      fn().then(resolve, reject).finally(() => this.#pending.delete(reject));
    });
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = effectiveBecome(options.become, this.spec.user);
    const prepared = prepareCommand(command, options.env, become);
    return this.#track(async () => {
      const release = await this.#channels.acquire();
      let running: GroupedCommand;
      try {
        if (this.#lost) throw this.#lost;
        running = await this.#openChannel(`${GROUP_ECHO}${withRemoteTimeout(prepared.line, options.timeoutMs)}`, release, true);
      } catch (e) {
        release();
        throw e;
      }
      this.#running.set(running, () => this.#endGroup(running, options.become));
      try {
        return await driveCommand(running, prepared, { host: this.host, stdin: options.stdin, timeoutMs: options.timeoutMs, becomeUser: become?.user });
      } finally {
        this.#running.delete(running);
      }
    });
  }

  /**
   * End a command's process group on the host, over a fresh channel: TERM, then KILL after a grace. A signal
   * request on the command's own channel would not do: OpenSSH refuses it for root's sessions, and sudo's command
   * runs as another user; the kill runs with the command's become, so it may signal what sudo started.
   */
  async #endGroup(running: GroupedCommand, become: Become | undefined): Promise<void> {
    const pgid = running.pgid();
    if (pgid === undefined) {
      running.kill();
      return;
    }
    const prepared = prepareCommand(groupKillScript(pgid), undefined, effectiveBecome(become, this.spec.user));
    try {
      const killer = await this.#openChannel(prepared.line, () => undefined, false);
      await driveCommand(killer, prepared, { host: this.host, timeoutMs: KILL_GRACE_MS + 2000 });
    } catch {
      // the connection is gone: sshd ends the session, and what ignores that is beyond reach now
    } finally {
      running.kill();
    }
  }

  /**
   * Open an exec channel. Its listeners are attached inside ssh2's callback: a fast command's exit status and
   * close can arrive in the same packet batch as the open confirmation, and would be missed a microtask later.
   */
  #openChannel(line: string, release: () => void, grouped: boolean): Promise<GroupedCommand> {
    return new Promise((resolve, reject) => {
      try {
        this.#client.exec(line, (err, channel) => {
          if (err) {
            reject(this.#lost ?? new UnreachableError(`${this.host}: cannot open a channel: ${err.message}`, { cause: err }));
            return;
          }
          // the slot is free again only when the server closed the channel too (its session count is then down)
          channel.once('close', release);
          resolve(runningChannel(channel, grouped));
        });
      } catch (e) {
        reject(this.#lost ?? new UnreachableError(`${this.host}: cannot open a channel: ${errorMessage(e)}`, { cause: e }));
      }
    });
  }

  #sftpSession(): Promise<SFTPWrapper> {
    if (this.#sftp === undefined) {
      const opening = new Promise<SFTPWrapper>((resolve, reject) => {
        this.#client.sftp((err, sftp) => {
          if (err) {
            reject(new UnreachableError(`${this.host}: cannot start SFTP: ${err.message}`, { cause: err }));
            return;
          }
          sftp.on('error', () => undefined);
          sftp.once('close', () => {
            if (this.#sftp === opening) this.#sftp = undefined;
          });
          resolve(sftp);
        });
      });
      this.#sftp = opening;
      opening.catch(() => {
        if (this.#sftp === opening) this.#sftp = undefined;
      });
    }
    return this.#sftp;
  }

  put(path: string, content: Buffer, mode?: number): Promise<void> {
    return this.#track(async () => {
      const sftp = await this.#sftpSession();
      await new Promise<void>((resolve, reject) => {
        sftp.writeFile(path, content, mode === undefined ? {} : { mode }, (err) => (err ? reject(this.#fileError('write', path, err)) : resolve()));
      });
      // writeFile's mode applies only to a new file
      if (mode !== undefined) {
        await new Promise<void>((resolve, reject) => sftp.chmod(path, mode, (err) => (err ? reject(this.#fileError('chmod', path, err)) : resolve())));
      }
    });
  }

  get(path: string): Promise<Buffer> {
    return this.#track(async () => {
      const sftp = await this.#sftpSession();
      return new Promise<Buffer>((resolve, reject) => sftp.readFile(path, (err, data) => (err ? reject(this.#fileError('read', path, err)) : resolve(data))));
    });
  }

  #fileError(op: string, path: string, err: Error): KplayError {
    return new KplayError('command', `${this.host}: cannot ${op} ${path}: ${err.message}`, { cause: err });
  }

  /**
   * Close the connection (and its jump hosts); anything still running is rejected at once (with `why`, e.g. the
   * run was interrupted), then its process group on the host is ended before the connection goes.
   */
  async close(why?: KplayError): Promise<void> {
    const stopping = [...this.#running.values()];
    this.#running.clear();
    if (why !== undefined && this.#lost === undefined) {
      this.#lost = why;
      for (const reject of this.#pending) reject(why);
      this.#pending.clear();
    }
    const ended = Promise.allSettled(stopping.map((stop) => stop()));
    await Promise.race([ended, new Promise((r) => setTimeout(r, KILL_GRACE_MS + 2500).unref())]);
    this.#lose('connection closed by kplay');
    this.#client.end();
    await Promise.race([this.#closed, new Promise((r) => setTimeout(r, 2000).unref())]);
    this.#client.destroy();
    for (const j of this.#jumps) j.end();
    this.endProxy?.();
  }
}

/** Printed first by every command: the id of its process group (sshd starts each session as a group leader). */
const GROUP_ECHO = 'echo $$; ';
/** How long a TERMed process group has to end before it is KILLed. */
export const KILL_GRACE_MS = 1500;

/** The shell script that ends process group `pgid`: TERM, KILL after the grace if anything of it remains. */
export function groupKillScript(pgid: number): string {
  const tries = Math.round(KILL_GRACE_MS / 100);
  return [
    `kill -TERM -- -${pgid} 2>/dev/null || exit 0`,
    `i=0; while [ $i -lt ${tries} ] && kill -0 -- -${pgid} 2>/dev/null; do sleep 0.1; i=$((i+1)); done`,
    `kill -KILL -- -${pgid} 2>/dev/null; exit 0`,
  ].join('\n');
}

/** Splits the group id off the head of a command's output (the line GROUP_ECHO printed). */
export function groupIdSplitter(): { readonly pgid: number | undefined; feed(chunk: Buffer): Buffer } {
  let head: Buffer | undefined = Buffer.alloc(0);
  let pgid: number | undefined;
  return {
    get pgid() {
      return pgid;
    },
    feed(chunk) {
      if (head === undefined) return chunk;
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(0x0a);
      if (nl < 0) return Buffer.alloc(0);
      const id = Number(head.subarray(0, nl).toString('latin1').trim());
      // 1 or less would be every process the user may signal (kill -- -1): never
      if (Number.isInteger(id) && id > 1) pgid = id;
      const rest = head.subarray(nl + 1);
      head = undefined;
      return rest;
    },
  };
}

interface GroupedCommand extends RunningCommand {
  /** the command's process group on the host, once its first output line came */
  pgid(): number | undefined;
}

function runningChannel(channel: ClientChannel, grouped: boolean): GroupedCommand {
  let code = 255;
  const split = grouped ? groupIdSplitter() : undefined;
  let stdout: Readable = channel;
  if (split !== undefined) {
    const out = new Readable({ read: () => undefined });
    channel.on('data', (chunk: Buffer) => {
      const rest = split.feed(chunk);
      if (rest.length > 0) out.push(rest);
    });
    channel.once('close', () => out.push(null));
    stdout = out;
  }
  return {
    stdin: channel,
    stdout,
    stderr: channel.stderr,
    pgid: () => split?.pgid,
    done: new Promise<number>((resolve) => {
      channel.on('exit', (c: number | null) => {
        if (typeof c === 'number') code = c;
      });
      // after the output pushed above was delivered (a push may be delivered on the next tick)
      channel.once('close', () => setImmediate(() => resolve(code)));
    }),
    kill: () => {
      // OpenSSH delivers signals to the session's process (sudo relays TERM to its command); then close
      sendSignal(channel, 'TERM');
      try {
        channel.close();
      } catch {
        // the channel is already gone
      }
    },
  };
}

/** The parts of ssh2's channel that carry a signal request (not in its typings). */
interface SignalableChannel {
  readonly outgoing?: { readonly id: number; readonly state: string };
  readonly _client?: { readonly _protocol?: { signal(id: number, signal: string): void } };
}

/**
 * ssh2's channel.signal() sends nothing once our side sent EOF (it checks `writable`), yet RFC 4254 allows
 * requests after EOF and sshd acts on them; every command here has its stdin closed, so the request goes to the
 * protocol layer directly.
 */
function sendSignal(channel: ClientChannel, signal: string): void {
  const c = channel as unknown as SignalableChannel;
  try {
    // after our EOF the state is 'eof': the channel is still open for requests
    if (c.outgoing?.state === 'open' || c.outgoing?.state === 'eof') c._client?._protocol?.signal(c.outgoing.id, signal);
  } catch {
    // the connection is already gone: nothing left to signal
  }
}

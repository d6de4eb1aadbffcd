// A run's side of the connection keeper: one unix socket to it, and a Transport per host whose commands the
// keeper runs on the connection it holds. Starts the keeper when none answers.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { UnreachableError, errorMessage } from '../../core/errors.js';
import type { ConnectionSpec } from '../connection-spec.js';
import type { DeferredStdin, ExecOptions, ExecResult, Transport } from '../transport.js';
import { attach, encode, FrameReader, fromWireError, toWireSpec, type KeptConnection, type Reply, type Request, type WireExecOptions } from './wire.js';

/** Where the keeper's socket lives: KPLAY_CONTROL_DIR, else ~/.kplay/cp (as Ansible's ~/.ansible/cp). */
export function controlDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KPLAY_CONTROL_DIR ?? join(homedir(), '.kplay', 'cp');
}

export const keeperSocket = (dir: string): string => join(dir, 'keeper.sock');

interface Pending {
  readonly resolve: (r: Reply) => void;
  readonly reject: (e: Error) => void;
  readonly ask?: DeferredStdin['write'] | undefined;
  /** the deferred stdin could not be computed: the exec fails with this once the keeper answers */
  failure?: Error | undefined;
}

export class KeeperClient {
  readonly #sock: Socket;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #gone: Error | undefined;

  private constructor(sock: Socket) {
    this.#sock = sock;
    const reader = new FrameReader();
    sock.on('data', (chunk: Buffer) => {
      for (const m of reader.push(chunk)) this.#receive(m as Reply);
    });
    sock.on('error', () => undefined);
    sock.on('close', () => {
      this.#gone = new UnreachableError('the connection keeper went away (its connections with it)');
      for (const p of this.#pending.values()) p.reject(this.#gone);
      this.#pending.clear();
    });
  }

  /** The keeper at `dir` when one answers; never starts one. */
  static async attach(dir: string): Promise<KeeperClient | undefined> {
    const sock = await attach(keeperSocket(dir));
    return sock ? new KeeperClient(sock) : undefined;
  }

  /** Reach the keeper at `dir`, starting it (with `start`) when none answers; undefined when it cannot be had. */
  static async reach(dir: string, start: (socketPath: string) => void): Promise<KeeperClient | undefined> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const first = await KeeperClient.attach(dir);
    if (first) return first;
    start(keeperSocket(dir));
    for (let waited = 0; waited < 3000; waited += 25) {
      await new Promise((r) => setTimeout(r, 25));
      const started = await KeeperClient.attach(dir);
      if (started) return started;
    }
    return undefined;
  }

  #receive(m: Reply): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    if (m.t === 'stdin?') {
      // the command printed what its deferred stdin waits for: compute the bytes here, where the plan lives
      Promise.resolve()
        .then(() => p.ask?.(m.stdout, m.stderr) ?? '')
        .then(
          (data) => this.#send({ t: 'stdin', id: m.id, data }),
          (e: unknown) => {
            p.failure = e instanceof Error ? e : new Error(errorMessage(e));
            this.#send({ t: 'stdin', id: m.id, data: '' });
          },
        );
      return;
    }
    this.#pending.delete(m.id);
    if (p.failure) p.reject(p.failure);
    else if (m.t === 'error') p.reject(fromWireError(m.error));
    else p.resolve(m);
  }

  #send(m: Request): void {
    if (!this.#sock.destroyed) this.#sock.write(encode(m));
  }

  request(make: (id: number) => Request, ask?: DeferredStdin['write']): Promise<Reply> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, ask });
      this.#send(make(id));
    });
  }

  /** The host's connection, held by the keeper: reused when it holds one that is alive, else opened there. */
  async open(spec: ConnectionSpec, warn?: (msg: string) => void): Promise<Transport> {
    const r = await this.request((id) => ({ t: 'open', id, spec: toWireSpec(spec) }));
    if (r.t !== 'opened') throw new Error(`keeper: unexpected reply ${r.t}`);
    for (const w of r.warnings ?? []) warn?.(w);
    return new KeptTransport(this, spec.host, r.handle);
  }

  async list(): Promise<readonly KeptConnection[]> {
    const r = await this.request((id) => ({ t: 'list', id }));
    return r.t === 'list' ? r.connections : [];
  }

  async stop(): Promise<void> {
    await this.request((id) => ({ t: 'stop', id })).catch(() => undefined);
  }

  close(): void {
    this.#sock.end();
  }
}

/** A host's transport through the keeper: the same commands and results, on a connection the keeper holds. */
class KeptTransport implements Transport {
  constructor(
    private readonly keeper: KeeperClient,
    readonly host: string,
    private readonly handle: number,
  ) {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const { stdin } = options;
    const bytes = typeof stdin === 'string' ? Buffer.from(stdin) : Buffer.isBuffer(stdin) ? stdin : undefined;
    const deferred = stdin !== undefined && bytes === undefined ? (stdin as DeferredStdin) : undefined;
    const wire: WireExecOptions = {
      env: options.env,
      timeoutMs: options.timeoutMs,
      become: options.become === undefined ? undefined : { user: options.become.user, password: options.become.password?.reveal() },
      stdin: deferred ? { after: deferred.after } : bytes?.toString('base64'),
    };
    const r = await this.keeper.request((id) => ({ t: 'exec', id, handle: this.handle, command, options: wire }), deferred?.write);
    if (r.t !== 'result') throw new Error(`keeper: unexpected reply ${r.t}`);
    return r.result;
  }

  async put(path: string, content: Buffer, mode?: number): Promise<void> {
    await this.keeper.request((id) => ({ t: 'put', id, handle: this.handle, path, content: content.toString('base64'), mode }));
  }

  async get(path: string): Promise<Buffer> {
    const r = await this.keeper.request((id) => ({ t: 'get', id, handle: this.handle, path }));
    if (r.t !== 'data') throw new Error(`keeper: unexpected reply ${r.t}`);
    return Buffer.from(r.content, 'base64');
  }

  /** The run is done with the host: the keeper keeps the connection for the next run. */
  async close(): Promise<void> {
    await this.keeper.request((id) => ({ t: 'release', id, handle: this.handle })).catch(() => undefined);
  }
}

/** Start a keeper in the background (detached: it outlives this run) with `kplay connections serve`. */
export function startKeeper(kplayEntry: string, socketPath: string, persistSeconds: number): void {
  const child = spawn(process.execPath, [kplayEntry, 'connections', 'serve', '--socket', socketPath, '--persist', String(persistSeconds)], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => undefined);
  child.unref();
}

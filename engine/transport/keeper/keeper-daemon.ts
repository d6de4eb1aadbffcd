// The connection keeper: a background process that holds the SSH connections of runs for a while after they
// end, so the next run on the same hosts skips the handshakes (what OpenSSH's ControlPersist does for Ansible).
// Runs reach it over a unix socket in a directory only the user can enter; it exits when it holds nothing.
import { createHash } from 'node:crypto';
import { chmod, stat, unlink } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { Secret } from '../../core/secret.js';
import { SshTransport } from '../ssh-transport.js';
import type { ExecOptions } from '../transport.js';
import { attach, encode, FrameReader, fromWireSpec, toWireError, type KeptConnection, type Reply, type Request, type WireExecOptions, type WireSpec } from './wire.js';
import { TransportCaches } from '../transport-caches.js';

interface Entry {
  readonly key: string;
  readonly spec: WireSpec;
  readonly transport: Promise<SshTransport>;
  inUse: number;
  lastUsed: number;
  reused: number;
  /** what opening the connection warned of (said to each run that gets it) */
  readonly warnings: readonly string[];
}

const SWEEP_MS = 1000;

/**
 * Start serving: true once listening (the process then lives until nothing was held for `persistMs`, or a
 * `stop`), false when another keeper already serves on this socket.
 */
export async function serveKeeper(socketPath: string, persistMs: number): Promise<boolean> {
  const pool = new Map<string, Entry>();
  // its connections share known_hosts and key files read once, for as long as this keeper lives
  const caches = new TransportCaches();
  const clients = new Set<Socket>();
  let quietSince = Date.now();
  const server = createServer((sock) => serveClient(sock));
  if (!(await listen(server, socketPath))) return false;
  await chmod(socketPath, 0o600);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      clearInterval(sweeper);
      server.close();
      for (const c of clients) c.destroy();
      await Promise.allSettled([...pool.values()].map(async (e) => (await e.transport).close()));
      pool.clear();
      await unlink(socketPath).catch(() => undefined);
    })();
    return stopping;
  };
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const e of pool.values()) {
      if (e.inUse === 0 && now - e.lastUsed >= persistMs) evict(e);
    }
    if (pool.size > 0 || clients.size > 0) quietSince = now;
    else if (now - quietSince >= persistMs) void stop().then(() => process.exit(0));
  }, SWEEP_MS);
  return true;

  function evict(e: Entry): void {
    if (pool.get(e.key) === e) pool.delete(e.key);
    e.transport.then((t) => t.close(), () => undefined).catch(() => undefined);
  }

  async function acquire(spec: WireSpec): Promise<Entry> {
    const key = await keyOf(spec);
    const held = pool.get(key);
    if (held) {
      const t = await held.transport.catch(() => undefined);
      if (t?.alive === true && pool.get(key) === held) {
        held.reused += 1;
        return held;
      }
      evict(held);
    }
    // what opening it said (a changed host key) is said again to every run that uses it
    const warnings: string[] = [];
    const entry: Entry = { key, spec, transport: SshTransport.open(fromWireSpec(spec), { warn: (w) => warnings.push(w), caches }), inUse: 0, lastUsed: Date.now(), reused: 0, warnings };
    pool.set(key, entry);
    try {
      await entry.transport;
    } catch (e) {
      if (pool.get(key) === entry) pool.delete(key);
      throw e;
    }
    return entry;
  }

  function serveClient(sock: Socket): void {
    clients.add(sock);
    const reader = new FrameReader();
    const handles = new Map<number, Entry>();
    /** execs in flight: their entry, and the resolver of a deferred stdin the client is asked for */
    const running = new Map<number, { entry: Entry; stdin?: (data: string) => void }>();
    let nextHandle = 1;
    const send = (r: Reply): void => {
      if (!sock.destroyed) sock.write(encode(r));
    };
    const fail = (id: number, e: unknown): void => send({ t: 'error', id, error: toWireError(e) });
    const entryOf = (handle: number): Entry => {
      const e = handles.get(handle);
      if (!e) throw new Error(`no connection with handle ${handle}`);
      e.lastUsed = Date.now();
      return e;
    };

    const handle = (m: Request): void => {
      switch (m.t) {
        case 'open':
          acquire(m.spec).then((entry) => {
            entry.inUse += 1;
            const h = nextHandle++;
            handles.set(h, entry);
            send({ t: 'opened', id: m.id, handle: h, ...(entry.warnings.length > 0 ? { warnings: entry.warnings } : {}) });
          }, (e: unknown) => fail(m.id, e));
          return;
        case 'exec': {
          const entry = entryOf(m.handle);
          const job: { entry: Entry; stdin?: (data: string) => void } = { entry };
          running.set(m.id, job);
          entry.transport
            .then((t) => t.exec(m.command, execOptions(m.options, (stdout, stderr) => new Promise<string>((resolve) => {
              job.stdin = resolve;
              send({ t: 'stdin?', id: m.id, stdout, stderr });
            }))))
            .then((result) => send({ t: 'result', id: m.id, result }), (e: unknown) => fail(m.id, e))
            .finally(() => {
              running.delete(m.id);
              entry.lastUsed = Date.now();
            });
          return;
        }
        case 'stdin':
          running.get(m.id)?.stdin?.(m.data);
          return;
        case 'put':
          entryOf(m.handle).transport.then((t) => t.put(m.path, Buffer.from(m.content, 'base64'), m.mode)).then(() => send({ t: 'done', id: m.id }), (e: unknown) => fail(m.id, e));
          return;
        case 'get':
          entryOf(m.handle).transport.then((t) => t.get(m.path)).then((data) => send({ t: 'data', id: m.id, content: data.toString('base64') }), (e: unknown) => fail(m.id, e));
          return;
        case 'release': {
          const e = handles.get(m.handle);
          if (e) {
            handles.delete(m.handle);
            e.inUse -= 1;
            e.lastUsed = Date.now();
          }
          send({ t: 'done', id: m.id });
          return;
        }
        case 'list':
          send({ t: 'list', id: m.id, connections: [...pool.values()].map(describe) });
          return;
        case 'stop':
          void stop().then(() => process.exit(0));
          return;
      }
    };

    sock.on('data', (chunk: Buffer) => {
      for (const m of reader.push(chunk)) {
        try {
          handle(m as Request);
        } catch (e) {
          fail((m as Request).id, e);
        }
      }
    });
    sock.on('error', () => undefined);
    sock.on('close', () => {
      clients.delete(sock);
      for (const e of handles.values()) {
        e.inUse -= 1;
        e.lastUsed = Date.now();
      }
      // the run went away mid-command (interrupted): stop what it left running, as closing its connection would
      for (const job of running.values()) {
        job.stdin?.('');
        evict(job.entry);
      }
    });
  }
}

function describe(e: Entry): KeptConnection {
  return { host: e.spec.host, address: e.spec.address, port: e.spec.port, user: e.spec.user, inUse: e.inUse, idleMs: Date.now() - e.lastUsed, reused: e.reused };
}

function execOptions(o: WireExecOptions, ask: (stdout: string, stderr: string) => Promise<string>): ExecOptions {
  const become = o.become === undefined ? undefined : { user: o.become.user, password: o.become.password === undefined ? undefined : new Secret(o.become.password) };
  const stdin = o.stdin === undefined ? undefined : typeof o.stdin === 'string' ? Buffer.from(o.stdin, 'base64') : { after: o.stdin.after, write: ask };
  return { env: o.env, become, timeoutMs: o.timeoutMs, stdin };
}

/**
 * Runs share a connection only when they would open the same one: same spec (the same password too: a run with
 * another password, or none, never gets a connection another password opened), and the same known_hosts and key
 * files as they are now (an edited known_hosts or a new key means a new connection, checked anew).
 */
async function keyOf(spec: WireSpec): Promise<string> {
  const stamps = await Promise.all(
    [...spec.knownHostsFiles, ...spec.identityFiles].map(async (f) => {
      const st = await stat(f).catch(() => undefined);
      return st ? `${f}:${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}` : `${f}:-`;
    }),
  );
  // the secrets enter the key as hashes only: the key is kept in memory beside what `connections list` shows
  const { keyPassphrase, password, ...rest } = spec;
  const hashed = (text: string | undefined): string => (text === undefined ? '' : createHash('sha256').update(text).digest('hex'));
  return createHash('sha256').update(JSON.stringify([rest, hashed(keyPassphrase), hashed(password), stamps])).digest('hex');
}

/** Listen on the socket; a stale socket file (its keeper died) is replaced, a live one means: not needed. */
async function listen(server: Server, path: string): Promise<boolean> {
  const attempt = () =>
    new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once('error', (e: NodeJS.ErrnoException) => resolve(e));
      server.listen(path, () => resolve(undefined));
    });
  const first = await attempt();
  if (first === undefined) return true;
  if (first.code !== 'EADDRINUSE') throw first;
  const live = await attach(path);
  if (live) {
    live.destroy();
    return false;
  }
  await unlink(path).catch(() => undefined);
  const second = await attempt();
  if (second === undefined) return true;
  if (second.code === 'EADDRINUSE') return false;
  throw second;
}

// One connection per host for the whole run: opened on first use, shared by every task, closed at the end (or,
// with a keeper, handed back to it for the next run).
import { setMaxListeners } from 'node:events';
import { KplayError } from '../core/errors.js';
import type { InheritableKeywords, Vars } from '../playbook/model.js';
import { KeeperClient } from '../transport/keeper/keeper-client.js';
import { connectionSpecFor, defaultEnvironment, openTransport, TransportCaches } from '../transport/index.js';
import { connectionKey } from './connection-vars.js';
import type { Transport } from '../transport/transport.js';
import type { HostRun } from './host.js';
import type { CliConnection, KeeperSettings } from './options.js';

/** The keywords that choose a connection: remote_user, port and connection, of the task (or play) in effect. */
export type ConnectionKeywords = Pick<InheritableKeywords, 'remoteUser' | 'port' | 'connection'>;

/**
 * What the keywords still decide for this host: a host's variables rank above them (ansible_user, ansible_port,
 * ansible_connection), and `localhost` without an address stays local, as Ansible's implicit localhost. The port
 * keyword in turn ranks above `-o Port` and ssh_config (Ansible passes it as the first `-o Port=`, and OpenSSH keeps
 * the first value it reads).
 */
export function keywordsFor(host: string, vars: Vars, k: ConnectionKeywords): ConnectionKeywords {
  const namesUser = typeof vars.ansible_user === 'string' || typeof vars.ansible_ssh_user === 'string';
  const namesPort = vars.ansible_port !== undefined || vars.ansible_ssh_port !== undefined;
  const localhost = host === 'localhost' && vars.ansible_host === undefined;
  return {
    remoteUser: namesUser ? undefined : k.remoteUser,
    port: namesPort ? undefined : k.port,
    connection: vars.ansible_connection !== undefined || localhost ? undefined : k.connection,
  };
}

export class ConnectionPool {
  private readonly open = new Set<Promise<Transport>>();
  /** what this run's connections share: ssh_config, known_hosts and key files, each read once */
  readonly #caches = new TransportCaches();
  private keeperClient: Promise<KeeperClient | undefined> | undefined;
  /** aborted by an interrupted run: handshakes under way stop at once */
  private readonly abort = ConnectionPool.#controller();

  /** one listener per connection (and per handshake) on its signal: no leak warning at 200 hosts */
  static #controller(): AbortController {
    const c = new AbortController();
    setMaxListeners(0, c.signal);
    return c;
  }

  constructor(
    private readonly cli: CliConnection & { user?: string | undefined; privateKey?: string | undefined },
    /** -vvv: SSH-level trace lines of a host */
    private readonly trace?: ((host: string, line: string) => void) | undefined,
    private readonly keeperSettings?: KeeperSettings | undefined,
    /** warnings for the user (a changed host key, an ssh option kplay does not use); each text once per run */
    private readonly warn?: ((msg: string) => void) | undefined,
  ) {}

  private readonly warned = new Set<string>();

  #warnOnce(msg: string): void {
    if (this.warned.has(msg)) return;
    this.warned.add(msg);
    this.warn?.(msg);
  }

  /**
   * One connection per host and what its connection variables (connection-vars.ts: picked from the task's
   * variables and rendered) and the keywords decide for it: usually one per host for the whole run.
   */
  connect(host: HostRun, hostVars: Vars, keywords: ConnectionKeywords = {}): Promise<Transport> {
    const chosen = keywordsFor(host.name, hostVars, keywords);
    const key = `${chosen.connection ?? ''}\u0000${chosen.remoteUser ?? ''}\u0000${chosen.port ?? ''}\u0000${connectionKey(hostVars)}`;
    const vars = chosen.connection === undefined ? hostVars : { ...hostVars, ansible_connection: chosen.connection };
    const existing = host.transports.get(key);
    if (existing) return existing;
    // a bad connection variable (ansible_port=abc) fails this host like any connection problem
    const trace = this.trace;
    const warn = (msg: string): void => this.#warnOnce(`${host.name}: ${msg}`);
    const options = { abort: this.abort.signal, warn, caches: this.#caches, ...(trace ? { debug: (line: string) => trace(host.name, line) } : {}) };
    const opening = this.#abortable(
      Promise.resolve().then(async () => {
        const spec = connectionSpecFor(host.name, vars, { ...this.cli, user: chosen.remoteUser ?? this.cli.user, port: chosen.port }, { ...defaultEnvironment(), sshConfigs: this.#caches.sshConfigs });
        // the SSH trace of -vvv is of this process's own connections: with it, no keeper
        const keeper = spec.connection === 'ssh' && trace === undefined ? await this.#keeper() : undefined;
        for (const w of spec.warnings ?? []) this.#warnOnce(w);
        return keeper ? keeper.open(spec, warn) : openTransport(spec, options);
      }),
    );
    host.transports.set(key, opening);
    this.open.add(opening);
    // a failed connection is the host's problem, reported by the task that needed it; it is forgotten, so a later
    // task delegated to this host tries again (as Ansible does), while the tasks waiting on it now share its failure
    opening.catch(() => {
      this.open.delete(opening);
      if (host.transports.get(key) === opening) host.transports.delete(key);
    });
    return opening;
  }

  /**
   * An opening that fails at once with the interrupt's reason, whatever it waits for (a handshake slot, a retry's
   * back-off, the keeper); a connection that still comes up after that is closed.
   */
  #abortable(opening: Promise<Transport>): Promise<Transport> {
    const signal = this.abort.signal;
    const aborted = new Promise<never>((_, reject) => {
      const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('interrupted'));
      if (signal.aborted) fail();
      else signal.addEventListener('abort', fail, { once: true });
    });
    aborted.catch(() => undefined);
    opening.then(
      (t) => {
        if (signal.aborted) void t.close(signal.reason instanceof KplayError ? signal.reason : undefined);
      },
      () => undefined,
    );
    return Promise.race([opening, aborted]);
  }

  /** The keeper, reached (or started) once per run; without one (it could not start), connections are direct. */
  #keeper(): Promise<KeeperClient | undefined> {
    const settings = this.keeperSettings;
    if (settings === undefined) return Promise.resolve(undefined);
    this.keeperClient ??= KeeperClient.reach(settings.dir, settings.start).catch(() => undefined);
    return this.keeperClient;
  }

  /**
   * After the host restarted (reboot): every connection to it is closed and forgotten, and a new one is opened as
   * connect() opens it, for this task and the ones after it.
   */
  async reconnect(host: HostRun, hostVars: Vars, keywords: ConnectionKeywords = {}): Promise<Transport> {
    const old = [...host.transports.values()];
    host.transports.clear();
    for (const t of old) this.open.delete(t);
    await Promise.allSettled(old.map(async (p) => (await p).close()));
    return this.connect(host, hostVars, keywords);
  }

  /** Close every connection; `why` (an interrupted run) fails the commands running and ends them on the hosts. */
  async closeAll(why?: KplayError): Promise<void> {
    if (why !== undefined) this.abort.abort(why);
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close(why)));
    (await this.keeperClient)?.close();
  }
}

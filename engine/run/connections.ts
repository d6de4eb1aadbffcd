// One connection per host for the whole run: opened on first use, shared by every task, closed at the end (or,
// with a keeper, handed back to it for the next run).
import type { InheritableKeywords, Vars } from '../playbook/model.js';
import { KeeperClient } from '../transport/keeper/keeper-client.js';
import { connectionSpecFor, openTransport } from '../transport/index.js';
import type { Transport } from '../transport/transport.js';
import type { HostRun } from './host.js';
import type { CliConnection, KeeperSettings } from './options.js';

/** A host's connection variables: from the inventory, set_fact/register, and -e (which beats everything). */
export function connectionVarsOf(host: HostRun, extraVars: Vars): Vars {
  return { ...host.inventoryVars, ...host.runtimeVars, ...extraVars };
}

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
  private keeperClient: Promise<KeeperClient | undefined> | undefined;

  constructor(
    private readonly cli: CliConnection & { user?: string | undefined; privateKey?: string | undefined },
    private readonly extraVars: Vars,
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

  /** One connection per host and what the keywords decide for it (usually one per host for the whole run). */
  connect(host: HostRun, keywords: ConnectionKeywords = {}): Promise<Transport> {
    const hostVars = connectionVarsOf(host, this.extraVars);
    const chosen = keywordsFor(host.name, hostVars, keywords);
    const key = `${chosen.connection ?? ''}\u0000${chosen.remoteUser ?? ''}\u0000${chosen.port ?? ''}`;
    const vars = chosen.connection === undefined ? hostVars : { ...hostVars, ansible_connection: chosen.connection };
    const existing = host.transports.get(key);
    if (existing) return existing;
    // a bad connection variable (ansible_port=abc) fails this host like any connection problem
    const trace = this.trace;
    const warn = (msg: string): void => this.#warnOnce(`${host.name}: ${msg}`);
    const options = { warn, ...(trace ? { debug: (line: string) => trace(host.name, line) } : {}) };
    const opening = Promise.resolve().then(async () => {
      const spec = connectionSpecFor(host.name, vars, { ...this.cli, user: chosen.remoteUser ?? this.cli.user, port: chosen.port });
      // the SSH trace of -vvv is of this process's own connections: with it, no keeper
      const keeper = spec.connection === 'ssh' && trace === undefined ? await this.#keeper() : undefined;
      for (const w of spec.warnings ?? []) this.#warnOnce(w);
      return keeper ? keeper.open(spec, warn) : openTransport(spec, options);
    });
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

  /** The keeper, reached (or started) once per run; without one (it could not start), connections are direct. */
  #keeper(): Promise<KeeperClient | undefined> {
    const settings = this.keeperSettings;
    if (settings === undefined) return Promise.resolve(undefined);
    this.keeperClient ??= KeeperClient.reach(settings.dir, settings.start).catch(() => undefined);
    return this.keeperClient;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
    (await this.keeperClient)?.close();
  }
}

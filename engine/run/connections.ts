// One connection per host for the whole run: opened on first use, shared by every task, closed at the end.
import type { Vars } from '../playbook/model.js';
import { connectionSpecFor, openTransport } from '../transport/index.js';
import type { Transport } from '../transport/transport.js';
import type { HostRun } from './host.js';

export class ConnectionPool {
  private readonly open = new Set<Promise<Transport>>();

  constructor(
    private readonly cli: { user?: string | undefined; privateKey?: string | undefined },
    private readonly extraVars: Vars,
    /** -vvv: SSH-level trace lines of a host */
    private readonly trace?: ((host: string, line: string) => void) | undefined,
  ) {}

  connect(host: HostRun): Promise<Transport> {
    if (host.transport) return host.transport;
    // connection variables from the inventory (and -e, which beats everything)
    const vars = { ...host.inventoryVars, ...host.runtimeVars, ...this.extraVars };
    // a bad connection variable (ansible_port=abc) fails this host like any connection problem
    const trace = this.trace;
    const options = trace ? { debug: (line: string) => trace(host.name, line) } : {};
    const opening = Promise.resolve().then(() => openTransport(connectionSpecFor(host.name, vars, { user: this.cli.user, privateKey: this.cli.privateKey }), options));
    host.transport = opening;
    this.open.add(opening);
    // a failed connection is the host's problem, reported by the task that needed it
    opening.catch(() => this.open.delete(opening));
    return opening;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }
}

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
  ) {}

  connect(host: HostRun): Promise<Transport> {
    if (!host.transport) {
      // connection variables from the inventory (and -e, which beats everything)
      const vars = { ...host.inventoryVars, ...host.runtimeVars, ...this.extraVars };
      host.transport = openTransport(connectionSpecFor(host.name, vars, { user: this.cli.user, privateKey: this.cli.privateKey }));
      this.open.add(host.transport);
      // a failed connection is the host's problem, reported by the task that needed it
      host.transport.catch(() => this.open.delete(host.transport as Promise<Transport>));
    }
    return host.transport;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open];
    this.open.clear();
    await Promise.allSettled(all.map(async (p) => (await p).close()));
  }
}

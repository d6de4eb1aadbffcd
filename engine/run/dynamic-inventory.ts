// add_host and group_by: the run's inventory grows while it runs. Later plays target the new hosts and groups,
// `groups` and group_names show them, and the hosts concerned see their new variables (group_vars/ included).
import type { ModuleOutcome } from './module-call.js';
import type { RunContext } from './context.js';
import type { HostRun } from './host.js';

type Data = Readonly<Record<string, unknown>>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Apply the change a module's result asks for; the outcome is changed exactly when the inventory changed. */
export function applyInventoryChange(run: RunContext, host: HostRun, outcome: ModuleOutcome): ModuleOutcome {
  if (outcome.status !== 'ok' && outcome.status !== 'changed') return outcome;
  const change = changeOf(run, host, outcome.data);
  if (change === undefined) return outcome;
  const { changed, touched } = change;
  if (changed) {
    run.groups = run.inventory.groupsMap();
    for (const name of touched) {
      const h = run.hosts.get(name);
      if (h !== undefined) h.inventoryVars = run.inventory.hostVars(name);
    }
  }
  return { ...outcome, status: changed ? 'changed' : 'ok' };
}

/** Ask the inventory for the change; which hosts' variables it may have touched. Undefined: the result asks none. */
function changeOf(run: RunContext, host: HostRun, data: Data): { changed: boolean; touched: readonly string[] } | undefined {
  const { add_host: addHost, add_group: addGroup } = data;
  if (isRecord(addHost) && typeof addHost.host_name === 'string') {
    const vars = isRecord(addHost.host_vars) ? { ...addHost.host_vars } : {};
    return { changed: run.inventory.addDynamicHost(addHost.host_name, strings(addHost.groups), vars), touched: [addHost.host_name] };
  }
  if (typeof addGroup !== 'string') return undefined;
  const changed = run.inventory.addDynamicGroup(host.name, addGroup, strings(data.parent_groups));
  // a group newly under a parent gives all its hosts the parent's variables
  return { changed, touched: run.inventory.select(addGroup) };
}

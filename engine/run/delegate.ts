// delegate_to: the task stays the current host's (its variables, register, counts in the recap) but runs over the
// connection of another host, with that host's connection variables, become settings and facts, as in Ansible.
import { KplayError } from '../core/errors.js';
import type { Inventory } from '../inventory/index.js';
import type { Task, Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { taskVars } from './task-vars.js';

export interface Delegation {
  /** the name delegate_to gave */
  readonly name: string;
  /** the host whose connection and facts run the module */
  readonly host: HostRun;
  /** its variables as the task sees them there: become and the remote user come from these */
  readonly vars: Vars;
  /** what the output shows after `->` (undefined: delegated to the host itself, shown without arrow) */
  readonly label: string | undefined;
}

/**
 * The delegate of one run of a task on a host (one loop item: delegate_to may name the item), or undefined when
 * the task is not delegated. Ansible shows `h1 -> h2`, and `h1 -> h2(10.0.0.2)` when h2's ansible_host differs.
 */
export function delegationFor(task: Task, host: HostRun, scope: PlayScope, vars: Vars, where: TemplateWhere): Delegation | undefined {
  if (task.delegateTo === undefined) return undefined;
  const name: unknown = render(task.delegateTo, vars, where);
  if (typeof name !== 'string' || name.trim() === '') {
    throw new KplayError('input', `delegate_to must name a host, got ${JSON.stringify(name) ?? 'nothing'}`, { loc: task.loc });
  }
  const target = scope.run.delegateHost(name);
  // the delegate's own variables (its inventory, the play's, the task's), without the current host's loop items
  const targetVars = target === host ? vars : taskVars(target, { ...scope, hostItemVars: undefined }, task);
  const address = render(targetVars.ansible_host, targetVars, where);
  const shownAddress = typeof address === 'string' && address !== name ? `(${address})` : '';
  return { name, host: target, vars: targetVars, label: name === host.name ? undefined : `${name}${shownAddress}` };
}

/**
 * Ansible adds the connection's address as `ansible_host` to the variables of a task that has none, so in a
 * delegated task `{{ ansible_host }}` is the delegate's address unless the current host sets its own.
 */
export function addDelegateAddress(vars: Vars, d: Delegation): void {
  if ('ansible_host' in vars) return;
  const address = d.vars.ansible_host;
  vars.ansible_host = typeof address === 'string' ? address : d.name;
}

/**
 * Which inventory host a delegate_to name means, as Ansible's variable manager finds it: the host of that name
 * (a localhost name not in the inventory is the implicit localhost, with a local connection), else the host
 * whose ansible_host is that address; undefined: a bare name, reached as it is.
 */
export function inventoryHostFor(inventory: Inventory, name: string): string | undefined {
  if (inventory.hasHost(name)) return name;
  return inventory.hostNames().find((h) => inventory.hostVars(h).ansible_host === name);
}

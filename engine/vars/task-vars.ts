// The variables a task sees on one host: every source layered by precedence, plus the magic variables.
import type { Vars } from '../playbook/model.js';
import { layeredVars } from './layers.js';

/**
 * The sources of a task's variables. Precedence, lowest first (a subset of Ansible's 22 levels, same order;
 * docs/variables.md):
 *   1. role defaults (roles/x/defaults/main.yml)
 *   2. inventory vars, as the inventory resolved them for the host (`hostVars(host)`: group vars from all, then
 *      parents, then children; host vars; group_vars/ and host_vars/ files beside the inventory)
 *   3. facts (ansible_facts.* and ansible_* as Ansible injects them)
 *   4. play vars
 *   5. play vars_files (later files win)
 *   6. role vars (roles/x/vars/main.yml)
 *   7. block vars (outer block first, inner wins)
 *   8. task vars
 *   9. set_fact and register
 *  10. extra vars (-e), which always win
 * and above them the magic variables (inventory_hostname, groups, hostvars, ...), which Ansible also sets last.
 * Top-level names replace each other (Ansible's hash_behaviour=replace): a dict is never merged across layers.
 */
export interface VarLayers {
  readonly roleDefaults?: Vars | readonly Vars[];
  readonly inventory?: Vars;
  /** vars derived from facts (see factVars) */
  readonly facts?: Vars;
  readonly play?: Vars;
  readonly varsFiles?: readonly Vars[];
  readonly roleVars?: Vars | readonly Vars[];
  /** outermost block first */
  readonly blocks?: readonly Vars[];
  readonly task?: Vars;
  /** set_fact and register results */
  readonly runtime?: Vars;
  readonly extra?: Vars;
  readonly magic: MagicVars;
}

export interface MagicVars {
  readonly inventoryHostname: string;
  /** group name -> member host names, including all and ungrouped */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** every host's variables, e.g. from hostvarsView (computed when read) */
  readonly hostvars: Vars;
  /** the play's hosts that have not failed */
  readonly playHosts: readonly string[];
  /** the play's hosts, failed or not */
  readonly playHostsAll?: readonly string[];
  /** the hosts of the current serial batch */
  readonly playBatch: readonly string[];
  readonly checkMode: boolean;
  readonly diffMode?: boolean;
  readonly playbookDir: string;
  /** the role's directory, when the task comes from a role */
  readonly rolePath?: string | undefined;
  readonly roleName?: string | undefined;
}

function many(v: Vars | readonly Vars[] | undefined): readonly Vars[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly Vars[]) : [v as Vars];
}

/** group_names: the host's groups except all and ungrouped, sorted as Ansible sorts them. */
export function groupNames(host: string, groups: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(groups)
    .filter(([g, members]) => g !== 'all' && g !== 'ungrouped' && members.includes(host))
    .map(([g]) => g)
    .sort();
}

export function magicVars(m: MagicVars): Vars {
  const vars: Vars = {
    inventory_hostname: m.inventoryHostname,
    inventory_hostname_short: m.inventoryHostname.split('.')[0] ?? m.inventoryHostname,
    groups: m.groups,
    group_names: groupNames(m.inventoryHostname, m.groups),
    hostvars: m.hostvars,
    ansible_play_hosts: m.playHosts,
    ansible_play_hosts_all: m.playHostsAll ?? m.playHosts,
    play_hosts: m.playHosts,
    ansible_play_batch: m.playBatch,
    ansible_check_mode: m.checkMode,
    ansible_diff_mode: m.diffMode ?? false,
    playbook_dir: m.playbookDir,
  };
  if (m.rolePath !== undefined) vars.role_path = m.rolePath;
  if (m.roleName !== undefined) vars.role_name = m.roleName;
  return vars;
}

/** The task's variables: a layered view (no copy of any layer), cheap for 500 hosts x many tasks. */
export function buildTaskVars(layers: VarLayers): Vars {
  return layeredVars([
    ...many(layers.roleDefaults),
    layers.inventory,
    layers.facts,
    layers.play,
    ...(layers.varsFiles ?? []),
    ...many(layers.roleVars),
    ...(layers.blocks ?? []),
    layers.task,
    layers.runtime,
    layers.extra,
    magicVars(layers.magic),
  ]);
}

/** Facts as Ansible injects them: all under ansible_facts, and each also as ansible_<name>. */
export function factVars(facts: Readonly<Record<string, unknown>>): Vars {
  const vars: Vars = { ansible_facts: facts };
  for (const [k, v] of Object.entries(facts)) vars[k.startsWith('ansible_') ? k : `ansible_${k}`] = v;
  return vars;
}

/** hostvars: one entry per host whose variables are computed only when a template reads them. */
export function hostvarsView(hosts: Iterable<string>, varsOf: (host: string) => Vars): Vars {
  const view: Vars = Object.create(null) as Vars;
  for (const name of hosts) {
    Object.defineProperty(view, name, { enumerable: true, get: () => varsOf(name) });
  }
  return view;
}

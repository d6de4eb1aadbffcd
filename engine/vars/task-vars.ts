// The variables a task sees on one host: every source layered by precedence, plus the magic variables.
import type { Vars } from '../playbook/model.js';

/**
 * The sources of a task's variables. Precedence, lowest first (a subset of Ansible's 22 levels, same order;
 * docs/variables.md's table is this list):
 *   1. role defaults (roles/x/defaults/main.yml): the play's roles, then those in scope, the task's own last
 *   2. inventory vars, as the inventory resolved them for the host (`hostVars(host)`: group vars from all, then
 *      parents, then children; host vars; group_vars/ and host_vars/ files beside the inventory)
 *   3. facts (ansible_facts.* and ansible_* as Ansible injects them)
 *   4. play vars, then vars_prompt answers (the runner adds them to the play's vars, where Ansible writes them)
 *   5. play vars_files (later files win)
 *   6. role vars (roles/x/vars/main.yml), in the same order as their defaults
 *   7. block vars (outer block first, inner wins)
 *   8. the loop variable of an enclosing include_tasks / include_role loop
 *   9. task vars
 *  10. include_vars results
 *  11. set_fact and register
 *  12. role params: the parameters of the roles: entries the task is in (outer role first)
 *  13. include params: the vars of the enclosing include_tasks / include_role (inner wins)
 *  14. extra vars (-e), which always win
 * and above them the magic variables (inventory_hostname, groups, hostvars, ...), which Ansible also sets last
 * (absent where there is no host yet: vars_prompt's templates, or one host's entry in hostvars).
 * Top-level names replace each other (Ansible's hash_behaviour=replace): a dict is never merged across layers.
 */
export interface VarLayers {
  readonly roleDefaults?: readonly Vars[];
  readonly inventory?: Vars;
  /** vars derived from facts (see factVars) */
  readonly facts?: Vars;
  readonly play?: Vars;
  readonly varsFiles?: readonly Vars[];
  readonly roleVars?: readonly Vars[];
  /** outermost block first */
  readonly blocks?: readonly Vars[];
  readonly includeItem?: Vars;
  readonly task?: Vars;
  readonly includeVars?: Vars;
  /** set_fact and register results */
  readonly runtime?: Vars;
  /** outermost role first */
  readonly roleParams?: readonly Vars[];
  /** outermost include first */
  readonly includeParams?: readonly Vars[];
  readonly extra?: Vars;
  readonly magic?: MagicVars | undefined;
}

export interface MagicVars {
  readonly inventoryHostname: string;
  /** group name -> member host names, including all and ungrouped */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** group_names when the caller has them already (they cost O(groups) to find); else found from `groups` */
  readonly groupNames?: readonly string[];
  /** every host's variables, e.g. from hostvarsView (computed when read) */
  readonly hostvars: Vars;
  /** the play's hosts that have not failed */
  readonly playHosts: readonly string[];
  /** the play's hosts, failed or not */
  readonly playHostsAll?: readonly string[];
  /** the hosts of the current serial batch that have not failed */
  readonly playBatch: readonly string[];
  readonly checkMode: boolean;
  readonly diffMode?: boolean;
  readonly playbookDir: string;
  /** the role's directory, when the task comes from a role */
  readonly rolePath?: string | undefined;
  readonly roleName?: string | undefined;
}

/** group_names: the host's groups except all and ungrouped, sorted as Ansible sorts them. */
export function groupNames(host: string, groups: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(groups)
    .filter(([g, members]) => g !== 'all' && g !== 'ungrouped' && members.includes(host))
    .map(([g]) => g)
    .sort();
}

/** The Ansible release whose behaviour kplay follows (Debian's ansible-core), which roles test to pick features. */
const ANSIBLE_VERSION = { full: '2.14.18', major: 2, minor: 14, revision: 18 } as const;

export function magicVars(m: MagicVars): Vars {
  const vars: Vars = {
    inventory_hostname: m.inventoryHostname,
    inventory_hostname_short: m.inventoryHostname.split('.')[0] ?? m.inventoryHostname,
    groups: m.groups,
    group_names: [...(m.groupNames ?? groupNames(m.inventoryHostname, m.groups))],
    hostvars: m.hostvars,
    ansible_play_hosts: m.playHosts,
    ansible_play_hosts_all: m.playHostsAll ?? m.playHosts,
    ansible_play_batch: m.playBatch,
    // Ansible's deprecated name for the batch, not for the play's hosts
    play_hosts: m.playBatch,
    ansible_check_mode: m.checkMode,
    ansible_diff_mode: m.diffMode ?? false,
    playbook_dir: m.playbookDir,
    ansible_version: { ...ANSIBLE_VERSION, string: ANSIBLE_VERSION.full },
  };
  if (m.rolePath !== undefined) vars.role_path = m.rolePath;
  if (m.roleName !== undefined) {
    // Ansible's Role.get_name(): the collection's name before the role's; a role from a roles path has none. Its
    // role_name is the role's own, and ansible_collection_name the collection's
    const collection = collectionOf(m.roleName, m.rolePath);
    vars.role_name = collection === undefined ? m.roleName : m.roleName.slice(collection.length + 1);
    vars.ansible_role_name = m.roleName;
    if (collection !== undefined) vars.ansible_collection_name = collection;
  }
  return vars;
}

/** `ns.coll` for a role named ns.coll.role that lives in a collection (…/ansible_collections/ns/coll/roles/role). */
function collectionOf(roleName: string, rolePath: string | undefined): string | undefined {
  const m = /\/ansible_collections\/([^/]+)\/([^/]+)\/roles\/([^/]+)\/?$/.exec(rolePath ?? '');
  if (m === null || roleName !== `${m[1]}.${m[2]}.${m[3]}`) return undefined;
  return `${m[1]}.${m[2]}`;
}

/**
 * The task's variables: one fresh object (no prototype, so a template cannot reach Object.prototype) that a
 * caller may change freely. The layers are copied, not viewed through: a host's layers are small, and every
 * lookup a template makes stays a plain property read.
 */
export function buildTaskVars(layers: VarLayers): Vars {
  const ordered: readonly (Vars | undefined)[] = [
    ...(layers.roleDefaults ?? []),
    layers.inventory,
    layers.facts,
    layers.play,
    ...(layers.varsFiles ?? []),
    ...(layers.roleVars ?? []),
    ...(layers.blocks ?? []),
    layers.includeItem,
    layers.task,
    layers.includeVars,
    layers.runtime,
    ...(layers.roleParams ?? []),
    ...(layers.includeParams ?? []),
    layers.extra,
    layers.magic === undefined ? undefined : magicVars(layers.magic),
  ];
  const vars = Object.create(null) as Vars;
  for (const layer of ordered) if (layer !== undefined) Object.assign(vars, layer);
  return vars;
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

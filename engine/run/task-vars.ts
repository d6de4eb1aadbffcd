// A task's variables on a host: the run's sources gathered into the layers that engine/vars ranks.
import type { Task, Vars } from '../playbook/model.js';
import { buildTaskVars, hostvarsView } from '../vars/index.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';
import { hostVarsFiles } from './host-vars-files.js';

export function taskVars(host: HostRun, scope: PlayScope, task: Pick<Task, 'vars' | 'baseDir' | 'role'>): Vars {
  const { play } = scope;
  if (play.hostVarsFiles === undefined) return layeredVars(host, scope, task, play.varsFiles);
  // the host's own vars files, named with what Ansible has at that point: role defaults, the host's inventory
  // variables and facts, the play's vars and the vars files before the entry
  const naming = (before: readonly Vars[]): Vars => {
    const vars = buildTaskVars({ roleDefaults: [play.roleDefaults], inventory: host.inventoryVars, facts: host.factVars, play: play.vars, varsFiles: before });
    vars.inventory_hostname = host.name;
    vars.group_names = groupNamesOf(scope.run, host.name);
    return vars;
  };
  return layeredVars(host, scope, task, hostVarsFiles(play, naming, Object.keys(host.factVars).length > 0));
}

function layeredVars(host: HostRun, scope: PlayScope, task: Pick<Task, 'vars' | 'baseDir' | 'role'>, varsFiles: readonly Vars[]): Vars {
  const { play, run } = scope;
  // the play's roles, then public include_roles, then the task's own roles (as Ansible: a task sees its role's above others')
  const roles = [...(scope.publicRoles ?? []), ...(scope.roleLayers ?? [])];
  const active = (h: string): boolean => run.hosts.get(h)?.active ?? false;
  return buildTaskVars({
    roleDefaults: [play.roleDefaults, ...roles.map((r) => r.defaults)],
    inventory: host.inventoryVars,
    facts: host.factVars,
    play: play.vars,
    varsFiles,
    roleVars: [play.roleVars, ...roles.map((r) => r.vars)],
    blocks: scope.blockVars,
    includeItem: scope.hostItemVars?.get(host.name),
    task: task.vars,
    includeVars: host.includedVars,
    runtime: host.runtimeVars,
    roleParams: (scope.roleLayers ?? []).flatMap((r) => (r.params === undefined ? [] : [r.params])),
    includeParams: scope.includeParams,
    extra: run.options.extraVars,
    magic: {
      inventoryHostname: host.name,
      groups: run.groups,
      groupNames: groupNamesOf(run, host.name),
      hostvars: playHostvars(scope),
      playHosts: activeOf(scope.playHosts, active),
      playHostsAll: scope.playHosts,
      playBatch: activeOf(scope.batch, active),
      checkMode: run.options.check,
      diffMode: run.options.diff,
      playbookDir: play.baseDir,
      rolePath: task.role === undefined ? undefined : task.baseDir,
      roleName: task.role,
    },
  });
}

// The active hosts of a list, by list: every host's vars of a task share one array while no host failed, instead
// of an array each (2,000 hosts: 2,000 copies of a 2,000-name list alive at once, ~130 MB of heap at its peak).
const activeLists = new WeakMap<readonly string[], readonly string[]>();

function activeOf(hosts: readonly string[], active: (h: string) => boolean): readonly string[] {
  const last = activeLists.get(hosts);
  if (last !== undefined && sameActive(hosts, last, active)) return last;
  const now = hosts.filter(active);
  activeLists.set(hosts, now);
  return now;
}

/** Whether `kept` is exactly the active hosts of `hosts`, in order (no array built to tell). */
function sameActive(hosts: readonly string[], kept: readonly string[], active: (h: string) => boolean): boolean {
  let i = 0;
  for (const h of hosts) {
    if (!active(h)) continue;
    if (kept[i] !== h) return false;
    i += 1;
  }
  return i === kept.length;
}

// Both below cost O(hosts) to build and every task on every host reads them: built once per `groups` (a new one
// when add_host or group_by grows the inventory) and once per run and play.
const hostGroups = new WeakMap<RunContext['groups'], Map<string, readonly string[]>>();
const hostvarsViews = new WeakMap<RunContext, WeakMap<PlayScope['play'], Vars>>();

/** The host's groups (group_names): sorted, without all and ungrouped. */
function groupNamesOf(run: RunContext, name: string): readonly string[] {
  let byHost = hostGroups.get(run.groups);
  if (byHost === undefined) {
    const lists = new Map<string, string[]>();
    for (const [g, members] of Object.entries(run.groups)) {
      if (g === 'all' || g === 'ungrouped') continue;
      for (const m of new Set(members)) lists.set(m, [...(lists.get(m) ?? []), g]);
    }
    byHost = new Map([...lists].map(([h, gs]) => [h, gs.sort()]));
    hostGroups.set(run.groups, byHost);
  }
  return byHost.get(name) ?? [];
}

/** hostvars: every host's variables, computed only when a template reads them; one view per run and play. */
function playHostvars(scope: PlayScope): Vars {
  let byPlay = hostvarsViews.get(scope.run);
  if (byPlay === undefined) {
    byPlay = new WeakMap();
    hostvarsViews.set(scope.run, byPlay);
  }
  const cached = byPlay.get(scope.play);
  if (cached !== undefined) return cached;
  const { hosts } = scope.run;
  const view = hostvarsView(hosts.keys(), (name) => {
    const host = hosts.get(name);
    if (host === undefined) return {};
    const vars = buildTaskVars({ inventory: host.inventoryVars, facts: host.factVars, play: scope.play.vars, includeVars: host.includedVars, runtime: host.runtimeVars });
    vars.inventory_hostname = name;
    return vars;
  });
  byPlay.set(scope.play, view);
  return view;
}

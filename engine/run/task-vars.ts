// The variables a task sees on a host, layered by precedence (docs/variables.md), plus the magic variables.
import type { Task, Vars } from '../playbook/model.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';

export function taskVars(host: HostRun, scope: PlayScope, task: Pick<Task, 'vars' | 'baseDir' | 'role'>): Vars {
  const { play, run } = scope;
  // the play's roles, then public include_roles, then the task's own roles (as Ansible: a task sees its role's above others')
  const roles = [...(scope.publicRoles ?? []), ...(scope.roleLayers ?? [])];
  const layers: readonly Vars[] = [
    play.roleDefaults,
    ...roles.map((r) => r.defaults),
    host.inventoryVars,
    host.factVars,
    play.vars,
    ...play.varsFiles,
    play.roleVars,
    ...roles.map((r) => r.vars),
    ...scope.blockVars,
    scope.hostItemVars?.get(host.name) ?? {},
    task.vars,
    host.includedVars,
    host.runtimeVars,
    ...(scope.includeParams ?? []),
    run.options.extraVars,
  ];
  const vars: Vars = {};
  for (const layer of layers) Object.assign(vars, layer);

  vars.inventory_hostname = host.name;
  vars.inventory_hostname_short = host.name.split('.')[0];
  vars.groups = run.groups;
  vars.group_names = [...groupNamesOf(run, host.name)];
  vars.hostvars = hostvarsView(scope);
  vars.ansible_play_hosts = scope.playHosts.filter((h) => run.hosts.get(h)?.active ?? false);
  vars.ansible_play_hosts_all = scope.playHosts;
  vars.ansible_play_batch = scope.batch.filter((h) => run.hosts.get(h)?.active ?? false);
  vars.ansible_check_mode = run.options.check;
  vars.playbook_dir = play.baseDir;
  if (task.role !== undefined) vars.role_path = task.baseDir;
  return vars;
}

// Both below cost O(hosts) to build and every task on every host reads them: built once per run (and play), the
// run's hosts and groups being fixed for its whole length.
const hostGroups = new WeakMap<RunContext, Map<string, readonly string[]>>();
const hostvarsViews = new WeakMap<RunContext, WeakMap<PlayScope['play'], Vars>>();

/** The host's groups (group_names): sorted, without all and ungrouped. */
function groupNamesOf(run: RunContext, name: string): readonly string[] {
  let byHost = hostGroups.get(run);
  if (byHost === undefined) {
    const lists = new Map<string, string[]>();
    for (const [g, members] of Object.entries(run.groups)) {
      if (g === 'all' || g === 'ungrouped') continue;
      for (const m of new Set(members)) lists.set(m, [...(lists.get(m) ?? []), g]);
    }
    byHost = new Map([...lists].map(([h, gs]) => [h, gs.sort()]));
    hostGroups.set(run, byHost);
  }
  return byHost.get(name) ?? [];
}

/** hostvars: every host's variables, computed only when a template reads them; one view per run and play. */
function hostvarsView(scope: PlayScope): Vars {
  let byPlay = hostvarsViews.get(scope.run);
  if (byPlay === undefined) {
    byPlay = new WeakMap();
    hostvarsViews.set(scope.run, byPlay);
  }
  const cached = byPlay.get(scope.play);
  if (cached !== undefined) return cached;
  const view: Vars = {};
  for (const [name, host] of scope.run.hosts) {
    Object.defineProperty(view, name, {
      enumerable: true,
      get: () => ({ ...host.inventoryVars, ...host.factVars, ...scope.play.vars, ...host.includedVars, ...host.runtimeVars, inventory_hostname: name }),
    });
  }
  byPlay.set(scope.play, view);
  return view;
}

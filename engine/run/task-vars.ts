// The variables a task sees on a host, layered by precedence (docs/variables.md), plus the magic variables.
import type { Task, Vars } from '../playbook/model.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';

export function taskVars(host: HostRun, scope: PlayScope, task: Pick<Task, 'vars' | 'baseDir' | 'role'>): Vars {
  const { play, run } = scope;
  const layers: readonly Vars[] = [
    play.roleDefaults,
    host.inventoryVars,
    host.factVars,
    play.vars,
    ...play.varsFiles,
    play.roleVars,
    ...scope.blockVars,
    task.vars,
    host.runtimeVars,
    run.options.extraVars,
  ];
  const vars: Vars = {};
  for (const layer of layers) Object.assign(vars, layer);

  vars.inventory_hostname = host.name;
  vars.inventory_hostname_short = host.name.split('.')[0];
  vars.groups = run.groups;
  vars.group_names = Object.entries(run.groups)
    .filter(([g, members]) => g !== 'all' && g !== 'ungrouped' && members.includes(host.name))
    .map(([g]) => g)
    .sort();
  vars.hostvars = hostvarsView(scope);
  vars.ansible_play_hosts = scope.playHosts.filter((h) => run.hosts.get(h)?.active ?? false);
  vars.ansible_play_hosts_all = scope.playHosts;
  vars.ansible_play_batch = scope.batch;
  vars.ansible_check_mode = run.options.check;
  vars.playbook_dir = play.baseDir;
  if (task.role !== undefined) vars.role_path = task.baseDir;
  return vars;
}

/** hostvars: every host's variables, computed only when a template reads them. */
function hostvarsView(scope: PlayScope): Vars {
  const view: Vars = {};
  for (const [name, host] of scope.run.hosts) {
    Object.defineProperty(view, name, {
      enumerable: true,
      get: () => ({ ...host.inventoryVars, ...host.factVars, ...scope.play.vars, ...host.runtimeVars, inventory_hostname: name }),
    });
  }
  return view;
}

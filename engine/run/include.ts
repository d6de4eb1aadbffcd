// include_tasks and include_role: what they name is rendered per host at run time, then loaded (and cached).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { dict } from '../core/dict.js';
import { InputErrors, KplayError, errorMessage } from '../core/errors.js';
import type { IncludeRole, IncludeTasks, TaskNode } from '../playbook/model.js';
import { loadIncludedRole, loadTasksFile, type LoadedRole } from '../playbook/index.js';
import { roleTarget } from '../playbook/include-chain.js';
import { render } from '../template/index.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { taskVars } from './task-vars.js';

/** What an include brought for one host: hosts with the same `key` run the same nodes together. */
export interface Included {
  readonly key: string;
  /** what it brought in, as the include chain shows it: the file, or `role NAME (FILE)` */
  readonly target: string;
  readonly nodes: readonly TaskNode[];
  /** include_tasks: the file, for its `included:` line (include_role prints none, as Ansible) */
  readonly file?: string | undefined;
  /** include_role: the role, whose handlers (and, if public, defaults and vars) join the play */
  readonly role?: LoadedRole | undefined;
}

/** Roles loaded by include_role in this run, by name and *_from files: each is read once. */
export type RoleCache = Map<string, LoadedRole>;

export function loadInclude(node: IncludeTasks | IncludeRole, host: HostRun, scope: PlayScope, roles: RoleCache): Included | { error: string } {
  try {
    if (node.kind === 'include') {
      const r = loadIncludedTasks(node, host, scope);
      // `apply:` keywords go to every task of the file, through a block around them
      const nodes: readonly TaskNode[] = node.apply ? [{ ...node.apply, block: r.tasks, rescue: [], always: [] }] : r.tasks;
      return { key: r.file, target: r.file, nodes, file: r.file };
    }
    const role = loadRoleFor(node, host, scope, roles);
    // `apply:` keywords go to every task of the role, through a block around them
    const nodes: readonly TaskNode[] = node.apply ? [{ ...node.apply, block: role.role.tasks, rescue: [], always: [] }] : role.role.tasks;
    return { key: role.key, target: role.target, nodes, role: role.role };
  } catch (err) {
    if (err instanceof InputErrors) return { error: err.problems.map((p) => p.describe()).join('\n') };
    return { error: err instanceof KplayError ? err.describe() : errorMessage(err) };
  }
}

function loadIncludedTasks(node: IncludeTasks, host: HostRun, scope: PlayScope): { file: string; tasks: readonly TaskNode[] } {
  const name = String(render(node.file, taskVars(host, scope, node), { loc: node.loc, task: `include_tasks ${node.file}` }));
  const candidates = isAbsolute(name) ? [name] : [join(node.baseDir, 'tasks', name), join(node.baseDir, name)];
  const file = candidates.find((c) => existsFile(c)) ?? candidates[0] ?? name;
  return { file, tasks: loadTasksFile(file, scope.run.files, node.baseDir, node.role, scope.play.baseDir, scope.run.options.rolesPath, scope.play.collections) };
}

function loadRoleFor(node: IncludeRole, host: HostRun, scope: PlayScope, roles: RoleCache): { key: string; target: string; role: LoadedRole } {
  const vars = taskVars(host, scope, node);
  const where = { loc: node.loc, task: `include_role ${node.roleName}` };
  const name = String(render(node.roleName, vars, where));
  const from: Record<string, string> = dict();
  for (const [k, v] of Object.entries(node.from)) if (typeof v === 'string') from[k] = String(render(v, vars, where));
  const key = JSON.stringify([name, from]);
  let role = roles.get(key);
  if (role === undefined) {
    role = loadIncludedRole(name, scope.run.files, from, scope.play.baseDir, node.loc, scope.run.options.rolesPath, node.validate, scope.play.collections);
    roles.set(key, role);
  }
  return { key, target: roleTarget(name, from.tasks), role };
}

function existsFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

// include_tasks: the file name is rendered per host at run time, then the file is loaded (and cached).
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KplayError, errorMessage } from '../core/errors.js';
import type { IncludeTasks, TaskNode } from '../playbook/model.js';
import { loadTasksFile } from '../playbook/index.js';
import { render } from '../template/index.js';
import type { PlayScope } from './context.js';
import type { HostRun } from './host.js';
import { taskVars } from './task-vars.js';

export function loadIncludedTasks(node: IncludeTasks, host: HostRun, scope: PlayScope): { file: string; tasks: readonly TaskNode[] } | { error: string } {
  try {
    const name = String(render(node.file, taskVars(host, scope, node), { loc: node.loc, task: `include_tasks ${node.file}` }));
    const candidates = isAbsolute(name) ? [name] : [join(node.baseDir, 'tasks', name), join(node.baseDir, name)];
    const file = candidates.find((c) => existsFile(c)) ?? candidates[0] ?? name;
    return { file, tasks: loadTasksFile(file, node.baseDir, node.role) };
  } catch (err) {
    return { error: err instanceof KplayError ? err.describe() : errorMessage(err) };
  }
}

function existsFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

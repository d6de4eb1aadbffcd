// What a run targets, checked before any host is touched: a --limit that matches no host of the inventory, and a
// --start-at-task that names no task the playbook could reach, are mistakes named as such (exit 5), where
// ansible-playbook ends with "no hosts to target" or runs nothing and says so only at the end.
import { InputError } from '../core/errors.js';
import type { Inventory } from '../inventory/index.js';
import type { Playbook } from '../playbook/model.js';
import { forEachTaskNode } from '../playbook/walk.js';

export function targetProblems(inventory: Inventory, playbook: Playbook, limit: string | undefined, startAtTask: string | undefined): InputError[] {
  const problems: InputError[] = [];
  if (limit !== undefined && inventory.select(limit).length === 0) {
    problems.push(new InputError(`--limit ${limit} matches no host of the inventory: nothing would run`, { hint: 'kplay inventory --graph lists the hosts and groups' }));
  }
  if (startAtTask !== undefined) {
    const reach = startTitles(playbook);
    if (!reach.dynamic && !reach.titles.has(startAtTask)) {
      problems.push(new InputError(`--start-at-task "${startAtTask}" names no task of the playbook: nothing would run`, { hint: 'kplay run --list-tasks shows the task names' }));
    }
  }
  return problems;
}

/** The names --start-at-task can match (a task's name or module, and `role : name`), and whether includes hide some. */
function startTitles(playbook: Playbook): { titles: Set<string>; dynamic: boolean } {
  const titles = new Set<string>();
  let dynamic = false;
  const lists = playbook.plays.flatMap((p) => [p.preTasks, p.tasks, p.postTasks]);
  forEachTaskNode(lists, (n) => {
    if (n.kind === 'task') {
      const title = n.name ?? n.moduleAs;
      titles.add(title);
      if (n.role !== undefined) titles.add(`${n.role} : ${title}`);
    } else if (n.kind !== 'block') dynamic = true; // include_tasks / include_role: their tasks are known only at run time
  });
  return { titles, dynamic };
}

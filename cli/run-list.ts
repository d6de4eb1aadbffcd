// --list-hosts, --list-tasks, --list-tags: what each play would do, printed as ansible-playbook 2.14 prints it
// (cli/playbook.py), byte for byte: the tasks listed are those --tags / --skip-tags select.
import type { Inventory } from '../engine/inventory/index.js';
import type { Play, TaskNode, Vars } from '../engine/playbook/model.js';
import { playHosts } from '../engine/run/playbook.js';
import { selectedByTags } from '../engine/run/tags.js';
import { render } from '../engine/template/index.js';

export interface ListRequest {
  readonly hosts: boolean;
  readonly tasks: boolean;
  readonly tags: boolean;
}

export interface ListContext {
  readonly playbook: string;
  readonly plays: readonly Play[];
  readonly inventory: Inventory;
  readonly extraVars: Vars;
  readonly limit: string | undefined;
  /** --shard: the hosts of this slice */
  readonly sliceHosts?: ReadonlySet<string> | undefined;
  readonly onlyTags: readonly string[];
  readonly skipTags: readonly string[];
}

/** A task as listed: its name and every tag it carries (its own and its blocks' and role's). */
interface ListedTask {
  readonly name: string;
  readonly tags: readonly string[];
}

export function listPlaybook(want: ListRequest, c: ListContext): string {
  let out = `\nplaybook: ${c.playbook}\n`;
  for (const [i, play] of c.plays.entries()) {
    const pattern = String(render(play.hosts, c.extraVars, { loc: play.loc, task: `play ${play.name}` }));
    // Ansible joins the play's own tags with ',' (no space), those of tasks with ', '
    out += `\n  play #${i + 1} (${pattern}): ${play.name}\tTAGS: [${[...new Set(play.tags)].join(',')}]`;
    if (want.hosts) {
      const hosts = playHosts(c.inventory, pattern, c.limit, c.sliceHosts);
      out += `\n    pattern: ['${pattern}']\n    hosts (${hosts.length}):${hosts.map((h) => `\n      ${h}`).join('')}`;
    }
    out += '\n';
    if (!want.tasks && !want.tags) continue;
    const tasks = selectedTasks([...play.preTasks, ...play.tasks, ...play.postTasks], play.tags, c);
    let msg = want.tasks ? '    tasks:\n' : '';
    if (want.tasks) for (const t of tasks) msg += `      ${t.name}\tTAGS: [${sortedUnion(play.tags, t.tags).join(', ')}]\n`;
    if (want.tags) msg += `      TASK TAGS: [${sortedUnion(play.tags, tasks.flatMap((t) => t.tags)).join(', ')}]\n`;
    out += msg;
  }
  return out;
}

/** Python's sorted(set(a) | set(b)): code-point order. */
function sortedUnion(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/** The tasks --tags / --skip-tags select, in order; tags accumulate from the play and the blocks (roles) around. */
function selectedTasks(nodes: readonly TaskNode[], inherited: readonly string[], c: ListContext): ListedTask[] {
  return nodes.flatMap((n): ListedTask[] => {
    const tags = [...inherited, ...n.tags];
    // Ansible lists a block's tasks only, not its rescue or always (nor their tags)
    if (n.kind === 'block') return selectedTasks(n.block, tags, c);
    if (!selectedByTags(tags, c.onlyTags, c.skipTags)) return [];
    // Ansible lists a task by its name ("role : name" in a role), and an unnamed one by its action, never prefixed
    const unnamed = n.kind === 'include' ? 'include_tasks' : n.kind === 'include_role' ? 'include_role' : n.moduleAs;
    const name = n.name === undefined ? unnamed : n.role ? `${n.role} : ${n.name}` : n.name;
    return [{ name, tags }];
  });
}

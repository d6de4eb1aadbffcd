// Running include_tasks / include_role: the include as a task of its own per host and loop item, then what it loaded.
import { resolve } from 'node:path';
import type { HostResult } from '../core/events.js';
import { errorMessage } from '../core/errors.js';
import { formatLoc } from '../core/location.js';
import type { IncludeLink } from '../playbook/context.js';
import { describeChain, MAX_INCLUDE_DEPTH } from '../playbook/include-chain.js';
import type { LoadedRole } from '../playbook/index.js';
import type { IncludeRole, IncludeTasks, Play, TaskNode, Vars } from '../playbook/model.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';
import { loadInclude, type RoleCache } from './include.js';
import type { Inherited } from './inherit.js';
import type { PlayRecorder } from './recorder.js';
import { selectedByTags } from './tags.js';
import { labelOf, whenHolds } from './task.js';
import { taskVars } from './task-vars.js';
import { searchPlaceOf, withLookups } from './lookups.js';
import { isUndefinedError, itemVars, loopItems } from './loop-items.js';

/** What an include needs from the play running it. */
export interface IncludingPlay {
  readonly run: RunContext;
  readonly play: Play;
  readonly recorder: PlayRecorder;
  readonly roleCache: RoleCache;
  /** report and count one result */
  emitResult(r: HostResult): void;
  /** run nodes on hosts; the hosts that failed there */
  runNodes(nodes: readonly TaskNode[], hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>>;
  /** an included role's handlers join the play's; a public one's defaults and vars reach the rest of the play */
  adoptRole(role: LoadedRole, isPublic: boolean): void;
  /** ends the play and the playbook: nothing more runs, not even a rescue */
  halt(): void;
  /** --step: whether the person running the playbook lets this task run */
  stepAllows(name: string, handler: boolean, hosts: readonly HostRun[]): Promise<boolean>;
}

interface IncludeRun {
  readonly nodes: readonly TaskNode[];
  readonly role: LoadedRole | undefined;
  readonly hosts: HostRun[];
  readonly itemVars: Map<string, Vars>;
  /** the file, or the role, it brought in: its link in the include chain */
  readonly target: string;
}

/**
 * include_tasks / include_role: a task of its own (with its own `when`, once per loop item), then what it loaded,
 * on the hosts that took it. include_tasks reports (and counts) an `included:` line per host; include_role
 * reports nothing but its skips and failures, as Ansible. The include's tags select the include only
 * (include_role's `apply:` tags its tasks); its vars reach its tasks as include params. Returns the hosts that failed.
 */
export async function runInclude(p: IncludingPlay, node: IncludeTasks | IncludeRole, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
  const failed = new Set<HostRun>();
  const { options } = p.run;
  // a handler runs whatever --tags say, as a handler task does
  const handler = inh.handler === true;
  if (!handler && !selectedByTags([...inh.tags, ...node.tags], options.tags, options.skipTags)) return failed;
  // unnamed: the action as written (ansible.builtin.include_role : x), as Ansible's get_name titles it
  const title = node.name ?? (node.kind === 'include' ? (node.actionAs ?? 'include_tasks') : `${node.actionAs ?? 'include_role'} : ${node.roleName}`);
  const action = node.kind === 'include' ? 'include_tasks' : 'include_role';
  // as Ansible's IncludeRole names itself: never under the role it stands in (an include_tasks is)
  const role = node.kind === 'include' ? node.role : undefined;
  if (!(await p.stepAllows(role ? `${role} : ${node.name ?? action}` : (node.name ?? action), handler, hosts))) return failed;
  p.run.emit({ event: 'task_start', play: p.play.name, task: title, loc: node.loc, hosts: hosts.map((h) => h.name), handler: handler || undefined, role });
  const when = [...inh.when, ...node.when];
  const fail = (h: HostRun, msg: string, item?: string): void => {
    p.emitResult({ host: h.name, task: title, status: 'failed', msg, item, durationMs: 0 });
    h.failed = true;
    failed.add(h);
  };
  const chain = scope.includeChain ?? [];
  if (chain.length >= MAX_INCLUDE_DEPTH) {
    // as Ansible's run ends at its recursion limit: the hosts fail here and nothing more runs (a rescue could
    // start the recursion again)
    const msg = tooDeep(node, action, chain);
    for (const h of hosts) fail(h, msg);
    p.run.emit({ event: 'task_end', task: title, durationMs: 0 });
    p.halt();
    return failed;
  }
  // one run of the included tasks per (what was loaded, loop item): names may be templates, items may differ per host
  const runs = new Map<string, IncludeRun>();
  for (const h of hosts) {
    const items = includeItems(node, h, scope, when);
    if ('error' in items) {
      fail(h, items.error);
      continue;
    }
    let skipped = 0;
    for (const [index, itemVars] of items.entries()) {
      const itemScope: PlayScope = { ...scope, hostItemVars: new Map([[h.name, itemVars]]) };
      const loopVar = node.loopControl?.loopVar ?? 'item';
      const label = node.loop === undefined || !(loopVar in itemVars) ? undefined : labelOf(itemVars[loopVar]);
      if (when.length > 0 && !whenHolds({ ...node, when, name: title }, h, itemScope)) {
        // as Ansible counts a loop: one skip for the host, and only when every item was skipped
        const skip: HostResult = { host: h.name, task: title, status: 'skipped', msg: 'Conditional result was False', item: label, durationMs: 0 };
        const last = ++skipped === items.length;
        p.run.emit({ event: 'host_result', ...skip, endsSkippedLoop: last && label !== undefined ? true : undefined });
        if (last) p.recorder.count({ ...skip, item: undefined });
        continue;
      }
      const r = loadInclude(node, h, itemScope, p.roleCache);
      if ('error' in r) {
        fail(h, r.error, label);
        break;
      }
      // the file as Ansible names it: its absolute path, however the playbook was named
      const file = r.file === undefined ? undefined : resolve(r.file);
      if (file !== undefined) p.emitResult({ host: h.name, task: title, status: 'ok', msg: `included: ${file}`, included: file, item: label, durationMs: 0 });
      const key = `${index}\u0000${r.key}`;
      const entry = runs.get(key) ?? { nodes: r.nodes, role: r.role, hosts: [], itemVars: new Map<string, Vars>(), target: r.target };
      entry.hosts.push(h);
      entry.itemVars.set(h.name, itemVars);
      runs.set(key, entry);
    }
  }
  p.run.emit({ event: 'task_end', task: title, durationMs: 0 });
  // the include's own keywords (tags, when...) are the include's; its tasks inherit only its vars (Ansible: use apply)
  for (const { nodes, role, hosts: hs, itemVars, target } of runs.values()) {
    if (role !== undefined && node.kind === 'include_role') p.adoptRole(role, node.public);
    const link: IncludeLink = { action, target, at: node.loc, guarded: true, stops: false };
    const inner: PlayScope = { ...scope, includeParams: [...(scope.includeParams ?? []), node.vars], hostItemVars: itemVars, includeChain: [...chain, link] };
    for (const h of await p.runNodes(nodes, hs.filter((h) => h.active), inner, inh)) failed.add(h);
  }
  return failed;
}

/** The failure of an include nested past the limit: which limit, the chain that led there, what to do. */
function tooDeep(node: IncludeTasks | IncludeRole, action: 'include_tasks' | 'include_role', chain: readonly IncludeLink[]): string {
  const target = node.kind === 'include' ? node.file : node.roleName;
  const here: IncludeLink = { action, target, at: node.loc, guarded: true, stops: false };
  return (
    `${formatLoc(node.loc)}: ${action} ${target} is nested ${MAX_INCLUDE_DEPTH + 1} includes deep, past kplay's limit of ${MAX_INCLUDE_DEPTH} ` +
    `(Ansible's run ends near the same depth, at Python's recursion limit); the chain:\n${describeChain([...chain, here])}\n` +
    '  hint: a file or role that includes itself needs a when: that ends the recursion'
  );
}

/** The loop variables of each include run on a host: one empty set without a loop. */
function includeItems(node: IncludeTasks | IncludeRole, host: HostRun, scope: PlayScope, when: IncludeTasks['when']): Vars[] | { error: string } {
  if (node.loop === undefined) return [{}];
  try {
    const where = { loc: node.loc, task: node.name ?? node.kind };
    const place = searchPlaceOf(node, scope.play.baseDir, scope.run.files.keyring);
    const items = loopItems(node, node.kind === 'include' ? 'include_tasks' : 'include_role', withLookups(taskVars(host, scope, node), place, where), place, where);
    return items.map((_item, i) => itemVars(items, i, node.loopControl));
  } catch (err) {
    // Ansible: a loop over an undefined variable is an error only when the include's `when` holds without it: one
    // run without loop variables, which that `when` then skips
    if (isUndefinedError(err) && whenFalse(when, node, host, scope)) return [{}];
    return { error: errorMessage(err) };
  }
}

/** Whether the include's `when` (with the inherited conditions) is false on this host; one that cannot be evaluated is not. */
function whenFalse(when: IncludeTasks['when'], node: IncludeTasks | IncludeRole, host: HostRun, scope: PlayScope): boolean {
  try {
    return !whenHolds({ ...node, when }, host, scope);
  } catch {
    return false;
  }
}

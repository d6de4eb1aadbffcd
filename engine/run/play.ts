// One play: batches (serial), facts, pre_tasks/tasks/post_tasks with handler flushes, blocks, strategy.
import pLimit from 'p-limit';
import type { HostResult } from '../core/events.js';
import type { Block, Condition, Handler, IncludeRole, IncludeTasks, InheritableKeywords, Play, RoleLayers, Task, TaskNode, Vars } from '../playbook/model.js';
import type { LoadedRole } from '../playbook/index.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';
import { gatherFactsTask } from './gather.js';
import { labelOf, runTask, whenHolds, type TaskOutcome } from './task.js';
import { selectedByTags } from './tags.js';
import { markUnsafe, render } from '../template/index.js';
import { errorMessage } from '../core/errors.js';
import { formatLoc } from '../core/location.js';
import { taskVars } from './task-vars.js';
import { loadInclude, type RoleCache } from './include.js';
import { serialBatches } from './serial.js';
import { inheritKeywords } from './inherit.js';

export interface PlayRecorder {
  /** count one task's outcome on one host for the PLAY RECAP */
  count(result: HostResult): void;
}

/** What enclosing blocks pass down to their tasks. */
interface Inherited {
  readonly when: readonly Condition[];
  readonly tags: readonly string[];
  /** inside a block with a rescue: a failure here is counted as rescued, as Ansible counts it */
  readonly rescuable: boolean;
  /** the play's and enclosing blocks' keywords, for the tasks that do not set their own */
  readonly keywords: InheritableKeywords;
}

class PlayRunner {
  private aborted = false;
  /** the hosts the current batch started with */
  private batchHosts: readonly HostRun[] = [];
  /** the play's handlers, and those of roles include_role brought in (with the role's defaults and vars) */
  private readonly handlers: Handler[];
  private readonly handlerRoles = new Map<Handler, RoleLayers>();
  /** roles an include_role with `public: true` ran: the rest of the play sees their defaults and vars */
  private readonly publicRoles: RoleLayers[] = [];
  private readonly roleCache: RoleCache = new Map();

  constructor(
    private readonly run: RunContext,
    private readonly play: Play,
    private readonly recorder: PlayRecorder,
  ) {
    this.handlers = [...play.handlers];
  }

  /** Ends the play and the playbook (any_errors_fatal, max_fail_percentage, a batch that failed whole). */
  private halt(): void {
    this.aborted = true;
    this.run.halted.value = true;
  }

  /** `playHosts`: every host the play's pattern matches, failed ones included (Ansible cuts batches from these). */
  async runPlay(playHosts: readonly string[]): Promise<void> {
    const hostsOf = (names: readonly string[]) => names.map((n) => this.run.hosts.get(n)).filter((h): h is HostRun => h !== undefined);
    for (const batch of serialBatches(playHosts, this.play.serial)) {
      if (this.aborted || this.run.interrupted.value) break;
      const hosts = hostsOf(batch).filter((h) => h.active);
      if (hosts.length === 0) continue;
      const scope: PlayScope = { run: this.run, play: this.play, playHosts, batch, blockVars: [], publicRoles: this.publicRoles };
      this.batchHosts = hosts;
      if (this.play.gatherFacts) await this.gather(scope, hosts);
      if (this.play.strategy === 'free') {
        // free: each host goes through the play at its own pace, never waiting for the others
        await Promise.all(hosts.map((h) => this.runSections([h], scope)));
      } else {
        await this.runSections(hosts, scope);
      }
      // as Ansible: a batch in which every host failed ends the playbook
      if (hosts.every((h) => h.failed || h.unreachable)) this.halt();
    }
  }

  /** max_fail_percentage, checked after each task as Ansible does: more failed hosts in the batch than allowed ends all. */
  private checkMaxFail(): void {
    const maxFail = this.play.maxFailPercentage;
    if (maxFail === undefined || this.batchHosts.length === 0) return;
    const failed = this.batchHosts.filter((h) => h.failed || h.unreachable).length;
    if ((failed / this.batchHosts.length) * 100 > maxFail) this.halt();
  }

  /** pre_tasks, tasks, post_tasks, each followed by a handler flush */
  private async runSections(hosts: readonly HostRun[], scope: PlayScope): Promise<void> {
    const top: Inherited = { when: [], tags: this.play.tags, rescuable: false, keywords: this.play };
    for (const section of [this.play.preTasks, this.play.tasks, this.play.postTasks]) {
      await this.runNodes(section, hosts, scope, top);
      await this.flushHandlers(scope, hosts);
    }
  }

  private async gather(scope: PlayScope, hosts: readonly HostRun[]): Promise<void> {
    const active = hosts.filter((h) => h.active);
    const name = 'Gathering Facts';
    this.run.emit({ event: 'task_start', play: this.play.name, task: name, loc: this.play.loc, hosts: active.map((h) => h.name) });
    const started = performance.now();
    await Promise.all(
      active.map((h) =>
        this.run.forks(async () => {
          const r = await gatherFactsTask(this.run, h, this.play);
          this.emitResult({ ...r, task: name });
        }),
      ),
    );
    this.run.emit({ event: 'task_end', task: name, durationMs: Math.round(performance.now() - started) });
    void scope;
  }

  /** Runs nodes in order on the hosts; returns the hosts that failed here (not rescued). */
  private async runNodes(nodes: readonly TaskNode[], hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const failed = new Set<HostRun>();
    for (const node of nodes) {
      if (this.aborted || this.run.interrupted.value) break;
      const working = hosts.filter((h) => h.active && !failed.has(h));
      if (working.length === 0) break;
      let fails: Set<HostRun>;
      if (node.kind === 'task') fails = await this.runTaskNode(node, working, scope, inh, false);
      else if (node.kind === 'block') fails = await this.runBlock(node, working, scope, inh);
      else fails = await this.runInclude(node, working, scope, inh);
      for (const h of fails) failed.add(h);
    }
    return failed;
  }

  private async runBlock(block: Block, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const roleLayers = block.roleLayers ? [...(scope.roleLayers ?? []), block.roleLayers] : scope.roleLayers;
    const inner: PlayScope = { ...scope, blockVars: [...scope.blockVars, block.vars], roleLayers };
    const innerInh: Inherited = {
      when: [...inh.when, ...block.when],
      tags: [...inh.tags, ...block.tags],
      rescuable: inh.rescuable,
      keywords: inheritKeywords(inh.keywords, block),
    };
    let failed = await this.runNodes(block.block, hosts, inner, { ...innerInh, rescuable: block.rescue.length > 0 });
    if (block.rescue.length > 0 && failed.size > 0) {
      const rescuing = [...failed].filter((h) => !h.unreachable);
      for (const h of rescuing) {
        h.failed = false;
        // what the rescue may look at, as in Ansible
        h.runtimeVars.ansible_failed_task = { name: h.lastFailure?.task ?? '' };
        h.runtimeVars.ansible_failed_result = h.lastFailure?.result ?? {};
      }
      const stillFailed = await this.runNodes(block.rescue, rescuing, inner, innerInh);
      failed = new Set([...stillFailed, ...[...failed].filter((h) => h.unreachable)]);
      for (const h of failed) if (!h.unreachable) h.failed = true;
    }
    if (block.always.length > 0) {
      const alwaysHosts = hosts.filter((h) => !h.unreachable && !h.ended);
      // hosts that failed in the block still run `always`
      const wasFailed = alwaysHosts.filter((h) => h.failed);
      for (const h of wasFailed) h.failed = false;
      const alwaysFailed = await this.runNodes(block.always, alwaysHosts, inner, innerInh);
      for (const h of wasFailed) h.failed = true;
      for (const h of alwaysFailed) failed.add(h);
    }
    return failed;
  }

  /**
   * include_tasks / include_role: a task of its own (with its own `when`, once per loop item), then what it loaded,
   * on the hosts that took it. include_tasks reports (and counts) an `included:` line per host; include_role
   * reports nothing but its skips and failures, as Ansible. The include's tags select the include only
   * (include_role's `apply:` tags its tasks); its vars reach its tasks as include params.
   */
  private async runInclude(node: IncludeTasks | IncludeRole, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const failed = new Set<HostRun>();
    const { options } = this.run;
    if (!selectedByTags([...inh.tags, ...node.tags], options.tags, options.skipTags)) return failed;
    const title = node.name ?? (node.kind === 'include' ? 'include_tasks' : `include_role : ${node.roleName}`);
    this.run.emit({ event: 'task_start', play: this.play.name, task: title, loc: node.loc, hosts: hosts.map((h) => h.name), role: node.role });
    const when = [...inh.when, ...node.when];
    // one run of the included tasks per (what was loaded, loop item): names may be templates, items may differ per host
    const runs = new Map<string, { nodes: readonly TaskNode[]; role: LoadedRole | undefined; hosts: HostRun[]; itemVars: Map<string, Vars> }>();
    for (const h of hosts) {
      const items = includeItems(node, h, scope);
      if ('error' in items) {
        this.emitResult({ host: h.name, task: title, status: 'failed', msg: items.error, durationMs: 0 });
        h.failed = true;
        failed.add(h);
        continue;
      }
      let skipped = 0;
      for (const [index, itemVars] of items.entries()) {
        const itemScope: PlayScope = { ...scope, hostItemVars: new Map([[h.name, itemVars]]) };
        const label = node.loop === undefined ? undefined : labelOf(itemVars[node.loopControl?.loopVar ?? 'item']);
        if (when.length > 0 && !whenHolds({ ...node, when, name: title }, h, itemScope)) {
          // as Ansible counts a loop: one skip for the host, and only when every item was skipped
          const skip: HostResult = { host: h.name, task: title, status: 'skipped', msg: 'Conditional result was False', item: label, durationMs: 0 };
          this.run.emit({ event: 'host_result', ...skip });
          if (++skipped === items.length) this.recorder.count({ ...skip, item: undefined });
          continue;
        }
        const r = loadInclude(node, h, itemScope, this.roleCache);
        if ('error' in r) {
          this.emitResult({ host: h.name, task: title, status: 'failed', msg: r.error, item: label, durationMs: 0 });
          h.failed = true;
          failed.add(h);
          break;
        }
        if (r.file !== undefined) this.emitResult({ host: h.name, task: title, status: 'ok', msg: `included: ${r.file}`, included: r.file, item: label, durationMs: 0 });
        const key = `${index}\u0000${r.key}`;
        const entry = runs.get(key) ?? { nodes: r.nodes, role: r.role, hosts: [], itemVars: new Map<string, Vars>() };
        entry.hosts.push(h);
        entry.itemVars.set(h.name, itemVars);
        runs.set(key, entry);
      }
    }
    this.run.emit({ event: 'task_end', task: title, durationMs: 0 });
    // the include's own keywords (tags, when...) are the include's; its tasks inherit only its vars (Ansible: use apply)
    for (const { nodes, role, hosts: hs, itemVars } of runs.values()) {
      if (role !== undefined && node.kind === 'include_role') this.adoptRole(role, node.public);
      const inner: PlayScope = { ...scope, includeParams: [...(scope.includeParams ?? []), node.vars], hostItemVars: itemVars };
      const f = await this.runNodes(nodes, hs.filter((h) => h.active), inner, inh);
      for (const h of f) failed.add(h);
    }
    return failed;
  }

  /** An included role's handlers join the play's (once each); a public role's defaults and vars, the rest of the play. */
  private adoptRole(role: LoadedRole, isPublic: boolean): void {
    const layers: RoleLayers = { defaults: role.defaults, vars: role.vars };
    for (const handler of role.handlers) {
      // the play may hold it already: a role named without templates was read with the playbook
      const same = this.handlers.find((x) => formatLoc(x.loc) === formatLoc(handler.loc));
      if (same === undefined) this.handlers.push(handler);
      this.handlerRoles.set(same ?? handler, layers);
    }
    if (isPublic && !this.publicRoles.some((l) => l.defaults === role.defaults)) this.publicRoles.push(layers);
  }

  /** the task's name as reported (the reporter adds the role: `TASK [role : name]`) */
  private taskTitle(task: Task): string {
    return task.name ?? task.moduleAs;
  }

  private async runTaskNode(task: Task, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited, handler: boolean): Promise<Set<HostRun>> {
    const failed = new Set<HostRun>();
    const { options } = this.run;
    if (!handler && !selectedByTags([...inh.tags, ...task.tags], options.tags, options.skipTags)) return failed;
    const title = this.taskTitle(task);
    const startAt = this.run.startAt;
    if (!handler && startAt.value !== undefined) {
      if (startAt.value !== title && startAt.value !== `${task.role} : ${title}`) return failed;
      startAt.value = undefined;
    }
    const effective: Task = { ...task, ...inheritKeywords(inh.keywords, task), when: [...inh.when, ...task.when] };
    if (task.module === 'meta') return this.runMeta(effective, hosts, scope);
    const targets = effective.runOnce ? hosts.slice(0, 1) : hosts;
    this.run.emit({ event: 'task_start', play: this.play.name, task: title, loc: task.loc, hosts: targets.map((h) => h.name), handler: handler || undefined, role: task.role });
    const started = performance.now();
    // throttle: at most that many of the task's hosts at once (0 or unset: only --forks limits them)
    const throttle = effective.throttle !== undefined && effective.throttle > 0 ? pLimit(effective.throttle) : undefined;
    const outcomes = await Promise.all(
      targets.map((h) => {
        const work = () => this.run.forks(async () => [h, await runTask(effective, h, scope, title)] as const);
        return throttle ? throttle(work) : work();
      }),
    );
    for (const [h, outcome] of outcomes) {
      const appliesTo = effective.runOnce ? hosts : [h];
      for (const target of appliesTo) this.apply(effective, target, outcome, title, target !== h, inh.rescuable);
      if (outcome.status === 'failed' && !outcome.ignored) {
        for (const target of appliesTo) {
          target.failed = true;
          target.lastFailure = { task: title, result: outcome.registered };
          failed.add(target);
        }
      }
      if (outcome.status === 'unreachable' && !outcome.ignored) failed.add(h);
    }
    // a failure a rescue will catch is not fatal
    if (effective.anyErrorsFatal === true && failed.size > 0 && !inh.rescuable) this.halt();
    if (!handler) this.checkMaxFail();
    this.run.emit({ event: 'task_end', task: title, durationMs: Math.round(performance.now() - started) });
    return failed;
  }

  /** Report, count, register, set facts and notify for one host's outcome. */
  private apply(task: Task, host: HostRun, outcome: TaskOutcome, title: string, copiedFromRunOnce: boolean, rescuable: boolean): void {
    if (!copiedFromRunOnce) {
      const rescued = outcome.status === 'failed' && !outcome.ignored && rescuable ? true : undefined;
      for (const r of outcome.results) this.run.emit({ event: 'host_result', ...r, task: title, rescued: r.status === 'failed' ? rescued : undefined });
      this.recorder.count({
        host: host.name,
        task: title,
        status: outcome.status,
        durationMs: 0,
        ignored: outcome.ignored || undefined,
        changed: outcome.changed || undefined,
        rescued,
      });
    }
    if (task.register) host.runtimeVars[task.register] = markUnsafe(outcome.registered);
    if (outcome.status === 'ok' || outcome.status === 'changed') {
      // include_vars has its own precedence level, below set_fact and register; in a loop every item's count, in order;
      // delegate_facts: the facts belong to the host the task was delegated to
      const owner = task.delegateFacts === true && outcome.delegate !== undefined ? outcome.delegate : host;
      const target = task.module === 'include_vars' ? owner.includedVars : owner.runtimeVars;
      for (const facts of outcome.facts) Object.assign(target, facts);
    }
    if (outcome.changed && outcome.status !== 'failed') for (const n of task.notify) host.notified.add(n);
  }

  private async runMeta(task: Task, all: readonly HostRun[], scope: PlayScope): Promise<Set<HostRun>> {
    const first: unknown = Object.values(task.args)[0];
    const action = typeof first === 'string' ? first : '';
    // `when` on a meta task decides per host, as in Ansible (end_host only where it holds)
    const hosts = task.when.length > 0 ? all.filter((h) => whenHolds(task, h, scope)) : all;
    if (hosts.length === 0) return new Set();
    if (action === 'flush_handlers') await this.flushHandlers(scope, hosts);
    else if (action === 'end_host') for (const h of hosts) h.ended = true;
    else if (action === 'end_play') this.aborted = true;
    else if (action === 'clear_host_errors') for (const h of this.run.hosts.values()) h.failed = false;
    return new Set();
  }

  /**
   * Handlers in the order they are written, each on the hosts that notified its name or one of its topics (several
   * handlers may listen to one topic); a handler may notify a later one in the same flush.
   */
  private async flushHandlers(scope: PlayScope, hosts: readonly HostRun[]): Promise<void> {
    const topicsOf = (h: { name: string | undefined; listen: readonly string[] }) =>
      new Set([h.name, ...h.listen].filter((t): t is string => t !== undefined));
    for (const handler of this.handlers) {
      const topics = topicsOf(handler);
      const eligible = (h: HostRun) => h.active || ((this.run.options.forceHandlers || this.play.forceHandlers) && !h.unreachable);
      const notified = hosts.filter((h) => eligible(h) && [...topics].some((t) => h.notified.has(t)));
      if (notified.length === 0) continue;
      // a handler of an included role sees that role's defaults and vars, as its tasks do
      const roleLayers = this.handlerRoles.get(handler);
      const handlerScope: PlayScope = roleLayers ? { ...scope, roleLayers: [...(scope.roleLayers ?? []), roleLayers] } : scope;
      await this.runTaskNode(handler, notified, handlerScope, { when: [], tags: [], rescuable: false, keywords: this.play }, true);
    }
    for (const h of hosts) h.notified.clear();
  }

  /** Report and count one result; an include's loop items count each, as Ansible counts them. */
  private emitResult(r: HostResult): void {
    this.run.emit({ event: 'host_result', ...r });
    this.recorder.count({ ...r, item: undefined });
  }
}

/** `playHosts`: every host the play's pattern matches, including hosts that failed in earlier plays. */
/** The loop variables of each include run on a host: one empty set without a loop. */
function includeItems(node: IncludeTasks | IncludeRole, host: HostRun, scope: PlayScope): Vars[] | { error: string } {
  if (node.loop === undefined) return [{}];
  try {
    const where = { loc: node.loc, task: node.name ?? node.kind };
    const items: unknown = render(node.loop, taskVars(host, scope, node), where);
    if (!Array.isArray(items)) return { error: `loop must be a list, got ${typeof items}` };
    const loopVar = node.loopControl?.loopVar ?? 'item';
    const indexVar = node.loopControl?.indexVar;
    return (items as unknown[]).map((item, i) => ({ [loopVar]: item, ansible_loop_var: loopVar, ...(indexVar ? { [indexVar]: i } : {}) }));
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

export async function runPlay(run: RunContext, play: Play, playHosts: readonly string[], recorder: PlayRecorder): Promise<void> {
  run.emit({ event: 'play_start', play: play.name, hosts: playHosts.filter((n) => run.hosts.get(n)?.active ?? false) });
  await new PlayRunner(run, play, recorder).runPlay(playHosts);
}

// One play: batches (serial), facts, pre_tasks/tasks/post_tasks with handler flushes, blocks, strategy.
import pLimit from 'p-limit';
import { KplayError } from '../core/errors.js';
import type { HostResult } from '../core/events.js';
import type { Block, Play, RoleLayers, Task, TaskNode } from '../playbook/model.js';
import type { LoadedRole } from '../playbook/index.js';
import { applyOutcome } from './apply-outcome.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';
import { connectionVars } from './connection-vars.js';
import { gatherFactsTask } from './gather.js';
import type { RoleCache } from './include.js';
import { runInclude, type IncludingPlay } from './include-run.js';
import { inheritKeywords, type Inherited } from './inherit.js';
import { PlayHandlers } from './play-handlers.js';
import type { PlayRecorder } from './recorder.js';
import { serialBatches } from './serial.js';
import { selectedByTags } from './tags.js';
import { taskVars } from './task-vars.js';
import { searchPlaceOf, withLookups } from './lookups.js';
import { pyStr, render } from '../template/index.js';
import { runTask, whenHolds } from './task.js';
import { anyErrorsFatal, runOnceFor, throttleFor } from './keyword-templates.js';
import { playVars, renderPlayKeywords } from './play-keywords.js';
import { findModule } from '../../modules/registry.js';
import { dict } from '../core/dict.js';
import { evaluatesWhen, metaActionOf, metaOutcome, runsPerHost, whenUnsupportedWarning } from './meta-task.js';

class PlayRunner implements IncludingPlay {
  private aborted = false;
  /** meta end_play or end_batch ended the play or the batch: its hosts are done, their handlers do not run (as Ansible's) */
  private metaEnded: 'play' | 'batch' | undefined;
  /** the hosts the current batch started with */
  private batchHosts: readonly HostRun[] = [];
  private readonly handlers: PlayHandlers;
  /** roles an include_role with `public: true` ran: the rest of the play sees their defaults and vars */
  private readonly publicRoles: RoleLayers[] = [];
  readonly roleCache: RoleCache = new Map();
  /** by role identity (Block.roleRun): the hosts where that role ran a task in this play */
  private readonly rolesRan = new Map<string, Set<HostRun>>();

  constructor(
    readonly run: RunContext,
    readonly play: Play,
    readonly recorder: PlayRecorder,
  ) {
    this.handlers = new PlayHandlers(play, { play: playVars(run, play), extra: run.options.extraVars }, (msg) => run.emit({ event: 'warning', msg }));
  }

  /** Ends the play and the playbook (any_errors_fatal, max_fail_percentage, a batch that failed whole, too deep an include). */
  halt(): void {
    this.aborted = true;
    this.run.halted.value = true;
  }

  /** `playHosts`: every host the play's pattern matches, failed ones included (Ansible cuts batches from these). */
  async runPlay(playHosts: readonly string[]): Promise<void> {
    const hostsOf = (names: readonly string[]) => names.map((n) => this.run.hosts.get(n)).filter((h): h is HostRun => h !== undefined);
    for (const [i, batch] of serialBatches(playHosts, this.play.serial).entries()) {
      if (this.aborted || this.run.interrupted.value) break;
      const hosts = hostsOf(batch).filter((h) => h.active);
      // as Ansible's PlaybookExecutor: each later batch announces the play again, even one whose hosts all failed before
      if (i > 0) this.run.emit({ event: 'play_start', play: this.play.name, hosts: hosts.map((h) => h.name), again: true });
      if (hosts.length === 0) continue;
      if (this.metaEnded === 'batch') this.metaEnded = undefined;
      const scope: PlayScope = { run: this.run, play: this.play, playHosts, batch, blockVars: [], publicRoles: this.publicRoles };
      this.batchHosts = hosts;
      this.run.step?.batchStarts();
      // Ansible reads each host's own vars files when the play starts: one it cannot find stops the run here
      if (this.play.hostVarsFiles !== undefined) for (const h of hosts) taskVars(h, scope, { vars: {}, baseDir: this.play.baseDir, role: undefined });
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
      if (this.metaEnded !== undefined) return;
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
          const vars = () => connectionVars(taskVars(h, scope, { vars: {}, baseDir: this.play.baseDir, role: undefined }), { loc: this.play.loc, task: name });
          const r = await gatherFactsTask(this.run, h, vars, this.play, this.play);
          this.emitResult({ ...r, task: name });
        }),
      ),
    );
    this.run.emit({ event: 'task_end', task: name, durationMs: Math.round(performance.now() - started) });
  }

  /** Runs nodes in order on the hosts; returns the hosts that failed here (not rescued). */
  async runNodes(nodes: readonly TaskNode[], hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const failed = new Set<HostRun>();
    for (const node of nodes) {
      if (this.aborted || this.metaEnded !== undefined || this.run.interrupted.value) break;
      const working = hosts.filter((h) => h.active && !failed.has(h));
      if (working.length === 0) break;
      let fails: Set<HostRun>;
      if (node.kind === 'task') fails = await this.runTaskNode(node, working, scope, inh, inh.handler === true);
      else if (node.kind === 'block') fails = await this.runBlock(node, working, scope, inh);
      else fails = await runInclude(this, node, working, scope, inh);
      for (const h of fails) failed.add(h);
    }
    return failed;
  }

  /**
   * A role's tasks run once per host and role identity in a play (unless its meta allows duplicates): as Ansible's
   * strategy, a host where the same role already ran a task skips them without a word.
   */
  private async runBlock(block: Block, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const run = block.roleRun;
    if (run === undefined || run.allowDuplicates) return this.runBlockOn(block, hosts, scope, inh);
    const done = this.rolesRan.get(run.key) ?? new Set<HostRun>();
    this.rolesRan.set(run.key, done);
    const due = hosts.filter((h) => !done.has(h));
    if (due.length === 0) return new Set();
    const before = new Map(due.map((h) => [h, h.ranResults]));
    const failed = await this.runBlockOn(block, due, scope, inh);
    for (const h of due) if (h.ranResults > (before.get(h) ?? 0)) done.add(h);
    return failed;
  }

  private async runBlockOn(block: Block, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const roleLayers = block.roleLayers ? [...(scope.roleLayers ?? []), block.roleLayers] : scope.roleLayers;
    const inner: PlayScope = { ...scope, blockVars: [...scope.blockVars, block.vars], roleLayers };
    const innerInh: Inherited = {
      when: [...inh.when, ...block.when],
      tags: [...inh.tags, ...block.tags],
      rescuable: inh.rescuable,
      keywords: inheritKeywords(inh.keywords, block),
      notify: block.notify ?? inh.notify,
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

  /** An included role's handlers join the play's (once each); a public role's defaults and vars, the rest of the play. */
  adoptRole(role: LoadedRole, isPublic: boolean): void {
    const layers: RoleLayers = { defaults: role.defaults, vars: role.vars };
    this.handlers.adoptFrom(role, layers);
    if (isPublic && !this.publicRoles.some((l) => l.defaults === role.defaults)) this.publicRoles.push(layers);
  }

  /** the task's name as reported (the reporter adds the role: `TASK [role : name]`) */
  private taskTitle(task: Task): string {
    return task.name ?? task.moduleAs;
  }

  /**
   * The name the banner and results show: as Ansible's strategy sends the task-start callback, the name rendered
   * with the first host's variables; any error (an undefined variable anywhere in it) keeps the name as written.
   * --start-at-task, --step and ansible_failed_task see the name as written, as in Ansible.
   */
  private shownTitle(task: Task, title: string, host: HostRun | undefined, scope: PlayScope): string {
    if (task.name === undefined || host === undefined || !/\{\{|\{%/.test(task.name)) return title;
    const where = { loc: task.loc, task: title };
    try {
      const vars = withLookups(taskVars(host, scope, task), searchPlaceOf(task, this.play.baseDir, this.run.files.keyring), where);
      const shown = render(task.name, vars, where);
      return typeof shown === 'string' ? shown : pyStr(shown);
    } catch {
      return title;
    }
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
    const notify = task.notify.length > 0 ? task.notify : (inh.notify ?? task.notify);
    const effective: Task = { ...task, ...inheritKeywords(inh.keywords, task), when: [...inh.when, ...task.when], notify };
    if (findModule(task.module)?.playControl === true) return this.runMeta(effective, title, hosts, scope);
    if (!(await this.stepAllows(task.role ? `${task.role} : ${title}` : title, handler, hosts))) return failed;
    const runOnce = findModule(task.module)?.bypassHostLoop === true || runOnceFor(effective, hosts[0], scope, title);
    const targets = runOnce ? hosts.slice(0, 1) : hosts;
    const shown = this.shownTitle(effective, title, targets[0], scope);
    this.run.emit({ event: 'task_start', play: this.play.name, task: shown, loc: task.loc, hosts: targets.map((h) => h.name), handler: handler || undefined, role: task.role });
    const started = performance.now();
    // throttle: at most that many of the task's hosts at once (0 or unset: only --forks limits them)
    const throttleN = throttleFor(effective, targets, scope, title);
    const throttle = throttleN !== undefined && throttleN > 0 ? pLimit(throttleN) : undefined;
    const outcomes = await Promise.all(
      targets.map((h) => {
        const work = () => this.run.forks(async () => [h, await runTask(effective, h, scope, title)] as const);
        return throttle ? throttle(work) : work();
      }),
    );
    // before any result is shown, as Ansible stops while it reads the results
    for (const [, outcome] of outcomes) if (outcome.changed && outcome.status !== 'failed') this.checkNotified(effective, outcome.notify);
    for (const [h, outcome] of outcomes) {
      const appliesTo = runOnce ? hosts : [h];
      for (const target of appliesTo) {
        applyOutcome(this.run, this.recorder, target, { task: effective, title: shown, outcome, copiedFromRunOnce: target !== h, rescuable: inh.rescuable });
      }
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
    if (anyErrorsFatal(effective) && failed.size > 0 && !inh.rescuable) this.halt();
    if (!handler) this.checkMaxFail();
    this.run.emit({ event: 'task_end', task: shown, durationMs: Math.round(performance.now() - started) });
    return failed;
  }

  /** Ansible's error when a task that changed notifies a name no handler has or listens to: the run stops. */
  private checkNotified(task: Task, notified: readonly string[]): void {
    // the names as rendered on the host: a templated one that names no handler stops the run too, as in Ansible
    const unknown = notified.find((n) => !this.handlers.knows(n));
    if (unknown === undefined) return;
    throw new KplayError('command', `The requested handler '${unknown}' was not found in either the main handlers list nor in the listening handlers list`, { loc: task.loc });
  }

  /** --step: ask before the task (once for its hosts, or for its one host under strategy: free) */
  async stepAllows(name: string, handler: boolean, hosts: readonly HostRun[]): Promise<boolean> {
    const step = this.run.step;
    if (step === undefined) return true;
    const allowed = await step.allows(name, handler, this.play.strategy === 'free' ? hosts[0]?.name : undefined);
    // no answer left: nothing more runs
    if (step.ended) this.aborted = true;
    return allowed;
  }

  /**
   * meta, as Ansible's linear strategy runs it: noop, flush_handlers, end_host, reset_connection and role_complete
   * once for each host, the others once on the first host. Each time the task is announced (its banner, its name as
   * written); a host where `when` does not hold shows `skipping:`, not counted in the recap (as Ansible's). The
   * action follows, on the hosts where it held: flush_handlers runs the handlers once all hosts are announced.
   */
  private async runMeta(task: Task, title: string, hosts: readonly HostRun[], scope: PlayScope): Promise<Set<HostRun>> {
    const action = metaActionOf(task);
    const targets = runsPerHost(action) ? hosts : hosts.slice(0, 1);
    const started = performance.now();
    const acting = targets.filter((h, i) => this.announceMeta(task, title, action, h, { again: i > 0, hosts: targets }, scope));
    this.run.emit({ event: 'task_end', task: title, durationMs: Math.round(performance.now() - started) });
    if (acting.length > 0) await this.carryOutMeta(action, acting, scope);
    return new Set();
  }

  /** One host's turn of a meta task: its banner, -vv's `META:` line, its skip line; true when `when` held there. */
  private announceMeta(task: Task, title: string, action: string, host: HostRun, turn: { again: boolean; hosts: readonly HostRun[] }, scope: PlayScope): boolean {
    const hosts = turn.hosts.map((h) => h.name);
    this.run.emit({ event: 'task_start', play: this.play.name, task: title, loc: task.loc, hosts, role: task.role, again: turn.again || undefined });
    const warning = whenUnsupportedWarning(task, action);
    if (warning !== undefined) this.run.emit({ event: 'warning', msg: warning });
    const outcome = metaOutcome(action, host.name, !evaluatesWhen(action) || whenHolds(task, host, scope));
    this.run.emit({ event: 'log', level: 2, msg: `META: ${outcome.said}` });
    if (!outcome.skipped) return true;
    const { result } = outcome;
    this.run.emit({ event: 'host_result', host: host.name, task: title, status: 'skipped', msg: result.msg, detail: result, detailOnly: true, durationMs: 0 });
    return false;
  }

  /** What a meta action does, on the hosts where its `when` held. */
  private async carryOutMeta(action: string, hosts: readonly HostRun[], scope: PlayScope): Promise<void> {
    const playHosts = (): HostRun[] => scope.playHosts.map((n) => this.run.hosts.get(n)).filter((h): h is HostRun => h !== undefined);
    if (action === 'flush_handlers') await this.flushHandlers(scope, hosts);
    else if (action === 'end_host') for (const h of hosts) h.ended = true;
    else if (action === 'end_batch') this.metaEnded = 'batch';
    else if (action === 'end_play') {
      this.metaEnded = 'play';
      this.aborted = true;
    } else if (action === 'clear_host_errors') for (const h of this.run.hosts.values()) h.failed = false;
    else if (action === 'clear_facts') for (const h of playHosts()) clearFacts(h);
  }

  /** Each handler due, on the hosts that notified it; then the hosts' notifications are spent. */
  private async flushHandlers(scope: PlayScope, hosts: readonly HostRun[]): Promise<void> {
    const force = this.run.options.forceHandlers || this.play.forceHandlers;
    const eligible = (h: HostRun): boolean => h.active || (force === true && !h.unreachable);
    for (const { handler, hosts: notified, roleLayers } of this.handlers.due(hosts, eligible)) {
      const own: RoleLayers[] = [...(roleLayers ? [roleLayers] : []), ...(handler.roleParams ? [{ defaults: {}, vars: {}, params: handler.roleParams }] : [])];
      const handlerScope: PlayScope = own.length > 0 ? { ...scope, roleLayers: [...(scope.roleLayers ?? []), ...own] } : scope;
      const inh: Inherited = { when: [], tags: [], rescuable: false, keywords: this.play, handler: true };
      if (handler.kind === 'task') await this.runTaskNode(handler, notified, handlerScope, inh, true);
      else await runInclude(this, handler, notified, handlerScope, inh);
    }
    for (const h of hosts) h.notified.clear();
  }

  /** Report and count one result; an include's loop items count each, as Ansible counts them. */
  emitResult(r: HostResult): void {
    // an include's own line counts as a task that ran (its role ran, as Ansible's strategy marks it)
    this.run.hosts.get(r.host)?.noteResult(r.status);
    this.run.emit({ event: 'host_result', ...r });
    this.recorder.count({ ...r, item: undefined });
  }
}

/** meta clear_facts: the host's gathered facts are gone (set_fact's stay), as Ansible's clear_facts */
function clearFacts(host: HostRun): void {
  host.facts = undefined;
  host.factVars = dict();
}

/** The hosts a play's pattern matched (narrowed by --limit and the slice), in play order, and what matching warned of. */
export interface PlayTarget {
  readonly hosts: readonly string[];
  /** Ansible's `Could not match supplied host pattern, ignoring: x`, one for each part that matched nothing */
  readonly warnings: readonly string[];
}

export async function runPlay(run: RunContext, written: Play, target: PlayTarget, recorder: PlayRecorder): Promise<void> {
  // as Ansible's post-validation of the play, before its banner: a bad value stops the run here
  const play = renderPlayKeywords(run, written);
  // as Ansible's PlaybookExecutor: the pattern is matched next, its warnings said before the banner
  for (const msg of target.warnings) run.emit({ event: 'warning', msg });
  if (target.hosts.length === 0) {
    // Ansible's `skipping: no hosts matched`: the banner, and nothing of the play (no facts, no handlers)
    run.emit({ event: 'play_start', play: play.name, hosts: [], noHostsMatched: true });
    return;
  }
  run.emit({ event: 'play_start', play: play.name, hosts: target.hosts.filter((n) => run.hosts.get(n)?.active ?? false) });
  await new PlayRunner(run, play, recorder).runPlay(target.hosts);
}

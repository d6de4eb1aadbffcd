// One play: batches (serial), facts, pre_tasks/tasks/post_tasks with handler flushes, blocks, strategy.
import type { HostResult } from '../core/events.js';
import type { Block, Condition, IncludeTasks, Play, Task, TaskNode } from '../playbook/model.js';
import type { PlayScope, RunContext } from './context.js';
import type { HostRun } from './host.js';
import { gatherFactsTask } from './gather.js';
import { runTask, whenHolds, type TaskOutcome } from './task.js';
import { selectedByTags } from './tags.js';
import { markUnsafe } from '../template/index.js';
import { loadIncludedTasks } from './include.js';
import { serialBatches } from './serial.js';

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
}

class PlayRunner {
  private aborted = false;
  private startAt: string | undefined;

  constructor(
    private readonly run: RunContext,
    private readonly play: Play,
    private readonly recorder: PlayRecorder,
  ) {
    this.startAt = run.options.startAtTask;
  }

  async runPlay(playHosts: readonly string[]): Promise<void> {
    const hostsOf = (names: readonly string[]) => names.map((n) => this.run.hosts.get(n)).filter((h): h is HostRun => h !== undefined);
    for (const batch of serialBatches(playHosts, this.play.serial)) {
      if (this.aborted || this.run.interrupted.value) break;
      const scope: PlayScope = { run: this.run, play: this.play, playHosts, batch, blockVars: [] };
      const hosts = hostsOf(batch).filter((h) => h.active);
      const batchFailedBefore = hosts.length;
      if (this.play.gatherFacts) await this.gather(scope, hosts);
      if (this.play.strategy === 'free') {
        // free: each host goes through the play at its own pace, never waiting for the others
        await Promise.all(hosts.map((h) => this.runSections([h], scope)));
      } else {
        await this.runSections(hosts, scope);
      }
      const maxFail = this.play.maxFailPercentage;
      if (maxFail !== undefined) {
        const failed = hosts.filter((h) => h.failed || h.unreachable).length;
        if (batchFailedBefore > 0 && (failed / batchFailedBefore) * 100 > maxFail) this.aborted = true;
      }
    }
  }

  /** pre_tasks, tasks, post_tasks, each followed by a handler flush */
  private async runSections(hosts: readonly HostRun[], scope: PlayScope): Promise<void> {
    const top: Inherited = { when: [], tags: this.play.tags, rescuable: false };
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
          const r = await gatherFactsTask(this.run, h);
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
    const inner: PlayScope = { ...scope, blockVars: [...scope.blockVars, block.vars] };
    const innerInh: Inherited = { when: [...inh.when, ...block.when], tags: [...inh.tags, ...block.tags], rescuable: inh.rescuable };
    let failed = await this.runNodes(block.block, hosts, inner, { ...innerInh, rescuable: block.rescue.length > 0 });
    if (block.rescue.length > 0 && failed.size > 0) {
      const rescuing = [...failed].filter((h) => !h.unreachable);
      for (const h of rescuing) h.failed = false;
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

  private async runInclude(node: IncludeTasks, hosts: readonly HostRun[], scope: PlayScope, inh: Inherited): Promise<Set<HostRun>> {
    const failed = new Set<HostRun>();
    // the file name may be a template: hosts can include different files
    const byFile = new Map<string, HostRun[]>();
    for (const h of hosts) {
      const r = loadIncludedTasks(node, h, scope);
      if ('error' in r) {
        this.emitResult({ host: h.name, task: `include_tasks ${node.file}`, status: 'failed', msg: r.error, durationMs: 0 });
        h.failed = true;
        failed.add(h);
        continue;
      }
      const list = byFile.get(r.file) ?? [];
      list.push(h);
      byFile.set(r.file, list);
    }
    for (const [file, hs] of byFile) {
      const loaded = loadIncludedTasks(node, hs[0] as HostRun, scope);
      if ('error' in loaded) continue;
      void file;
      const inner: PlayScope = { ...scope, blockVars: [...scope.blockVars, node.vars] };
      const f = await this.runNodes(loaded.tasks, hs, inner, { ...inh, when: [...inh.when, ...node.when], tags: [...inh.tags, ...node.tags] });
      for (const h of f) failed.add(h);
    }
    return failed;
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
    if (!handler && this.startAt !== undefined) {
      if (this.startAt !== title && this.startAt !== `${task.role} : ${title}`) return failed;
      this.startAt = undefined;
    }
    const effective: Task = inh.when.length > 0 ? { ...task, when: [...inh.when, ...task.when] } : task;
    if (task.module === 'meta') return this.runMeta(effective, hosts, scope);
    const targets = task.runOnce ? hosts.slice(0, 1) : hosts;
    this.run.emit({ event: 'task_start', play: this.play.name, task: title, loc: task.loc, hosts: targets.map((h) => h.name), handler: handler || undefined, role: task.role });
    const started = performance.now();
    const outcomes = await Promise.all(
      targets.map((h) => this.run.forks(async () => [h, await runTask(effective, h, scope, title)] as const)),
    );
    for (const [h, outcome] of outcomes) {
      const appliesTo = task.runOnce ? hosts : [h];
      for (const target of appliesTo) this.apply(task, target, outcome, title, target !== h, inh.rescuable);
      if (outcome.status === 'failed' && !outcome.ignored) {
        for (const target of appliesTo) {
          target.failed = true;
          failed.add(target);
        }
      }
      if (outcome.status === 'unreachable') failed.add(h);
    }
    if (this.play.anyErrorsFatal && failed.size > 0) this.aborted = true;
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
      const facts = outcome.results.map((r) => r.detail?.ansible_facts).find((f) => f !== undefined);
      if (facts && typeof facts === 'object') Object.assign(host.runtimeVars, facts);
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

  private async flushHandlers(scope: PlayScope, hosts: readonly HostRun[]): Promise<void> {
    for (const handler of this.play.handlers) {
      const topics = new Set([handler.name, ...handler.listen].filter((t): t is string => t !== undefined));
      const notified = hosts.filter((h) => (h.active || (this.run.options.forceHandlers && !h.unreachable)) && [...topics].some((t) => h.notified.has(t)));
      if (notified.length === 0) continue;
      for (const h of notified) for (const t of topics) h.notified.delete(t);
      await this.runTaskNode(handler, notified, scope, { when: [], tags: [], rescuable: false }, true);
    }
  }

  private emitResult(r: HostResult): void {
    this.run.emit({ event: 'host_result', ...r });
    this.recorder.count(r);
  }
}

export async function runPlay(run: RunContext, play: Play, playHosts: readonly string[], recorder: PlayRecorder): Promise<void> {
  run.emit({ event: 'play_start', play: play.name, hosts: playHosts });
  await new PlayRunner(run, play, recorder).runPlay(playHosts);
}

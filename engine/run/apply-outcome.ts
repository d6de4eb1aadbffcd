// What one host's task outcome leaves behind: its report and count, the registered result, facts, notifications.
import { hostFactsOf, mergeFactVars } from '../facts/index.js';
import type { Task } from '../playbook/model.js';
import { findModule } from '../../modules/registry.js';
import { markUnsafe } from '../template/index.js';
import type { RunContext } from './context.js';
import type { HostRun } from './host.js';
import type { PlayRecorder } from './recorder.js';
import type { TaskOutcome } from './task.js';

export interface OutcomeOf {
  readonly task: Task;
  readonly title: string;
  readonly outcome: TaskOutcome;
  /** a run_once result given to a host that did not run it: applied, but neither reported nor counted again */
  readonly copiedFromRunOnce: boolean;
  /** inside a block with a rescue: a failure is counted as rescued */
  readonly rescuable: boolean;
}

export function applyOutcome(run: RunContext, recorder: PlayRecorder, host: HostRun, o: OutcomeOf): void {
  const { task, outcome } = o;
  host.noteResult(outcome.status);
  if (!o.copiedFromRunOnce) {
    const rescued = outcome.status === 'failed' && !outcome.ignored && o.rescuable ? true : undefined;
    for (const r of outcome.results) run.emit({ event: 'host_result', ...r, task: o.title, rescued: r.status === 'failed' ? rescued : undefined });
    recorder.count({
      host: host.name,
      task: o.title,
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
    const owner = (outcome.resolved ?? task).delegateFacts === true && outcome.delegate !== undefined ? outcome.delegate : host;
    if (findModule(task.module)?.returnsFacts === true) {
      // setup, service_facts, package_facts: they join the host's facts (ansible_facts and the names they return)
      // host data: never rendered as a template
      for (const facts of outcome.facts) owner.factVars = markUnsafe<Record<string, unknown>>(mergeFactVars(owner.factVars, facts));
      const namespaced = owner.factVars.ansible_facts;
      if (typeof namespaced === 'object' && namespaced !== null && (owner.facts !== undefined || 'pkg_mgr' in namespaced)) owner.facts = hostFactsOf(namespaced as Record<string, unknown>);
    } else {
      const target = findModule(task.module)?.includedVars === true ? owner.includedVars : owner.runtimeVars;
      for (const facts of outcome.facts) Object.assign(target, facts);
    }
  }
  // the names as rendered on this host (`notify: "restart {{ svc }}"`), not as written
  if (outcome.changed && outcome.status !== 'failed') for (const n of outcome.notify) host.notified.add(n);
}

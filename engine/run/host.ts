// The state of one host during a run: its connection, facts, variables it gained, and how it is doing.
import { dict } from '../core/dict.js';
import type { HostFacts } from '../core/facts.js';
import type { Vars } from '../playbook/model.js';
import type { Transport } from '../transport/transport.js';

export class HostRun {
  readonly name: string;
  /** inventory variables as the inventory resolved them (groups, host, group_vars/, host_vars/); add_host and group_by renew them */
  inventoryVars: Vars;
  facts: HostFacts | undefined;
  /** ansible_facts and ansible_* derived from facts */
  factVars: Vars = dict();
  /** include_vars: they outlive the play, below set_fact and register (Ansible's precedence 18 and 19) */
  readonly includedVars: Vars = dict();
  /** set_fact and register: they outlive the play, as in Ansible */
  readonly runtimeVars: Vars = dict();
  failed = false;
  unreachable = false;
  /** a task here was cut off by an interrupt (its command ended on the host): named after the recap */
  interrupted = false;
  /** check mode: some task already predicted a change here (see Plan.missingPrerequisite) */
  predictedChange = false;
  /** handler names and listen topics notified and not yet run */
  readonly notified = new Set<string>();
  /** meta: end_host */
  ended = false;
  /** results here of tasks that ran (see noteResult): a role ran on the host when its tasks raised it */
  ranResults = 0;
  /** the last task that failed here and its result: ansible_failed_task / ansible_failed_result in a rescue */
  lastFailure: { task: string; result: Vars } | undefined;
  /** its connections, by what the connection keywords chose for it (one, unless plays differ in remote_user...) */
  readonly transports = new Map<string, Promise<Transport>>();

  constructor(name: string, inventoryVars: Vars) {
    this.name = name;
    this.inventoryVars = inventoryVars;
  }

  get active(): boolean {
    return !this.failed && !this.unreachable && !this.ended;
  }

  /** Counts a result reported here: one that ran (ok, changed or failed; not skipped nor unreachable) raises ranResults. */
  noteResult(status: string): void {
    if (status === 'ok' || status === 'changed' || status === 'failed') this.ranResults++;
  }
}

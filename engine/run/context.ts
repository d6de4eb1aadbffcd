// What every part of a run shares: options, the event sink, the hosts, connections and the fork limit.
import type { LimitFunction } from 'p-limit';
import type { RunEvent } from '../core/events.js';
import type { Inventory } from '../inventory/index.js';
import type { IncludeLink } from '../playbook/context.js';
import type { Play, RoleLayers, Vars } from '../playbook/model.js';
import type { Transport } from '../transport/transport.js';
import type { ConnectionKeywords } from './connections.js';
import type { HostRun } from './host.js';
import type { RunOptions } from './options.js';
import type { StepGate } from './step.js';
import type { YamlFiles } from '../yaml/load.js';

export interface RunContext {
  readonly options: RunOptions;
  emit(event: RunEvent): void;
  readonly hosts: ReadonlyMap<string, HostRun>;
  /**
   * the one connection of a host for its connection variables (connection-vars.ts) and keywords, opened on first
   * use and kept for the whole run
   */
  connect(host: HostRun, connectionVars: Vars, keywords?: ConnectionKeywords): Promise<Transport>;
  /** after the host restarted (reboot): its connections closed, and a new one opened as connect() opens it */
  reconnect(host: HostRun, connectionVars: Vars, keywords?: ConnectionKeywords): Promise<Transport>;
  /** the host a task is delegated to, by the name delegate_to gave (see delegate.ts): one per name for the run */
  delegateHost(name: string): HostRun;
  /** at most `forks` hosts work at once */
  readonly forks: LimitFunction;
  /** the files the run reads and its vault passwords (include_tasks, include_role, include_vars, lookups, sources) */
  readonly files: YamlFiles;
  /** the run's inventory: add_host and group_by grow it while the run goes (dynamic-inventory.ts) */
  readonly inventory: Inventory;
  /** the `groups` magic variable (a new object each time the inventory grows) */
  groups: Readonly<Record<string, readonly string[]>>;
  /** set when SIGINT/SIGTERM arrived: no new task starts */
  readonly interrupted: { value: boolean };
  /** set when the playbook must stop after the current play (any_errors_fatal, max_fail_percentage, a failed batch) */
  readonly halted: { value: boolean };
  /** --step: asks before each task (absent without --step) */
  readonly step?: StepGate | undefined;
  /** --start-at-task: the task still looked for, across plays (undefined once found) */
  readonly startAt: { value: string | undefined };
}

export interface PlayScope {
  readonly run: RunContext;
  readonly play: Play;
  /** every host of the play (ansible_play_hosts_all) and the current batch */
  readonly playHosts: readonly string[];
  readonly batch: readonly string[];
  /** vars of the enclosing blocks, outermost first */
  readonly blockVars: readonly Vars[];
  /** the vars of the enclosing include_tasks / include_role (include params: they rank above set_fact), outermost first */
  readonly includeParams?: readonly Vars[] | undefined;
  /** the include_tasks / include_role running the current tasks, outermost first (bounded by MAX_INCLUDE_DEPTH) */
  readonly includeChain?: readonly IncludeLink[] | undefined;
  /** per-host loop variables of an enclosing include_tasks loop (host name -> vars) */
  readonly hostItemVars?: ReadonlyMap<string, Vars> | undefined;
  /** the defaults and vars of the roles the current tasks belong to, outermost first */
  readonly roleLayers?: readonly RoleLayers[] | undefined;
  /** roles an include_role with `public: true` made visible to the rest of the play (filled as the play runs) */
  readonly publicRoles?: RoleLayers[] | undefined;
}

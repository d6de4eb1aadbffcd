// What a run tells its reporters: a discriminated union. The NDJSON form (--json) is fixed by DESIGN.md.
import type { SourceLoc } from './location.js';

export type HostStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

export interface RecapCounts {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** One command a module ran on the host, and what it gave. */
export interface HostCommand {
  readonly cmd: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HostResult {
  readonly host: string;
  /** delegate_to: the host the task ran on, as Ansible shows it after `->` (`h2`, or `h2(10.0.0.2)`) */
  readonly delegatedTo?: string | undefined;
  readonly task: string;
  readonly status: HostStatus;
  readonly msg?: string | undefined;
  readonly durationMs: number;
  /** check mode: a change planned, not made */
  readonly predicted?: boolean | undefined;
  /** a failure whose error was ignored (ignore_errors) */
  readonly ignored?: boolean | undefined;
  /** the host's last result of a task whose failure was ignored: `...ignoring` follows it, once per host and task */
  readonly endsIgnored?: boolean | undefined;
  /** the host's last item of a loop whose every item was skipped: Ansible's `skipping: [host]` for the task follows it */
  readonly endsSkippedLoop?: boolean | undefined;
  /** the loop item's label, for loop results */
  readonly item?: string | undefined;
  /**
   * no_log: the result is shown as Ansible's `{"censored": msg}` (with `changed` unless the result is debug's own), and
   * an item's label (`item`, already censored) as Ansible 2.14 prints it (`None`)
   */
  readonly censored?: { readonly showsChanged: boolean } | undefined;
  /** the host's last item of a loop under no_log: Ansible's line for the task as a whole (its status) follows it */
  readonly endsCensoredLoop?: { readonly status: HostStatus; readonly changed: boolean } | undefined;
  /** what the module returned, as Ansible shows it with -v and registers it (already redacted for no_log) */
  readonly detail?: Readonly<Record<string, unknown>> | undefined;
  /**
   * kplay's own account of what ran on the host (from -v on, never under no_log): in --json's host_result, never in
   * the result shown or registered (Ansible's has no such key)
   */
  readonly commands?: readonly HostCommand[] | undefined;
  readonly diff?: { readonly path?: string | undefined; readonly before: string; readonly after: string } | undefined;
  /** a failed result whose module reported a change: Ansible counts an ignored one in `changed` too */
  readonly changed?: boolean | undefined;
  /** a failure caught by a block's rescue: counted in `rescued` only, as Ansible does */
  readonly rescued?: boolean | undefined;
  /** print the result's detail even without -v (debug does, as in Ansible) */
  readonly verboseAlways?: boolean | undefined;
  /** never print the result's detail, even with -v (Ansible's _ansible_verbose_override: the Gathering Facts task's) */
  readonly verboseNever?: boolean | undefined;
  /** the result shows its detail alone, no `changed` (a skipped meta task's: Ansible's {msg, skip_reason}) */
  readonly detailOnly?: boolean | undefined;
  /** include_tasks: the file this host included (printed as `included: FILE for HOST`) */
  readonly included?: string | undefined;
}

export type RunEvent =
  | {
      readonly event: 'run_start';
      readonly playbook: string;
      readonly check: boolean;
      readonly hosts: readonly string[];
      /** a sliced run (--shard): which slice this process runs; `hosts` are that slice's */
      readonly slice?: { readonly index: number; readonly count: number } | undefined;
    }
  | {
      readonly event: 'play_start';
      readonly play: string;
      readonly hosts: readonly string[];
      /**
       * the same play announced once more, for its next serial batch (as Ansible announces it for each batch): its
       * banner again, not a new play; `hosts` are the batch's
       */
      readonly again?: boolean | undefined;
      /**
       * the play's pattern, narrowed by --limit (and the run's slice), matched no host: Ansible's `skipping: no hosts
       * matched` under the banner, and nothing of the play runs (a play whose hosts all failed before has `hosts: []`
       * without it)
       */
      readonly noHostsMatched?: boolean | undefined;
    }
  | {
      readonly event: 'task_start';
      readonly play: string;
      readonly task: string;
      readonly loc: SourceLoc;
      readonly hosts: readonly string[];
      readonly handler?: boolean | undefined;
      /** the role the task comes from: shown as `TASK [role : name]` */
      readonly role?: string | undefined;
      /**
       * the same task announced once more, for its next host (Ansible announces a meta task such as flush_handlers
       * once for each host): its banner again, not a new task; one task_end ends them all
       */
      readonly again?: boolean | undefined;
    }
  | ({ readonly event: 'host_result' } & HostResult)
  | { readonly event: 'task_end'; readonly task: string; readonly durationMs: number }
  | { readonly event: 'warning'; readonly msg: string }
  /** a diagnostic line shown from verbosity `level` on (-vvv: 3 for SSH-level lines) */
  | { readonly event: 'log'; readonly level: number; readonly host?: string | undefined; readonly msg: string }
  | { readonly event: 'recap'; readonly hosts: Readonly<Record<string, RecapCounts>> }
  | { readonly event: 'run_end'; readonly exitCode: number; readonly durationMs: number };

export type RunEventKind = RunEvent['event'];

/** A reporter receives every event in order. Implementations: human (plain + live listr2), NDJSON. */
export interface Reporter {
  on(event: RunEvent): void;
  /** flush and stop any live rendering */
  close(): Promise<void>;
}

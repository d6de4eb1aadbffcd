// The module contract: a parameter schema, the host state a module reads (probes), and a pure plan from them.
// Modules never run anything: the engine runs the probes (in one round trip) and then the planned steps. The one
// exception, `act`, is for the few whose work spans connections (reboot, wait_for_connection) or time (pause).
import type { Static, TObject } from '@sinclair/typebox';
import type { HostFacts } from '../engine/core/facts.js';

/** What one probe command printed. code 127 means the command was not found on the host. */
export interface ProbeOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Probe name -> its output, for every probe the module asked for. */
export type Observed<K extends string = string> = Readonly<Record<K, ProbeOutput>>;

/** One command the engine runs on the host, in order; the first that exits outside okCodes fails the task. */
export interface Step {
  /** a POSIX sh command line built with engine/core/quote (sh`...`) */
  readonly cmd: string;
  readonly stdin?: string | Buffer | undefined;
  /** what it does, in words: "install qemu-kvm, libvirt" */
  readonly describe: string;
  /** exit codes that mean success; default [0] */
  readonly okCodes?: readonly number[] | undefined;
  /** read the host's clock just before and after the command (command, shell: Ansible's start, end and delta) */
  readonly timed?: boolean | undefined;
}

/**
 * The host's clock around a timed step, as `date +'%Y-%m-%d %H:%M:%S.%N'` printed it there (its local time, as
 * Python's datetime.now() on the host); empty when the host's `date` printed nothing.
 */
export interface HostClock {
  readonly start: string;
  readonly end: string;
}

export interface FileDiff {
  readonly path?: string | undefined;
  readonly before: string;
  readonly after: string;
}

/** Extra values a module returns (registered with `register:`, shown with -v). */
export type ResultData = Readonly<Record<string, unknown>>;

export type Plan =
  /** nothing to do; `reason` says why ("qemu-kvm is installed") */
  | { readonly kind: 'ok'; readonly reason: string; readonly data?: ResultData | undefined }
  /** the task is skipped on this host, as an Ansible action skips it (unarchive's `creates` exists): `msg` says why */
  | { readonly kind: 'skip'; readonly msg: string; readonly data?: ResultData | undefined }
  /** steps to run; `summary` says what will change ("install qemu-kvm, libvirt") */
  | {
      readonly kind: 'change';
      readonly summary: string;
      readonly steps: readonly Step[];
      /**
       * steps that only read the host, run in check mode instead of `steps`, whose finish is then the prediction
       * (unarchive compares a zip the host holds); without them check mode runs nothing and predicts `summary`
       */
      readonly checkSteps?: readonly Step[] | undefined;
      readonly diff?: FileDiff | undefined;
      readonly data?: ResultData | undefined;
    }
  /**
   * the module cannot proceed. When the cause is a prerequisite that an earlier task of this run would create
   * (a unit from a package not yet installed, `virsh` not yet present, a missing parent directory), set
   * `missingPrerequisite` to what the task would do: in check mode, after an earlier predicted change on the
   * same host, the engine reports that as a predicted change instead of a failure.
   */
  | {
      readonly kind: 'fail';
      readonly msg: string;
      readonly missingPrerequisite?: string | undefined;
      readonly data?: ResultData | undefined;
    };

/** The subdirectory of a role (or of the playbook's directory) where a controller-side file is looked for first. */
export type LocalFileKind = 'files' | 'templates' | 'vars';

/** A controller directory walked as Python's os.walk: each directory under it (itself included), with its files. */
export type LocalDirWalk =
  | { readonly kind: 'dir'; readonly path: string; readonly dirs: readonly { readonly path: string; readonly files: readonly string[] }[] }
  | { readonly kind: 'missing' | 'not_dir'; readonly path: string };

/** A controller file as fetch sees it: `path` absolute (a relative one is under the playbook's directory). */
export interface ControllerFile {
  readonly path: string;
  readonly kind: 'file' | 'directory' | 'missing';
  /** of a regular file: its sha1 and md5 (hex) */
  readonly sha1?: string | undefined;
  readonly md5?: string | undefined;
}

/** What the engine offers a plan besides probes. Everything here is pure from the module's point of view. */
export interface PlanContext {
  /** gathered facts, or undefined when gather_facts is off and nothing gathered them */
  readonly facts: HostFacts | undefined;
  readonly check: boolean;
  readonly diff: boolean;
  /** -v count of the run (debug's verbosity threshold); absent means 0 */
  readonly verbosity?: number | undefined;
  /** the user the task's commands run as on the host (after become) */
  readonly remoteUser: string;
  /**
   * render a Jinja template text with the task's variables (template module); given the file's src and dest, it
   * also sees ansible_managed and template_* as in Ansible
   */
  render(text: string, file?: { readonly src: string; readonly dest?: string }): string;
  /** evaluate a Jinja expression with the task's variables (assert, until) */
  evaluate(expression: string): unknown;
  /** one variable of the task, rendered, or that it is not defined (validate_argument_spec); absent outside a run */
  variable?(name: string): { readonly defined: boolean; readonly value?: unknown };
  /** read a controller-side file from files/, templates/ or vars/ of the role or the playbook (copy src, template src, include_vars) */
  readLocalFile(relativePath: string, kind: LocalFileKind): string;
  /** a controller path as fetch's dest: resolved under the playbook's directory, and what is there */
  controllerFile?(path: string): ControllerFile;
  /** the same file's bytes, as they are (unarchive's archive); absent where no controller files exist */
  readLocalBytes?(relativePath: string, kind: LocalFileKind): Buffer;
  /**
   * walk a controller directory of variable files found as Ansible's include_vars `dir:` finds it: in a role, under
   * the role's vars/ (a name starting with vars/ is the role's own, if it exists); else beside the task's file
   */
  walkVarsDir(dir: string): LocalDirWalk;
}

/** After the steps ran: turn their outputs into the result (command's stdout/rc, yum's installed list). */
export interface StepOutput {
  readonly step: Step;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  /** of a timed step that ran to its end */
  readonly clock?: HostClock | undefined;
}

/**
 * The host as a module that drives it itself sees it (reboot): commands on the task's connection, with its become,
 * and a new connection once the host restarted.
 */
export interface HostSession {
  /** the task's connection is to the controller itself (ansible_connection=local); false before a connectsItself module connects */
  readonly local: boolean;
  /** runs a command line, with `stdin` fed to it; rejects when the host cannot be reached */
  exec(command: string, stdin?: string): Promise<ProbeOutput>;
  /** closes the host's connections and opens a new one; rejects when the host cannot be reached */
  reconnect(): Promise<void>;
}

/** What a module that drives the host itself returns: its result, as a task's. */
export interface ActResult {
  readonly status: 'ok' | 'changed' | 'failed';
  readonly msg: string;
  readonly data: ResultData;
}

export interface Finish {
  readonly failed?: string | undefined;
  /** the task is skipped after all, with this message (unarchive's tar handlers in check mode) */
  readonly skipped?: string | undefined;
  /** a file the engine writes on the controller once the steps succeeded (fetch): parent directories made */
  readonly saveLocal?: { readonly path: string; readonly content: Buffer } | undefined;
  readonly changed?: boolean | undefined;
  readonly data?: ResultData | undefined;
}

export interface ModuleDef<S extends TObject = TObject> {
  readonly name: string;
  /** other names for the same module (dnf for yum, systemd for service) */
  readonly aliases?: readonly string[] | undefined;
  /** one line for `kplay doc` */
  readonly short: string;
  /** YAML examples for `kplay doc` */
  readonly examples: string;
  /** the parameter schema: it validates, documents (descriptions, defaults) and types the parameters */
  readonly params: S;
  /** the parameter that takes a free-form string (`command: ls -l` -> cmd); also `key=value` free form parsing */
  readonly freeForm?: string | undefined;
  /** parameters that must not appear together, and of which at least one is required */
  readonly mutuallyExclusive?: readonly (readonly string[])[] | undefined;
  readonly requiredOneOf?: readonly (readonly string[])[] | undefined;
  /** what the run says when a required parameter is missing, where Ansible's action says it in its own words */
  readonly missingMessage?: string | undefined;
  /**
   * a parameter the schema does not name is accepted rather than refused, as an Ansible action plugin that never
   * validates its arguments accepts it (fetch ignores it; package hands it to the host's manager module): validate
   * warns with the sentence this returns, and the run keeps it in the parameters for the module to judge
   */
  otherParam?(name: string): string;
  /** runs on the controller only (debug, set_fact, assert, fail, meta): no probes, no steps reach a host */
  readonly controllerOnly?: boolean | undefined;
  /** in check mode the engine skips a module that cannot predict (command, shell without creates/removes) */
  readonly checkMode?: 'plan' | 'skip' | undefined;
  /** when present, decides checkMode from the parameters (command: only creates/removes let it predict) */
  checkModeFor?(params: Static<S>): 'plan' | 'skip';
  /**
   * what a task skipped by check mode returns (registered, shown with -v): Ansible's command and shell give the
   * command, rc 0 and empty output, so a later `{{ result.stdout }}` still renders
   */
  checkSkipped?(params: Static<S>): { readonly msg: string; readonly data: ResultData };
  /**
   * the `async` task keyword. Absent: allowed with poll > 0 (a time limit on the module's commands), and with
   * poll: 0 (the module runs at once, its result recorded as a finished job for async_status).
   * 'detached': poll: 0 starts its one planned step in the background on the host (command, shell).
   * 'refused': never, as Ansible refuses it (copy, template, raw); controller-only modules are always refused.
   */
  readonly async?: 'detached' | 'refused' | undefined;
  /** the host facts the plan reads: when any is listed, the engine gathers facts even with gather_facts: false */
  readonly needsFacts?: boolean | undefined;
  /** its returned ansible_facts are host facts (setup, service_facts, package_facts), not set_fact's host variables */
  readonly returnsFacts?: boolean | undefined;
  /**
   * it can end the host's run (fail, assert, meta's end_host): validate then does not call a recursion of includes
   * after it endless, since the run may end there
   */
  readonly mayEndHostRun?: boolean | undefined;
  /** runs once for the play's hosts, as run_once does, whatever the task says (Ansible's BYPASS_HOST_LOOP: add_host) */
  readonly bypassHostLoop?: boolean | undefined;
  /**
   * its result's `add_host` ({host_name, groups, host_vars}) or `add_group` / `parent_groups` grow the run's inventory,
   * and the task is changed when they changed it (Ansible's add_dynamic_host and add_dynamic_group)
   */
  readonly changesInventory?: boolean | undefined;
  /** the engine runs it itself, once for the play's hosts, instead of planning per host (meta: flush_handlers, end_play) */
  readonly playControl?: boolean | undefined;
  /** its result shows its own data (msg or the variable) at every verbosity, never the plan's reason (debug) */
  readonly showsOwnResult?: boolean | undefined;
  /**
   * its ansible_facts are variables at include_vars' precedence level (below set_fact and register), kept as they
   * are even when host data named the file (Ansible's _ACTION_WITH_CLEAN_FACTS)
   */
  readonly includedVars?: boolean | undefined;
  /** parameters that are conditions (assert's `that`): validate checks their syntax, filters and tests as `when`'s */
  readonly conditionParams?: readonly string[] | undefined;
  /** shell commands whose output the plan reads: name -> command (all run in one round trip) */
  probe?(params: Static<S>, ctx: PlanContext): Readonly<Record<string, string>>;
  plan(params: Static<S>, observed: Observed, ctx: PlanContext): Plan;
  /**
   * the one exception to planning: a module whose work spans connections (reboot restarts the host, then waits for
   * it) drives the host through a session; the engine calls it instead of probe and plan. In check mode it must
   * only report (ctx.check).
   */
  act?(params: Static<S>, session: HostSession, ctx: PlanContext): Promise<ActResult>;
  /**
   * its act opens the host's connection itself, when it first runs a command (wait_for_connection waits for a host
   * that is not up yet): the engine does not connect first, and an unreachable host is the act's to handle
   */
  readonly connectsItself?: boolean | undefined;
  finish?(params: Static<S>, outputs: readonly StepOutput[]): Finish;
}

/**
 * The parameter names a module's rules refer to must be its own. Checked here rather than in ModuleDef: a
 * `keyof Static<S>` field would make ModuleDef<S> contravariant in S, and a module could no longer be listed
 * as a plain ModuleDef in the registry.
 */
interface ParamNameChecks<S extends TObject> {
  readonly freeForm?: (keyof Static<S> & string) | undefined;
  readonly mutuallyExclusive?: readonly (readonly (keyof Static<S> & string)[])[] | undefined;
  readonly requiredOneOf?: readonly (readonly (keyof Static<S> & string)[])[] | undefined;
}

/** Identity helper so each module file gets its parameter types inferred from its schema. */
export function defineModule<S extends TObject>(def: ModuleDef<S> & ParamNameChecks<S>): ModuleDef<S> {
  return def;
}

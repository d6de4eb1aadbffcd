// The validated playbook, as the runner consumes it. Values in args/when/vars are raw (templates unrendered).
import type { SourceLoc } from '../core/location.js';
import type { HOST_ORDERS } from '../validate/playbook-schema.js';

export type Vars = Record<string, unknown>;

/** A Jinja expression (when, changed_when, failed_when, until) or a literal boolean. */
export type Condition = { readonly expr: string; readonly loc: SourceLoc } | { readonly literal: boolean; readonly loc: SourceLoc };

/** The keywords that may be templates, rendered per host when the task runs (Ansible post-validates them there). */
export const TEMPLATED_KEYWORDS = [
  'become', 'ignore_errors', 'ignore_unreachable', 'no_log', 'check_mode', 'diff', 'run_once', 'delegate_facts', 'any_errors_fatal',
  'timeout', 'retries', 'delay', 'throttle',
] as const;
export type TemplatedKeyword = (typeof TEMPLATED_KEYWORDS)[number];

/** The task field each templated keyword sets (a child's plain value hides its parent's template, and the reverse). */
export const TEMPLATED_KEYWORD_FIELDS = {
  become: 'become',
  ignore_errors: 'ignoreErrors',
  ignore_unreachable: 'ignoreUnreachable',
  no_log: 'noLog',
  check_mode: 'checkMode',
  diff: 'diff',
  run_once: 'runOnce',
  delegate_facts: 'delegateFacts',
  any_errors_fatal: 'anyErrorsFatal',
  timeout: 'timeout',
  retries: 'retries',
  delay: 'delay',
  throttle: 'throttle',
} as const satisfies Record<TemplatedKeyword, keyof Task>;

/** A keyword written as a template (`ignore_errors: "{{ ansible_check_mode }}"`), with where it was written. */
export interface KeywordTemplate {
  readonly text: string;
  readonly loc: SourceLoc;
}

/**
 * Keywords a play or a block passes down to every task under it that does not set its own (Ansible's parent
 * attributes). `environment` is merged instead: the parent's variables, then the task's.
 */
export interface InheritableKeywords {
  readonly become?: boolean | undefined;
  readonly becomeUser?: string | undefined;
  readonly ignoreErrors?: boolean | undefined;
  /** an unreachable host counts ok + ignored and goes on (ignore_errors does not cover unreachable) */
  readonly ignoreUnreachable?: boolean | undefined;
  readonly noLog?: boolean | undefined;
  /** check_mode: true forces check mode, false forces a real run even under --check */
  readonly checkMode?: boolean | undefined;
  /** diff: true shows what changed as --diff does, false hides it even under --diff */
  readonly diff?: boolean | undefined;
  readonly runOnce?: boolean | undefined;
  readonly anyErrorsFatal?: boolean | undefined;
  /** seconds */
  readonly timeout?: number | undefined;
  /** remote_user: the SSH user where the host's variables name none (it ranks above -u) */
  readonly remoteUser?: string | undefined;
  /** port: the SSH port where the host's variables name none (ansible_port ranks above it, it above -o Port) */
  readonly port?: number | undefined;
  /** connection: how to reach hosts whose variables do not say (ansible_connection ranks above it) */
  readonly connection?: 'ssh' | 'local' | undefined;
  /** at most this many hosts run the task at once (under --forks) */
  readonly throttle?: number | undefined;
  /** delegate_to (a template, rendered per host and item); local_action sets "localhost" */
  readonly delegateTo?: string | undefined;
  /** delegate_facts: facts the task sets go to the delegated host */
  readonly delegateFacts?: boolean | undefined;
  /**
   * `environment:` for the task's commands: mappings (values unrendered) or templates giving one, the enclosing
   * ones first; rendered per host and merged in order, as Ansible's list of environments
   */
  readonly environment?: readonly (Vars | string)[] | undefined;
  /** keywords written as templates: their field above is unset until the task runs on a host */
  readonly templates?: Readonly<Partial<Record<TemplatedKeyword, KeywordTemplate>>> | undefined;
}

interface TaskCommon extends InheritableKeywords {
  readonly name: string | undefined;
  readonly loc: SourceLoc;
  readonly when: readonly Condition[];
  readonly tags: readonly string[];
  readonly vars: Vars;
  /** directory of the role this task came from, for files/ and templates/ lookups (else the playbook's dir) */
  readonly baseDir: string;
  /** the role this task came from, shown as "role : task" like Ansible */
  readonly role?: string | undefined;
}

export interface LoopControl {
  readonly loopVar: string; // default "item"
  readonly label?: string | undefined; // a template
  readonly indexVar?: string | undefined;
  /** seconds between items (a float, as Ansible's), or a template rendered with each host's variables */
  readonly pause?: number | KeywordTemplate | undefined;
  /** ansible_loop (index, first, last, length, previtem, nextitem...) for each item; allitems unless extendedAllitems is false */
  readonly extended?: boolean | undefined;
  readonly extendedAllitems?: boolean | undefined;
}

/** The `async` and `poll` keywords of a task (a task only: Ansible does not pass them down from blocks or plays). */
export interface AsyncKeywords {
  /** the time limit, in seconds (async: N, N > 0) */
  readonly limitS: number;
  /** poll: 0 starts the job and returns at once (async_status follows it); more: the task waits for it */
  readonly poll: number;
}

/** `async` and `poll` when either is a template: each is a number or a template rendered when the task runs on a host. */
export interface AsyncWritten {
  readonly limitS: number | KeywordTemplate;
  readonly poll: number | KeywordTemplate;
}

export interface Task extends TaskCommon {
  readonly kind: 'task';
  /** canonical module name (aliases resolved): "yum", "service", ... */
  readonly module: string;
  /** the module name as written (for messages) */
  readonly moduleAs: string;
  readonly args: Vars;
  readonly argsLoc: SourceLoc;
  /** loop: a list, or a template string that renders to one; with_X: the terms of lookup X */
  readonly loop?: unknown;
  /** X of a with_X loop (Ansible's loop_with): the items are lookup X over `loop` */
  readonly loopWith?: string | undefined;
  readonly loopControl?: LoopControl | undefined;
  readonly register?: string | undefined;
  readonly notify: readonly string[];
  readonly changedWhen?: readonly Condition[] | undefined;
  readonly failedWhen?: readonly Condition[] | undefined;
  readonly until?: readonly Condition[] | undefined;
  readonly retries?: number | undefined;
  readonly delay?: number | undefined;
  /** async: N (N > 0), with its poll */
  readonly async?: AsyncKeywords | undefined;
  /** async / poll written as templates: `async` is set from them on each host (Ansible post-validates them there) */
  readonly asyncWritten?: AsyncWritten | undefined;
}

export interface Block extends TaskCommon {
  readonly kind: 'block';
  /** handlers notified by each task under the block that names none itself */
  readonly notify?: readonly string[] | undefined;
  readonly block: readonly TaskNode[];
  readonly rescue: readonly TaskNode[];
  readonly always: readonly TaskNode[];
  /**
   * the tasks of a role (roles:, import_role, include_role): the role's defaults and vars (with its
   * dependencies'), which its tasks see above other roles' as in Ansible, and a private include_role's only they see
   */
  readonly roleLayers?: RoleLayers | undefined;
  /**
   * the tasks of a role of roles: or a dependency: its identity (role, parameters, when, tags, files) and meta's
   * allow_duplicates; as in Ansible, such a role that ran on a host does not run again there in the same play unless it
   * allows duplicates. Absent where nothing is skipped: a role named by import_role/include_role, a plain block
   */
  readonly roleRun?: { readonly key: string; readonly allowDuplicates: boolean } | undefined;
}

export interface RoleLayers {
  readonly defaults: Vars;
  readonly vars: Vars;
  /** the parameters of the roles: entry (`- role: app` with `app_version: v2`): above set_fact, as Ansible ranks them */
  readonly params?: Vars | undefined;
}

/** tasks_from, vars_from, defaults_from, handlers_from: file names in the role's subdirectories (default main) */
export interface RoleFrom {
  readonly tasks?: string | undefined;
  readonly vars?: string | undefined;
  readonly defaults?: string | undefined;
  readonly handlers?: string | undefined;
}

/** include_tasks: read at run time (the file name may be a template); import_tasks is expanded at parse time. */
export interface IncludeTasks extends TaskCommon {
  readonly kind: 'include';
  readonly file: string;
  /**
   * the action as written when it was not include_tasks (ansible.builtin.include_tasks, Ansible's deprecated
   * `include`): an unnamed include's title, as Ansible titles it with the action as written
   */
  readonly actionAs?: string | undefined;
  /** keywords given to every task of the file (`apply:`), as a block around them */
  readonly apply?: Omit<Block, 'block' | 'rescue' | 'always'> | undefined;
  /** include_tasks in a loop: the file runs once per item */
  readonly loop?: unknown;
  readonly loopWith?: string | undefined;
  readonly loopControl?: LoopControl | undefined;
}

/**
 * include_role: the role is loaded at run time (its name may be a template). Its when, tags and loop belong to the
 * include itself; `apply` holds the keywords for the role's tasks.
 */
export interface IncludeRole extends TaskCommon {
  readonly kind: 'include_role';
  readonly roleName: string;
  /** the action as written when it was not include_role (ansible.builtin.include_role): an unnamed one's title */
  readonly actionAs?: string | undefined;
  readonly from: RoleFrom;
  /** public: the role's defaults and vars stay visible to the rest of the play (default: only to its tasks) */
  readonly public: boolean;
  /** rolespec_validate: check the role's arguments against its meta/argument_specs first */
  readonly validate: boolean;
  /** keywords given to every task of the role (`apply:`), as a block around them */
  readonly apply?: Omit<Block, 'block' | 'rescue' | 'always'> | undefined;
  readonly loop?: unknown;
  readonly loopWith?: string | undefined;
  readonly loopControl?: LoopControl | undefined;
}

export type TaskNode = Task | Block | IncludeTasks | IncludeRole;

/** A handler: a task, or an include_tasks whose tasks run as handlers when it is notified. */
export type Handler = (Task | IncludeTasks) & {
  /** the handler's name and its `listen` topics: a notify matching any of them triggers it */
  readonly listen: readonly string[];
  /** the parameters of the roles: entry that brought the handler's role (role params, as for its tasks) */
  readonly roleParams?: Vars | undefined;
};

export type HostOrder = (typeof HOST_ORDERS)[number];

/** A vars_files entry whose names use host variables or facts (`vars/{{ ansible_os_family }}.yml`). */
export interface HostVarsFile {
  /** how many of the play's loaded varsFiles come before it (its place in the precedence order) */
  readonly after: number;
  /** the names as written (templates): the first that names an existing file wins */
  readonly names: readonly string[];
  /** the play's directory, which relative names are under */
  readonly dir: string;
  /** every file the names could name, read (and checked) before the run: absolute path -> its variables */
  readonly candidates: ReadonlyMap<string, Vars>;
  readonly loc: SourceLoc;
}

/** One `vars_prompt:` entry: asked once when its play starts, unless -e names the variable. */
export interface VarPrompt {
  readonly name: string;
  /** the question (a template; default: the name) */
  readonly prompt?: string | undefined;
  /** used for an empty answer, or without a terminal (a template; Ansible makes any value a string) */
  readonly default?: unknown;
  /** typed without echo (default true) */
  readonly private: boolean;
  /** asked twice, until both answers match */
  readonly confirm: boolean;
  /** the answer is never rendered as a template */
  readonly unsafe: boolean;
  /** the answer is hashed with this crypt scheme (md5_crypt, sha256_crypt, sha512_crypt), the salt given or random */
  readonly encrypt?: { readonly scheme: string; readonly salt?: string | undefined; readonly saltSize?: number | undefined } | undefined;
  readonly loc: SourceLoc;
}

/** A play: its own keywords, and those its tasks inherit (InheritableKeywords). */
export interface Play extends InheritableKeywords {
  readonly name: string;
  readonly loc: SourceLoc;
  /** a host pattern (all, web:&prod, ...), possibly a template */
  readonly hosts: string;
  readonly vars: Vars;
  /** vars_prompt: asked when the play starts; the answers rank as play vars (above `vars:`, below vars_files) */
  readonly varsPrompt: readonly VarPrompt[];
  /** vars_files, already loaded (in order) */
  readonly varsFiles: readonly Vars[];
  /** vars_files entries named through variables the play does not define: each host resolves its own at run time */
  readonly hostVarsFiles?: readonly HostVarsFile[] | undefined;
  /** role defaults (lowest precedence) and role vars, merged in role order */
  readonly roleDefaults: Vars;
  readonly roleVars: Vars;
  readonly gatherFacts: boolean;
  /** gather_facts written as a template: rendered as the play starts (with the play's variables, no host's) */
  readonly gatherFactsTemplate?: KeywordTemplate | undefined;
  /** gather_subset, gather_timeout (seconds), fact_path: how the implicit gathering collects (setup's parameters) */
  readonly gatherSubset?: readonly string[] | undefined;
  readonly gatherTimeout?: number | undefined;
  readonly factPath?: string | undefined;
  /** batch sizes: numbers, percentages ("30%") or templates rendered as the play starts; empty means all hosts at once */
  readonly serial: readonly (number | string)[];
  readonly strategy: 'linear' | 'free';
  /** the order the play takes its hosts in (Ansible's `order`) */
  readonly order: HostOrder;
  /** force_handlers: notified handlers run even on hosts that failed later (as --force-handlers) */
  readonly forceHandlers: boolean;
  readonly maxFailPercentage?: number | undefined;
  /** max_fail_percentage written as a template: rendered as the play starts (with the play's variables, no host's) */
  readonly maxFailTemplate?: KeywordTemplate | undefined;
  readonly tags: readonly string[];
  /** role tasks come first in `tasks`, as Ansible runs them (after pre_tasks) */
  readonly preTasks: readonly TaskNode[];
  readonly tasks: readonly TaskNode[];
  readonly postTasks: readonly TaskNode[];
  readonly handlers: readonly Handler[];
  readonly baseDir: string;
  /** the play's `collections:`: where roles named by a short name are looked for first (include_role at run time too) */
  readonly collections?: readonly string[] | undefined;
}

export interface Playbook {
  readonly file: string;
  readonly plays: readonly Play[];
}

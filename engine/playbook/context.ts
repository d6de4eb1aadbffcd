// State shared while one playbook (and the files it pulls in) is loaded: problems, pending notify checks, cycles.
import { YamlFiles } from '../yaml/load.js';
import { dict } from '../core/dict.js';
import type { SourceLoc } from '../core/location.js';
import { Problems } from '../validate/problems.js';
import type { Handler, RoleLayers, TaskNode, Vars } from './model.js';

/** A list of raw tasks -> nodes (task.ts's parseTaskList). */
export type TaskListParser = (list: unknown, ctx: LoadCtx, scope: Scope) => TaskNode[];

export interface LoadCtx {
  /**
   * how roles and handlers read their task lists: task lists hold roles (import_role) and roles hold task lists, so
   * the parser is handed down here rather than imported back (load.ts gives task.ts's)
   */
  readonly parseTasks: TaskListParser;
  readonly problems: Problems;
  /** the YAML files this load reads (parsed once each), with its vault passwords */
  readonly files: YamlFiles;
  readonly extraVars: Vars;
  /** where roles are looked for after the playbook's roles/ (roles_path in ansible.cfg, ANSIBLE_ROLES_PATH) */
  readonly rolesPath: readonly string[];
  /** the vars: of the play being read, for the names of static imports (roles read them with their own defaults) */
  playVars: Vars;
  /** the `collections:` of the play being read: where a role's short name is looked for before the roles paths */
  playCollections: readonly string[];
  /** notify names seen in the current play, checked against its handlers when the play is complete */
  notifies: { name: string; loc: SourceLoc | undefined }[];
  /**
   * the files and roles being read, each with the include or import that named it, innermost last: a file that
   * brings itself in again is not read again (and is reported when that recursion could never end)
   */
  readonly importing: IncludeLink[];
  /**
   * what import_role and include_role bring to the play being read: the roles' handlers, and import_role's
   * defaults and vars, which the whole play sees (Ansible adds an imported role to the play's roles)
   */
  playRoles: { handlers: Handler[]; layers: RoleLayers[] };
}

/** Where tasks being read come from. */
export interface Scope {
  /** role directory, else the playbook's directory: files/ and templates/ resolve here */
  readonly baseDir: string;
  /** directory of the file being read: import_tasks paths resolve against it */
  readonly fileDir: string;
  /** the playbook's directory: roles are found in its roles/ */
  readonly playDir: string;
  readonly role?: string | undefined;
  readonly inHandlers: boolean;
  /** inside a block with a `when` (in this file, or an import's): an include here may not run every time */
  readonly guarded?: boolean | undefined;
  /**
   * the variables known before the run, as Ansible's templar has them when it reads an import_tasks: role defaults,
   * play vars, role vars (extra vars are added where they are used)
   */
  readonly staticVars?: Vars | undefined;
  /**
   * read ahead of an include_tasks that brings the file in when it runs: what Ansible resolves only then (the role
   * an import_role names) is a warning now, and a failure of the hosts that run the include (the runner reads the
   * file again for them)
   */
  readonly readAhead?: boolean | undefined;
}

export function newLoadCtx(parseTasks: TaskListParser, extraVars: Vars = dict(), rolesPath: readonly string[] = [], files: YamlFiles = new YamlFiles()): LoadCtx {
  return { parseTasks, problems: new Problems(), files, extraVars, rolesPath, playVars: dict(), playCollections: [], notifies: [], importing: [], playRoles: { handlers: [], layers: [] } };
}

/** One step of the chain: `action target`, named at `at`. */
export interface IncludeLink {
  readonly action: 'playbook' | 'import_playbook' | 'import_tasks' | 'include_tasks' | 'import_role' | 'include_role';
  /** the file (or `role NAME (FILE)`) read: the same target twice in the chain is a recursion */
  readonly target: string;
  /** the name as the include wrote it, when it is not the target itself (a path relative to the including file) */
  readonly name?: string | undefined;
  /** where the include named it (undefined for the playbook itself) */
  readonly at: SourceLoc | undefined;
  /** a `when` or a loop on the include, or on a block around it in its file: a recursion through it may end */
  readonly guarded: boolean;
  /** the file it brought in has a task that can end a host's run (meta, fail, assert) before what follows */
  stops: boolean;
}

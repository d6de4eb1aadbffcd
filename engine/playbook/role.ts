// Roles from roles/ beside the playbook: tasks, handlers, defaults, vars (files/ and templates/ via baseDir), for a
// play's `roles:` entries and for import_role / include_role (which may pick other files with tasks_from, ...).
import { checkPythonPlugins } from './python-plugins.js';
import { collectionSearchHint, findCollectionRole } from './collection-roles.js';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { dict } from '../core/dict.js';
import type { SourceLoc } from '../core/location.js';
import { didYouMean } from '../core/suggest.js';
import { valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import type { Block, Handler, InheritableKeywords, RoleFrom, TaskNode, Vars } from './model.js';
import { readInheritable } from './inheritable.js';
import { parseHandlers } from './handlers.js';
import { asBool, asConditions, asString, asStringList, isMapping, locOrFile, type Raw } from './read.js';
import { isFile, readTaskFile } from './task-files.js';
import { readVarsFile } from './vars-file.js';
import { validationTask } from './role-argspecs.js';

export interface LoadedRole {
  /** the blocks of its dependencies, then its own tasks as one block */
  readonly tasks: TaskNode[];
  readonly handlers: Handler[];
  /** defaults and vars of the role and its dependencies (the role's own win) */
  readonly defaults: Vars;
  readonly vars: Vars;
}

/**
 * The keywords of a play's role entry, given to the role's own block (import_role's wrap the whole role instead):
 * when, tags, and the keywords its tasks inherit (become, ignore_errors, environment, ...).
 */
type RoleEntry = Pick<Block, 'loc' | 'when' | 'tags' | 'vars'> &
  Partial<InheritableKeywords> & {
    /** named by import_role / include_role: Ansible never skips such a role as already run (its dependencies it may) */
    readonly namedByTask?: boolean | undefined;
  };

/** Where a *_from option was written, for a "not found" problem. */
export type FromLocs = Partial<Record<keyof RoleFrom, SourceLoc | undefined>>;

const ROLE_ENTRY_KEYS = new Set(['role', 'name', 'tags', 'when', 'vars']);
/** The keywords of a role entry in Ansible (RoleDefinition's attributes): every other key is a role parameter. */
const ANSIBLE_ROLE_KEYWORDS: ReadonlySet<string> = new Set([
  'any_errors_fatal', 'become', 'become_exe', 'become_flags', 'become_method', 'become_user', 'check_mode', 'collections', 'connection', 'debugger', 'diff',
  'environment', 'ignore_errors', 'ignore_unreachable', 'module_defaults', 'name', 'no_log', 'port', 'remote_user', 'role', 'run_once', 'tags', 'throttle',
  'timeout', 'vars', 'when',
]);

/** Whether a role checks its arguments against its spec, and the parameters given directly (Ansible's role params). */
export interface RoleValidation {
  readonly enabled: boolean;
  readonly provided: Vars;
}
const FROM_SUBDIRS: Readonly<Record<keyof RoleFrom, string>> = { tasks: 'tasks', vars: 'vars', defaults: 'defaults', handlers: 'handlers' };

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** A role subdirectory's main.yml, main.yaml or main. */
function mainFile(subdir: string): string | undefined {
  return ['main.yml', 'main.yaml', 'main.json', 'main'].map((f) => join(subdir, f)).find(isFile);
}

/**
 * defaults/ and vars/: as Ansible's find_vars_files, `main` (or the *_from name) may be a directory, whose files
 * (.yml, .yaml, .json or no extension; not hidden, not ending in ~) are read in name order, subdirectories
 * included, later files over earlier ones. Without *_from, main.yml / main.yaml / main.json come before main/;
 * with it, the name as written comes first.
 */
function roleVarsFiles(dir: string, sub: 'defaults' | 'vars', from: RoleFrom, ctx: LoadCtx, locs: FromLocs): string[] {
  const subdir = join(dir, FROM_SUBDIRS[sub]);
  const wanted = from[sub];
  const base = wanted === undefined ? 'main' : basename(wanted);
  const exts = wanted === undefined ? ['.yml', '.yaml', '.json', ''] : ['', '.yml', '.yaml', '.json'];
  const path = exts.map((ext) => join(subdir, base + ext)).find((p) => existsSync(p));
  if (path !== undefined) return isDir(path) ? varsDirFiles(path) : [path];
  return wanted === undefined ? [] : [roleFile(dir, sub, from, ctx, locs)].filter((f) => f !== undefined);
}

function varsDirFiles(path: string): string[] {
  return readdirSync(path)
    .sort()
    .filter((n) => !n.startsWith('.') && !n.endsWith('~'))
    .flatMap((n) => {
      const full = join(path, n);
      const ext = /\.[^.]*$/.exec(n)?.[0] ?? '';
      if (ext === '' && isDir(full)) return varsDirFiles(full);
      return isFile(full) && ['', '.yml', '.yaml', '.json'].includes(ext) ? [full] : [];
    });
}

/** tasks/main.yml (or main.yaml, main), or the file a *_from option names: as Ansible, only its base name, with or without extension. */
function roleFile(dir: string, sub: keyof RoleFrom, from: RoleFrom, ctx: LoadCtx, locs: FromLocs): string | undefined {
  const subdir = join(dir, FROM_SUBDIRS[sub]);
  const wanted = from[sub];
  if (wanted === undefined) return mainFile(subdir);
  const base = basename(wanted);
  const found = ['', '.yml', '.yaml', '.json'].map((ext) => join(subdir, base + ext)).find(isFile);
  if (found === undefined) {
    const there = isDir(subdir) ? readdirSync(subdir).map((f) => f.replace(/\.(ya?ml|json)$/, '')) : [];
    ctx.problems.add(`${sub}_from: the role has no file ${FROM_SUBDIRS[sub]}/${base} (nor ${base}.yml, ${base}.yaml)`, locs[sub], didYouMean(base, there, `files in ${subdir}`));
  }
  return found;
}

/**
 * As Ansible looks: the playbook's roles/, then roles_path, then (for a dependency) the directory of the role that
 * depends on it (kubespray's `policy_controller/calico` beside `policy_controller`), then beside the playbook.
 */
function roleCandidates(name: string, playDir: string, rolesPath: readonly string[], dependentsDir?: string): string[] {
  if (isAbsolute(name)) return [name];
  return [join(playDir, 'roles', name), ...rolesPath.map((d) => join(d, name)), ...(dependentsDir === undefined ? [] : [join(dependentsDir, name)]), join(playDir, name)];
}

/** A role found: its directory, and its name as Ansible shows it (namespace.collection.role for a collection's). */
interface FoundRole {
  readonly dir: string;
  readonly name: string;
}

/**
 * A collection's role first (a full name, or, named in a file of a collection's role `near`, a role of that
 * collection), then the roles paths, as Ansible's RoleDefinition looks.
 */
function findRole(name: string, playDir: string, rolesPath: readonly string[], dependentsDir?: string, near?: string, collections: readonly string[] = []): FoundRole | undefined {
  const inCollection = findCollectionRole(name, playDir, near, collections);
  if (inCollection !== undefined) return { dir: inCollection.dir, name: inCollection.fqcn };
  const dir = roleCandidates(name, playDir, rolesPath, dependentsDir).find(isDir);
  // with symlinks resolved, as Ansible's unfrackpath gives the role's path: role_path and the included files'
  // paths it prints are the real ones (a roles/ that is a link to a shared directory)
  return dir === undefined ? undefined : { dir: realpathSync(dir), name };
}

function notFoundHint(name: string, playDir: string, rolesPath: readonly string[], dependentsDir?: string): string {
  return (
    collectionSearchHint(name, playDir) ??
    didYouMean(name, knownRoles(playDir, rolesPath), 'roles found') ??
    `looked in ${roleCandidates(name, playDir, rolesPath, dependentsDir).join(', ')}`
  );
}

/**
 * include_role's check before the run: a role not present is an error only where the include runs (a warning).
 * `near`: the file naming the role, so that a collection's role finds its sibling roles by their short names.
 */
export function missingRoleHint(name: string, playDir: string, rolesPath: readonly string[], near?: string, collections: readonly string[] = []): string | undefined {
  if (findRole(name, playDir, rolesPath, undefined, near, collections) !== undefined) return undefined;
  return notFoundHint(name, playDir, rolesPath);
}

/** The directories searched for a role, as Ansible names them in "the role 'x' was not found in A:B:C". */
export function roleSearchPath(playDir: string, rolesPath: readonly string[]): string {
  return [join(playDir, 'roles'), ...rolesPath, playDir].map((d) => resolve(d)).join(':');
}

function knownRoles(playDir: string, rolesPath: readonly string[]): string[] {
  return [join(playDir, 'roles'), ...rolesPath].flatMap((dir) => (isDir(dir) ? readdirSync(dir).filter((d) => isDir(join(dir, d))) : []));
}

/** A role entry of a play (`- common` or `- role: common, tags: [...]`) -> its tasks (one block), handlers, vars. */
/** `dependentsDir`: for a role's meta dependency, the directory holding the role that depends on it. */
export function loadRole(list: unknown[], index: number, ctx: LoadCtx, playDir: string, stack: string[] = [], dependentsDir?: string): LoadedRole | undefined {
  const entry = list[index];
  const raw: Raw = isMapping(entry) ? entry : {};
  const name = typeof entry === 'string' ? entry : (asString(raw.role) ?? asString(raw.name));
  const loc: SourceLoc = valueLoc(list, index) ?? { file: playDir, line: 1, col: 1 };
  if (name === undefined) {
    ctx.problems.add('a role entry needs a name: `- rolename` or `- role: rolename`', loc);
    return undefined;
  }
  // role parameters: `vars:` and every key of the entry that is not a keyword, as Ansible passes them
  const provided: Vars = Object.fromEntries(Object.entries(raw).filter(([k]) => !ANSIBLE_ROLE_KEYWORDS.has(k)));
  const params: Vars = dict(isMapping(raw.vars) ? raw.vars : undefined, provided);
  const keywords = Object.fromEntries(Object.entries(raw).filter(([k]) => ANSIBLE_ROLE_KEYWORDS.has(k) && !ROLE_ENTRY_KEYS.has(k)));
  const roleEntry: RoleEntry = {
    loc: isMapping(entry) ? locOrFile(raw, loc.file) : loc,
    when: asConditions(raw, 'when'),
    tags: asStringList(raw.tags, true),
    vars: params,
    ...readInheritable(keywords),
  };
  return loadRoleNamed(name, loc, ctx, playDir, {}, {}, stack, roleEntry, { enabled: true, provided }, dependentsDir);
}

/**
 * The role `name` (found in the playbook's roles/, or the playbook's directory), its dependencies first; `from`
 * picks other files than main. `loc` is where the role is named, for problems.
 */
export function loadRoleNamed(
  name: string,
  loc: SourceLoc,
  ctx: LoadCtx,
  playDir: string,
  from: RoleFrom,
  fromLocs: FromLocs,
  stack: string[] = [],
  entry: RoleEntry = { loc, when: [], tags: [], vars: {} },
  validation: RoleValidation = { enabled: true, provided: {} },
  dependentsDir?: string,
): LoadedRole | undefined {
  const found = findRole(name, playDir, ctx.rolesPath, dependentsDir, loc.file, ctx.playCollections);
  if (!found) {
    ctx.problems.add(`role "${name}" not found`, loc, notFoundHint(name, playDir, ctx.rolesPath, dependentsDir));
    return undefined;
  }
  const { dir, name: roleName } = found;
  if (stack.includes(dir)) {
    ctx.problems.add(`role "${name}" depends on itself (${[...stack, dir].join(' -> ')})`, loc);
    return undefined;
  }
  checkPythonPlugins(dir, ctx.problems);
  const meta = readMeta(dir, ctx);
  const deps = dependencies(meta, dir, ctx, playDir, [...stack, dir]);
  const readAll = (sub: 'defaults' | 'vars') => roleVarsFiles(dir, sub, from, ctx, fromLocs).map((f) => readVarsFile(f, ctx, loc));
  const defaults = dict(...deps.map((d) => d.defaults), ...readAll('defaults'));
  const vars = dict(...deps.map((d) => d.vars), ...readAll('vars'));
  const staticVars = dict(defaults, ctx.playVars, vars, entry.vars);
  const scope: Scope = { baseDir: dir, fileDir: join(dir, 'tasks'), playDir, role: roleName, inHandlers: false, staticVars };
  const tasksFile = roleFile(dir, 'tasks', from, ctx, fromLocs);
  const own = tasksFile ? ctx.parseTasks(readTaskFile(tasksFile, ctx, loc), ctx, { ...scope, fileDir: dirname(tasksFile) }) : [];
  const check = validation.enabled ? validationTask(dir, roleName, from.tasks === undefined ? undefined : basename(from.tasks), validation.provided, ctx, entry.loc) : undefined;
  const tasks = check === undefined ? own : [...ctx.parseTasks([check], ctx, scope), ...own];
  const handlersFile = roleFile(dir, 'handlers', from, ctx, fromLocs);
  const handlers = handlersFile
    ? parseHandlers(readTaskFile(handlersFile, ctx, loc), ctx, { ...scope, fileDir: dirname(handlersFile), inHandlers: true })
    : [];
  const block: Block = {
    kind: 'block',
    name: undefined,
    ...entry,
    // the entry's parameters rank as role params, not as block vars
    vars: {},
    baseDir: dir,
    role: roleName,
    block: tasks,
    rescue: [],
    always: [],
    roleLayers: { defaults, vars, ...(Object.keys(entry.vars).length > 0 ? { params: entry.vars } : {}) },
    roleRun: entry.namedByTask === true ? undefined : { key: roleRunKey(dir, entry, from), allowDuplicates: isMapping(meta) && asBool(meta.allow_duplicates) === true },
  };
  // the role's parameters are the role's variables for its handlers too, as in Ansible (`restarted for {{ version }}`)
  const withParams = Object.keys(entry.vars).length === 0 ? handlers : handlers.map((h) => ({ ...h, roleParams: entry.vars }));
  return { tasks: [...deps.flatMap((d) => d.tasks), block], handlers: [...deps.flatMap((d) => d.handlers), ...withParams], defaults, vars };
}

/** meta/main.yml's content (undefined when there is none or it does not load: its problem is reported). */
function readMeta(dir: string, ctx: LoadCtx): unknown {
  const meta = mainFile(join(dir, 'meta'));
  if (!meta) return undefined;
  try {
    return ctx.files.load(meta).value;
  } catch (err) {
    ctx.problems.absorb(err);
    return undefined;
  }
}

/** meta/main.yml `dependencies:` run before the role, as in Ansible. */
function dependencies(meta: unknown, dir: string, ctx: LoadCtx, playDir: string, stack: string[]): LoadedRole[] {
  const deps = isMapping(meta) ? meta.dependencies : undefined;
  if (!Array.isArray(deps)) return [];
  return deps.flatMap((_d, i) => loadRole(deps, i, ctx, playDir, stack, dirname(dir)) ?? []);
}

/**
 * A role's identity in a play, as Ansible's role cache keys it: the role, its parameters, the entry's when and tags,
 * the *_from files. A role of roles: or a dependency runs once per host and identity.
 */
function roleRunKey(dir: string, entry: RoleEntry, from: RoleFrom): string {
  const when = entry.when.map((c) => ('expr' in c ? c.expr : c.literal));
  return JSON.stringify([dir, entry.vars, when, entry.tags, from]);
}

// loadPlaybook: a playbook file (and everything it imports) -> the validated model, or InputErrors with every problem.
import { dirname, isAbsolute, join } from 'node:path';
import type { SourceLoc } from '../core/location.js';
import { checkPlaybookShape } from '../validate/schema-check.js';
import { checkTemplatesIn } from '../validate/template-check.js';
import type { YamlFiles } from '../yaml/load.js';
import { locOf, valueLoc } from '../yaml/positions.js';
import { newLoadCtx, type LoadCtx } from './context.js';
import type { IncludeLink } from './context.js';
import { enterLink, roleTarget } from './include-chain.js';
import { dict } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import { checkPythonPlugins } from './python-plugins.js';
import { collectionPlaybookSearch, findCollectionPlaybook } from './collection-roles.js';
import { didYouMean } from '../core/suggest.js';
import { renameOldPlayKeywords } from './old-play-keywords.js';
import type { Play, Playbook, RoleFrom, TaskNode, Vars } from './model.js';
import { loadRoleNamed, type LoadedRole } from './role.js';
import { parsePlay } from './play.js';
import { asStringList, isMapping, type Raw } from './read.js';
import { isFile, readTaskFile } from './task-files.js';
import { parseTaskList } from './task.js';

export interface LoadOptions {
  readonly extraVars?: Record<string, unknown> | undefined;
  /** where roles are looked for after the playbook's roles/ (roles_path) */
  readonly rolesPath?: readonly string[] | undefined;
  /** receives what does not stop the run (a module kplay does not have), errors or not */
  readonly warnings?: InputError[] | undefined;
  /** the files read (and the vault passwords to read them with); a fresh reader with no vault password if absent */
  readonly files?: YamlFiles | undefined;
}

/**
 * Read and validate a playbook: YAML, the JSON Schema, keywords, modules and their parameters, template syntax,
 * roles, imports, notify. Throws InputErrors listing every problem found, each located.
 */
export function loadPlaybook(file: string, opts: LoadOptions = {}): Promise<Playbook> {
  // the executor's throw becomes the rejection: callers get InputErrors either way
  return new Promise((resolve) => resolve(loadPlaybookSync(file, opts)));
}

export function loadPlaybookSync(file: string, opts: LoadOptions = {}): Playbook {
  const ctx = newLoadCtx(parseTaskList, opts.extraVars ?? {}, opts.rolesPath, opts.files);
  const plays = readPlaybookFile(file, ctx, { action: 'playbook', target: file, at: undefined, guarded: false, stops: false });
  opts.warnings?.push(...ctx.problems.warnings);
  ctx.problems.throwIfAny();
  return { file, plays };
}

/** `link`: the playbook itself, or the import_playbook that names this file. */
function readPlaybookFile(file: string, ctx: LoadCtx, link: IncludeLink): Play[] {
  const refLoc = link.at;
  if (!isFile(file)) {
    ctx.problems.add(`playbook ${file} does not exist`, refLoc);
    return [];
  }
  let value: unknown;
  try {
    value = ctx.files.load(file).value;
  } catch (err) {
    ctx.problems.absorb(err);
    return [];
  }
  const top = typeof value === 'object' && value !== null ? locOf(value) : undefined;
  const start = top ?? { file, line: 1, col: 1 };
  if (value === null || (Array.isArray(value) && value.length === 0)) {
    ctx.problems.add('the playbook is empty', start, 'a playbook is a list of plays: `- hosts: all` then `tasks:`');
    return [];
  }
  if (!Array.isArray(value)) {
    const hint = isMapping(value) ? 'a playbook is a list of plays: start the play with `- ` (`- hosts: all`), indenting its keys under it' : 'a playbook is a list of plays (`- hosts: all`)';
    ctx.problems.add(`a playbook must be a list of plays, but this file is ${isMapping(value) ? 'a mapping' : 'a single value'}`, start, hint);
    return [];
  }
  renameOldPlayKeywords(value, ctx.problems);
  checkPlaybookShape(value, ctx.problems, start);
  checkTemplatesIn(value, ctx.problems);
  checkPythonPlugins(dirname(file), ctx.problems);
  const plays: Play[] = [];
  if (!enterLink(ctx, link)) return [];
  for (const entry of value) {
    if (!isMapping(entry)) continue;
    const imp = entry.import_playbook ?? entry['ansible.builtin.import_playbook'];
    if (imp !== undefined) plays.push(...importPlaybook(entry, imp, file, ctx));
    else plays.push(parsePlay(entry, file, ctx));
  }
  ctx.importing.pop();
  return plays;
}

/**
 * import_playbook: the plays of another file, with its vars and tags added to each. As in Ansible, a full name
 * (namespace.collection.name) is first a playbook of that collection (its plays find the collection's roles by their
 * short names: collection-roles.ts), then a path.
 */
function importPlaybook(entry: Raw, imp: unknown, file: string, ctx: LoadCtx): Play[] {
  if (typeof imp !== 'string') return [];
  const key = 'import_playbook' in entry ? 'import_playbook' : 'ansible.builtin.import_playbook';
  const at = valueLoc(entry, key) ?? locOf(entry);
  const path = findCollectionPlaybook(imp, dirname(file)) ?? (isAbsolute(imp) ? imp : join(dirname(file), imp));
  const search = isFile(path) ? undefined : collectionPlaybookSearch(imp, dirname(file));
  if (search !== undefined) {
    const hint = [search.where, didYouMean(imp, search.known, 'its playbooks')].filter((h) => h !== undefined).join('; ');
    ctx.problems.add(`playbook ${imp} not found: no collection playbook of that name, and no file ${path}`, at, hint);
    return [];
  }
  const vars: Vars | undefined = isMapping(entry.vars) ? entry.vars : undefined;
  const tags = asStringList(entry.tags, true);
  const link: IncludeLink = { action: 'import_playbook', target: path, name: imp, at, guarded: false, stops: false };
  return readPlaybookFile(path, ctx, link).map((p) => ({ ...p, vars: dict(p.vars, vars), tags: [...p.tags, ...tags] }));
}

/**
 * A task file read at run time by include_tasks (the runner renders its name first). `baseDir` is the role's
 * directory or the playbook's; throws InputErrors when the file has problems.
 */
export function loadTasksFile(file: string, files: YamlFiles, baseDir: string, role?: string, playDir: string = baseDir, rolesPath: readonly string[] = [], collections: readonly string[] = []): TaskNode[] {
  const ctx = newLoadCtx(parseTaskList, {}, rolesPath, files);
  ctx.playCollections = collections;
  const scope = { baseDir, fileDir: dirname(file), playDir, role, inHandlers: false };
  // the file heads the chain: an include of itself in it is found at once
  ctx.importing.push({ action: 'include_tasks', target: file, at: undefined, guarded: false, stops: false });
  const nodes = parseTaskList(readTaskFile(file, ctx, undefined), ctx, scope);
  ctx.problems.throwIfAny();
  return nodes;
}

/**
 * The role an include_role names, read at run time (the runner renders its name first), with the handlers of any
 * role it imports. Throws InputErrors when the role has problems.
 */
export function loadIncludedRole(name: string, files: YamlFiles, from: RoleFrom, playDir: string, loc: SourceLoc, rolesPath: readonly string[] = [], validate = true, collections: readonly string[] = []): LoadedRole {
  const ctx = newLoadCtx(parseTaskList, {}, rolesPath, files);
  ctx.playCollections = collections;
  // the role heads the chain: an include_role of itself in it is found at once
  ctx.importing.push({ action: 'include_role', target: roleTarget(name, from.tasks), at: undefined, guarded: false, stops: false });
  const entry = { loc, when: [], tags: [], vars: {}, namedByTask: true };
  const role = loadRoleNamed(name, loc, ctx, playDir, from, {}, [], entry, { enabled: validate, provided: {} });
  ctx.problems.throwIfAny();
  if (!role) throw new InputError(`role "${name}" could not be loaded`, { loc });
  return { ...role, handlers: [...role.handlers, ...ctx.playRoles.handlers] };
}

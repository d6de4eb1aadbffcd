// Roles from roles/ beside the playbook: tasks, handlers, defaults, vars (files/ and templates/ via baseDir).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { SourceLoc } from '../core/location.js';
import { didYouMean } from '../validate/suggest.js';
import { loadYamlFile } from '../yaml/load.js';
import { valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import type { Block, Handler, TaskNode, Vars } from './model.js';
import { parseHandlers } from './handlers.js';
import { asConditions, asString, asStringList, isMapping, locOrFile, type Raw } from './read.js';
import { isFile, readTaskFile } from './task-files.js';
import { parseTaskList } from './task.js';
import { readVarsFile } from './vars-file.js';

export interface LoadedRole {
  readonly tasks: TaskNode[];
  readonly handlers: Handler[];
  readonly defaults: Vars;
  readonly vars: Vars;
}

const ROLE_ENTRY_KEYS = new Set(['role', 'name', 'tags', 'when', 'vars']);

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

/** tasks/main.yml, main.yaml or main */
function mainFile(dir: string): string | undefined {
  return ['main.yml', 'main.yaml', 'main'].map((f) => join(dir, f)).find(isFile);
}

function findRole(name: string, playDir: string): string | undefined {
  const candidates = isAbsolute(name) ? [name] : [join(playDir, 'roles', name), join(playDir, name)];
  return candidates.find(isDir);
}

function knownRoles(playDir: string): string[] {
  const dir = join(playDir, 'roles');
  return isDir(dir) ? readdirSync(dir).filter((d) => isDir(join(dir, d))) : [];
}

/** A role entry of a play (`- common` or `- role: common, tags: [...]`) -> its tasks (one block), handlers, vars. */
export function loadRole(list: unknown[], index: number, ctx: LoadCtx, playDir: string, stack: string[] = []): LoadedRole | undefined {
  const entry = list[index];
  const raw: Raw = isMapping(entry) ? entry : {};
  const name = typeof entry === 'string' ? entry : (asString(raw.role) ?? asString(raw.name));
  const loc: SourceLoc = valueLoc(list, index) ?? { file: playDir, line: 1, col: 1 };
  if (name === undefined) {
    ctx.problems.add('a role entry needs a name: `- rolename` or `- role: rolename`', loc);
    return undefined;
  }
  const dir = findRole(name, playDir);
  if (!dir) {
    const hint = didYouMean(name, knownRoles(playDir), 'roles found') ?? `looked in ${join(playDir, 'roles', name)} and ${join(playDir, name)}`;
    ctx.problems.add(`role "${name}" not found`, loc, hint);
    return undefined;
  }
  if (stack.includes(dir)) {
    ctx.problems.add(`role "${name}" depends on itself (${[...stack, dir].join(' -> ')})`, loc);
    return undefined;
  }
  const deps = dependencies(dir, ctx, playDir, [...stack, dir]);
  const scope: Scope = { baseDir: dir, fileDir: join(dir, 'tasks'), role: name, inHandlers: false };
  const tasksFile = mainFile(join(dir, 'tasks'));
  const tasks = tasksFile ? parseTaskList(readTaskFile(tasksFile, ctx, loc), ctx, scope) : [];
  const handlersFile = mainFile(join(dir, 'handlers'));
  const handlers = handlersFile
    ? parseHandlers(readTaskFile(handlersFile, ctx, loc), ctx, { ...scope, fileDir: join(dir, 'handlers'), inHandlers: true })
    : [];
  const defaultsFile = mainFile(join(dir, 'defaults'));
  const varsFile = mainFile(join(dir, 'vars'));
  // role parameters: `vars:` and any other key of the entry, as Ansible passes them
  const params: Vars = { ...(isMapping(raw.vars) ? raw.vars : {}) };
  for (const [k, v] of Object.entries(raw)) if (!ROLE_ENTRY_KEYS.has(k)) params[k] = v;
  const block: Block = {
    kind: 'block',
    name: undefined,
    loc: isMapping(entry) ? locOrFile(raw, loc.file) : loc,
    when: asConditions(raw, 'when'),
    tags: asStringList(raw.tags, true),
    vars: params,
    baseDir: dir,
    role: name,
    block: tasks,
    rescue: [],
    always: [],
  };
  return {
    tasks: [...deps.flatMap((d) => d.tasks), block],
    handlers: [...deps.flatMap((d) => d.handlers), ...handlers],
    defaults: Object.assign({}, ...deps.map((d) => d.defaults), defaultsFile ? readVarsFile(defaultsFile, ctx, loc) : {}) as Vars,
    vars: Object.assign({}, ...deps.map((d) => d.vars), varsFile ? readVarsFile(varsFile, ctx, loc) : {}) as Vars,
  };
}

/** meta/main.yml `dependencies:` run before the role, as in Ansible. */
function dependencies(dir: string, ctx: LoadCtx, playDir: string, stack: string[]): LoadedRole[] {
  const meta = mainFile(join(dir, 'meta'));
  if (!meta) return [];
  let value: unknown;
  try {
    value = loadYamlFile(meta).value;
  } catch (err) {
    ctx.problems.absorb(err);
    return [];
  }
  const deps = isMapping(value) ? value.dependencies : undefined;
  if (!Array.isArray(deps)) return [];
  return deps.flatMap((_d, i) => loadRole(deps, i, ctx, playDir, stack) ?? []);
}

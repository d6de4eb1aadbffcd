// One task entry -> model nodes: a module task, a block, an include_tasks, or the tasks an import_tasks brings.
import { findModule, moduleNames } from '../../modules/registry.js';
import type { ModuleDef } from '../../modules/contract.js';
import { checkTemplateFile, checkTemplateLookups } from '../validate/template-file-check.js';
import { closest } from '../core/suggest.js';
import { copyPositions, keyLoc, valueLoc } from '../yaml/positions.js';
import { parseArgs } from './args.js';
import { splitWords } from './free-form.js';
import { actionKeyOf, actionModule, LOCAL_ACTION, LOCAL_ACTION_HOST } from './action-value.js';
import type { LoadCtx, Scope } from './context.js';
import { BLOCK_KEYWORDS, IMPORT_KEYWORDS, INCLUDE_KEYWORDS, isLoopKeyword, TASK_KEYWORDS, unknownLoop, UNSUPPORTED_TASK_KEYWORDS } from './keywords.js';
import type { Block, IncludeTasks, Task, TaskNode } from './model.js';
import { asConditions, asInt, asString, asVars, isMapping, locOrFile, type Raw } from './read.js';
import { readInheritable } from './inheritable.js';
import { ASYNC_HINTS, parseAsync, parseAsyncWritten } from './async.js';
import { enterLink, noteStopper } from './include-chain.js';
import { warnIgnoredOnImport } from './import-ignored.js';
import { APPLY_KEYWORDS, parseImportRole, parseIncludeRole, roleActionKey } from './role-tasks.js';
import { checkConditions, common, fileOf, parseLoop, readNotify, unknownKeys } from './task-common.js';
import { collectionHasModule } from './collection-roles.js';
import { readTaskFile, resolveTaskPath, scopeForFile } from './task-files.js';
import { staticName } from './static-name.js';
import { dict } from '../core/dict.js';
import { likelyTypo, missingModule } from './missing-module.js';

/** A list of raw tasks -> nodes (entries that are not mappings were reported by the schema check). */
export function parseTaskList(list: unknown, ctx: LoadCtx, scope: Scope): TaskNode[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => (isMapping(entry) ? parseEntry(entry, ctx, scope) : []));
}

function parseEntry(raw: Raw, ctx: LoadCtx, scope: Scope): TaskNode[] {
  if ('block' in raw) return [parseBlock(raw, ctx, scope)];
  if ('include' in raw || 'ansible.builtin.include' in raw) return parseEntry(legacyInclude(raw, ctx), ctx, scope);
  // `include_tasks:` may be empty, its file under `args:`
  if ('include_tasks' in raw || 'ansible.builtin.include_tasks' in raw) return [parseInclude(raw, raw.include_tasks ?? raw['ansible.builtin.include_tasks'], ctx, scope)];
  const imp = raw.import_tasks ?? raw['ansible.builtin.import_tasks'];
  if (imp !== undefined) return parseImport(raw, imp, ctx, scope);
  const includeRole = roleActionKey(raw, 'include_role');
  if (includeRole !== undefined) return [parseIncludeRole(raw, includeRole, ctx, scope)].filter((n) => n !== undefined);
  const importRole = roleActionKey(raw, 'import_role');
  if (importRole !== undefined) return parseImportRole(raw, importRole, ctx, scope);
  const task = parseTask(raw, ctx, scope);
  return task ? [task] : [];
}

/** The tasks made from a legacy `include` (their title stays "include", as Ansible shows it). */
/** the include_tasks views of legacy includes -> the key written (include or ansible.builtin.include) */
const LEGACY_INCLUDES = new WeakMap<Raw, string>();

/**
 * Ansible's deprecated `include: FILE [k=v ...]` (removed in 2.16, still run by 2.14) as the task Ansible makes of
 * it: import_tasks when the file name is plain and there is no loop, else include_tasks; the k=v words become vars.
 */
function legacyInclude(raw: Raw, ctx: LoadCtx): Raw {
  const key = 'include' in raw ? 'include' : 'ansible.builtin.include';
  const value = raw[key];
  const split = typeof value === 'string' ? splitWords(value) : { words: [] };
  const words = 'words' in split ? split.words : [];
  const file = words[0]?.raw ?? '';
  const params = Object.fromEntries(words.slice(1).flatMap((w) => (w.key !== undefined ? [[w.key, w.value ?? '']] : [])));
  const dynamic = file.includes('{{') || Object.keys(raw).some(isLoopKeyword);
  const action = dynamic ? 'include_tasks' : 'import_tasks';
  ctx.problems.warn(`"include" is deprecated (Ansible 2.16 removed it): read as ${action}, as Ansible 2.14 does`, keyLoc(raw, key), `write ${action}: ${file}`);
  const { [key]: _dropped, ...rest } = raw;
  const view: Raw = { ...rest, [action]: file, ...(Object.keys(params).length > 0 ? { vars: { ...params, ...(isMapping(raw.vars) ? raw.vars : {}) } } : {}) };
  copyPositions(raw, view, { [key]: action });
  LEGACY_INCLUDES.set(view, key);
  return view;
}

function parseBlock(raw: Raw, ctx: LoadCtx, scope: Scope): Block {
  unknownKeys(raw, BLOCK_KEYWORDS, 'a block', ctx, ASYNC_HINTS);
  const c = common(raw, ctx, scope);
  // an include under a block's `when` may not run every time (a recursion through it can end)
  const inner: Scope = c.when.length > 0 ? { ...scope, guarded: true } : scope;
  // a block's notify is its tasks' unless they have their own, as in Ansible
  const notify = readNotify(raw, ctx);
  return {
    kind: 'block',
    ...c,
    ...(notify.length > 0 ? { notify } : {}),
    block: parseTaskList(raw.block, ctx, inner),
    rescue: parseTaskList(raw.rescue, ctx, inner),
    always: parseTaskList(raw.always, ctx, inner),
  };
}

function fileName(v: unknown): string | undefined {
  return typeof v === 'string' ? v : isMapping(v) && typeof v.file === 'string' ? v.file : undefined;
}

/** include_tasks' `apply:` (in its mapping, or under `args:`): keywords for every task of the file. */
function parseApply(raw: Raw, value: unknown, ctx: LoadCtx, scope: Scope): IncludeTasks['apply'] {
  const apply = isMapping(value) && isMapping(value.apply) ? value.apply : isMapping(raw.args) && isMapping(raw.args.apply) ? raw.args.apply : undefined;
  if (apply === undefined) return undefined;
  unknownKeys(apply, APPLY_KEYWORDS, 'apply', ctx);
  return { kind: 'block', ...common(apply, ctx, scope), name: undefined };
}

const INCLUDE_DELEGATION_HINTS: ReadonlyMap<string, string> = new Map([
  ...ASYNC_HINTS,
  ...['delegate_to', 'delegate_facts'].map((k): [string, string] => [k, `Ansible has no ${k} on include_tasks either: put it on the included tasks, or on a block around the include`]),
]);

const HANDLER_INCLUDE_KEYWORDS: ReadonlySet<string> = new Set([...INCLUDE_KEYWORDS, 'listen']);
const HANDLER_IMPORT_KEYWORDS: ReadonlySet<string> = new Set([...IMPORT_KEYWORDS, 'listen']);

function parseInclude(raw: Raw, value: unknown, ctx: LoadCtx, scope: Scope): IncludeTasks {
  // a handler's include may also listen to a topic (Ansible's HandlerTaskInclude)
  unknownKeys(raw, scope.inHandlers === true ? HANDLER_INCLUDE_KEYWORDS : INCLUDE_KEYWORDS, 'an include_tasks', ctx, INCLUDE_DELEGATION_HINTS);
  const file = fileName(value) ?? fileName(raw.args) ?? '';
  if (isMapping(raw.args)) unknownKeys(raw.args, new Set(['file', 'apply']), 'the args of an include_tasks', ctx);
  if (file === '') ctx.problems.add('include_tasks needs a file name', locOrFile(raw, fileOf(raw, scope)), 'include_tasks: FILE, or include_tasks: { file: FILE }');
  const node: IncludeTasks = { kind: 'include', ...common(raw, ctx, scope), file, apply: parseApply(raw, value, ctx, scope), ...parseLoop(raw, ctx), ...includeActionAs(raw) };
  // a file name without templates can be checked now (Ansible only finds its faults when the include runs)
  if (file !== '' && !file.includes('{{')) {
    const path = resolveTaskPath(file, scope);
    const ref = valueLoc(raw, 'include_tasks' in raw ? 'include_tasks' : 'ansible.builtin.include_tasks') ?? node.loc;
    const guarded = scope.guarded === true || node.when.length > 0 || node.loop !== undefined;
    if (enterLink(ctx, { action: 'include_tasks', target: path, name: file, at: ref, guarded, stops: false })) {
      parseTaskList(readTaskFile(path, ctx, ref), ctx, { ...scopeForFile(path, scope), guarded: false, readAhead: true });
      ctx.importing.pop();
    }
  }
  return node;
}

/** The action of an include as written, when it is not plain include_tasks (the title of an unnamed one). */
function includeActionAs(raw: Raw): { actionAs?: string } {
  const written = LEGACY_INCLUDES.get(raw) ?? ('ansible.builtin.include_tasks' in raw ? 'ansible.builtin.include_tasks' : undefined);
  return written === undefined ? {} : { actionAs: written };
}

/** import_tasks is static: its tasks take its place; its when/tags/vars apply to each, through a block. */
function parseImport(raw: Raw, value: unknown, ctx: LoadCtx, scope: Scope): TaskNode[] {
  unknownKeys(raw, scope.inHandlers === true ? HANDLER_IMPORT_KEYWORDS : IMPORT_KEYWORDS, 'an import_tasks', ctx);
  warnIgnoredOnImport(raw, 'import_tasks', scope.inHandlers === true, ctx);
  const file = fileName(value);
  const key = 'import_tasks' in raw ? 'import_tasks' : 'ansible.builtin.import_tasks';
  if (file === undefined) return [];
  const named = file.includes('{{') ? staticName(file, dict(scope.staticVars, asVars(raw.vars), ctx.extraVars), valueLoc(raw, key) ?? locOrFile(raw, fileOf(raw, scope))) : file;
  if (named === undefined) {
    ctx.problems.add(
      'import_tasks is read before the run: its file name can use only the variables known then (play vars, role defaults and vars, extra vars)',
      valueLoc(raw, key),
      'use include_tasks for a file chosen at run time',
    );
    return [];
  }
  const path = resolveTaskPath(named, scope);
  const c = common(raw, ctx, scope);
  // the import's `when` goes to each of its tasks: an include among them may not run every time
  const guarded = scope.guarded === true || c.when.length > 0;
  if (!enterLink(ctx, { action: 'import_tasks', target: path, name: file, at: valueLoc(raw, key) ?? c.loc, guarded, stops: false })) return [];
  const tasks = parseTaskList(readTaskFile(path, ctx, valueLoc(raw, key)), ctx, { ...scopeForFile(path, scope), guarded });
  ctx.importing.pop();
  const keywords = Object.values(readInheritable(raw));
  // notify is inherited by the imported tasks, as in Ansible (a block's notify)
  const notify = readNotify(raw, ctx);
  const plain = c.when.length === 0 && c.tags.length === 0 && Object.keys(c.vars).length === 0 && notify.length === 0 && keywords.every((v) => v === undefined);
  if (plain) return tasks;
  return [{ kind: 'block', ...c, ...(notify.length > 0 ? { notify } : {}), name: undefined, block: tasks, rescue: [], always: [] }];
}

/** The non-keyword keys of a task: the module, and whatever is misspelled. */
function findModuleKey(raw: Raw, ctx: LoadCtx, scope: Scope): { key: string; def: ModuleDef } | undefined {
  const candidates = Object.keys(raw).filter((k) => !TASK_KEYWORDS.has(k) && !isLoopKeyword(k));
  const modules: { key: string; def: ModuleDef }[] = [];
  const unknown: string[] = [];
  for (const k of candidates) {
    const def = findModule(k);
    if (def) modules.push({ key: k, def });
    else if (unknownLoop(k)) {
      const bad = unknownLoop(k);
      ctx.problems.add(bad?.message ?? '', keyLoc(raw, k), bad?.hint);
    } else if (UNSUPPORTED_TASK_KEYWORDS.has(k)) ctx.problems.add(`"${k}" is an Ansible keyword kplay does not support`, keyLoc(raw, k));
    else unknown.push(k);
  }
  // one key that names no module and resembles none: a module kplay does not have (pacman, zypper...), which fails
  // only the hosts where the task really runs, as portable roles guard such tasks with `when`
  const onlyKey = unknown[0];
  if (modules.length === 0 && unknown.length === 1 && onlyKey !== undefined && (!likelyTypo(onlyKey, TASK_KEYWORDS) || collectionHasModule(onlyKey, scope.playDir, fileOf(raw, scope), ctx.playCollections))) {
    const near = closest(onlyKey, moduleNames());
    ctx.problems.warn(`kplay has no module "${onlyKey}": the hosts where this task runs will fail it`, keyLoc(raw, onlyKey), near !== undefined ? `did you mean "${near}"?` : '`kplay doc` lists the modules');
    return { key: onlyKey, def: missingModule(onlyKey) };
  }
  for (const k of unknown) {
    const best = closest(k, [...TASK_KEYWORDS, ...moduleNames()]);
    const isKeyword = best !== undefined && TASK_KEYWORDS.has(best);
    const what = modules.length > 0 || isKeyword ? 'task keyword' : best !== undefined || unknown.length === 1 ? 'module' : 'module or task keyword';
    const hint = best !== undefined ? `did you mean "${best}"?` : what === 'module' ? '`kplay doc` lists the modules' : undefined;
    ctx.problems.add(`unknown ${what} "${k}"`, keyLoc(raw, k), hint);
  }
  if (modules.length > 1) {
    const [first, second] = modules;
    ctx.problems.add(`this task has two modules: ${first?.key ?? ''} and ${second?.key ?? ''}`, keyLoc(raw, second?.key ?? ''), 'a task runs exactly one module: split it into two tasks');
  }
  if (modules.length === 0 && unknown.length === 0) {
    ctx.problems.add('this task has no module', locOrFile(raw, fileOf(raw, scope)), 'add one module, e.g. `command: uptime` (`kplay doc` lists them)');
  }
  return modules.length === 1 ? modules[0] : undefined;
}

function parseTask(raw: Raw, ctx: LoadCtx, scope: Scope): Task | undefined {
  if ('listen' in raw && !scope.inHandlers) ctx.problems.add('"listen" is for handlers, not tasks', keyLoc(raw, 'listen'), 'move this task under handlers:, or remove listen');
  const loops = Object.keys(raw).filter(isLoopKeyword);
  if (loops.length > 1) ctx.problems.add(`a task has one loop: ${loops.join(' and ')} given`, keyLoc(raw, loops[1] ?? ''), `keep one of ${loops.join(', ')}`);
  const actionKey = actionKeyOf(raw, ctx);
  const local = actionKey === LOCAL_ACTION;
  const found = actionKey !== undefined ? actionModule(raw, actionKey, ctx) : findModuleKey(raw, ctx, scope);
  const c = common(raw, ctx, scope);
  if (!found) return undefined;
  // a task that can end the host's run: a recursion of includes after it may end there
  if (found.def.mayEndHostRun === true) noteStopper(ctx);
  const { args, argsLoc } = parseArgs(raw, found.key, found.def, ctx, scope, 'moduleAs' in found ? found.moduleAs : undefined);
  // a module's condition parameters (assert's `that:`) are conditions: their syntax, filters and tests are checked as `when`'s are
  for (const param of found.def.conditionParams ?? []) for (const holder of [raw[found.key], raw.args]) if (isMapping(holder)) checkConditions(holder, param, ctx);
  if (found.def.name === 'template') checkTemplateFile(args.src, scope.baseDir, scope.playDir, c.loc, ctx.problems, ctx.files.keyring);
  checkTemplateLookups(args, scope.baseDir, scope.playDir, c.loc, ctx.problems, ctx.files.keyring);
  const notify = readNotify(raw, ctx);
  const { loop, loopWith, loopControl } = parseLoop(raw, ctx);
  const conditionsOrUndefined = (key: string) => (key in raw ? asConditions(raw, key) : undefined);
  return {
    kind: 'task',
    ...c,
    // as Ansible's: local_action wins over a delegate_to beside it
    delegateTo: local ? LOCAL_ACTION_HOST : c.delegateTo,
    module: found.def.name,
    moduleAs: 'moduleAs' in found ? found.moduleAs : found.key,
    args,
    argsLoc,
    loop,
    loopWith,
    loopControl,
    register: asString(raw.register),
    notify,
    changedWhen: conditionsOrUndefined('changed_when'),
    failedWhen: conditionsOrUndefined('failed_when'),
    until: conditionsOrUndefined('until'),
    retries: asInt(raw.retries),
    delay: asInt(raw.delay),
    async: parseAsync(raw, found.def, ctx),
    asyncWritten: parseAsyncWritten(raw),
  };
}

// One play of a playbook -> the model's Play: keywords, vars_files, roles (before tasks), handlers, notify check.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { findModule } from '../../modules/registry.js';
import { dict, ownValue } from '../core/dict.js';
import { formatLoc, type SourceLoc } from '../core/location.js';
import { didYouMean } from '../core/suggest.js';
import { keyLoc, valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import { parseHandlers } from './handlers.js';
import { PLAY_KEYWORDS, TASK_KEYWORDS, UNSUPPORTED_PLAY_KEYWORDS } from './keywords.js';
import { HOST_ORDERS, STRATEGIES } from '../validate/playbook-schema.js';
import { hostVarsFile } from './host-vars-files.js';
import type { Handler, HostVarsFile, Play, TaskNode, Vars } from './model.js';
import { asBool, asInt, asString, asStringList, asVars, locOrFile, type Raw } from './read.js';
import { keywordTemplate, readInheritable } from './inheritable.js';
import { loadRole } from './role.js';
import { isFile } from './task-files.js';
import { parseTaskList } from './task.js';
import { readVarsFile } from './vars-file.js';
import { parseVarsPrompt } from './vars-prompt.js';

function checkPlayKeys(raw: Raw, ctx: LoadCtx): void {
  const looksLikeTask = Object.keys(raw).some((k) => findModule(k) !== undefined);
  for (const k of Object.keys(raw)) {
    if (PLAY_KEYWORDS.has(k)) continue;
    const loc = keyLoc(raw, k);
    if (UNSUPPORTED_PLAY_KEYWORDS.has(k)) ctx.problems.add(`"${k}" is an Ansible play keyword kplay does not support`, loc);
    else if (looksLikeTask && (findModule(k) || TASK_KEYWORDS.has(k))) {
      ctx.problems.add(`"${k}" is not a play keyword: this looks like a task written where a play belongs`, loc, 'tasks go in a play\'s `tasks:` list (a playbook is a list of plays, each with hosts:)');
    } else ctx.problems.add(`unknown play keyword "${k}"`, loc, didYouMean(k, [...PLAY_KEYWORDS]));
  }
}

/** `vars/{{ env }}.yml`: plain variable references are resolved from extra vars and play vars, nothing more. */
function varsFileName(name: string, vars: Vars, ctx: LoadCtx): string | undefined {
  let unresolved = false;
  const out = name.replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (_m, v: string) => {
    const value = ownValue(ctx.extraVars, v) ?? ownValue(vars, v);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    unresolved = true;
    return '';
  });
  return unresolved || out.includes('{{') ? undefined : out;
}

/** The play's vars files: those it can name itself, loaded; those named through host variables, per host. */
function loadVarsFiles(raw: Raw, dir: string, vars: Vars, playLoc: SourceLoc, ctx: LoadCtx): { files: Vars[]; perHost: HostVarsFile[] } {
  const list = raw.vars_files;
  const files: Vars[] = [];
  const perHost: HostVarsFile[] = [];
  if (!Array.isArray(list)) return { files, perHost };
  list.forEach((entry, i) => {
    // a nested list means "the first of these that exists" (Ansible)
    const names = (Array.isArray(entry) ? entry : [entry]).filter((n): n is string => typeof n === 'string');
    const loc = valueLoc(list, i);
    const resolved = names.map((n) => varsFileName(n, vars, ctx));
    if (resolved.some((r) => r === undefined)) {
      const deferred = hostVarsFile(names, dir, files.length, loc ?? playLoc, ctx);
      if (deferred !== undefined) perHost.push(deferred);
      return;
    }
    const paths = resolved.map((r) => (isAbsolute(r as string) ? (r as string) : join(dir, r as string)));
    const found = Array.isArray(entry) ? (paths.find(isFile) ?? paths[0]) : paths[0];
    if (found !== undefined) files.push(readVarsFile(found, ctx, loc));
  });
  return { files, perHost };
}

export function parsePlay(raw: Raw, file: string, ctx: LoadCtx): Play {
  checkPlayKeys(raw, ctx);
  // absolute, as Ansible's Playbook basedir (os.getcwd() joined): playbook_dir, role_path and the local connection's cwd
  const dir = dirname(resolve(file));
  const loc = locOrFile(raw, file);
  ctx.notifies = [];
  ctx.playRoles = { handlers: [], layers: [] };
  const vars = asVars(raw.vars);
  ctx.playVars = vars;
  ctx.playCollections = Array.isArray(raw.collections) ? raw.collections.filter((c): c is string => typeof c === 'string') : [];
  const hosts = Array.isArray(raw.hosts) ? raw.hosts.map(String).join(',') : (asString(raw.hosts) ?? '');
  const scope: Scope = { baseDir: dir, fileDir: dir, playDir: dir, inHandlers: false };

  const roleDefaults: Vars = dict();
  const roleVars: Vars = dict();
  const roleTasks: TaskNode[] = [];
  const roleHandlers: Handler[] = [];
  const roles = Array.isArray(raw.roles) ? raw.roles : [];
  for (let i = 0; i < roles.length; i++) {
    const role = loadRole(roles, i, ctx, dir);
    if (!role) continue;
    Object.assign(roleDefaults, role.defaults);
    Object.assign(roleVars, role.vars);
    roleTasks.push(...role.tasks);
    roleHandlers.push(...role.handlers);
  }
  const playScope: Scope = { ...scope, staticVars: dict(roleDefaults, vars, roleVars) };
  const preTasks = parseTaskList(raw.pre_tasks, ctx, playScope);
  const tasks = [...roleTasks, ...parseTaskList(raw.tasks, ctx, playScope)];
  const postTasks = parseTaskList(raw.post_tasks, ctx, playScope);
  const handlers = [...roleHandlers, ...parseHandlers(raw.handlers, ctx, { ...playScope, inHandlers: true })];
  // import_role and include_role in the task lists: their roles' handlers are the play's too (after its own, as in
  // Ansible); an imported role's defaults and vars are seen by the whole play
  // Ansible's play.handlers; a role brought in several times (or also under roles:) adds its handlers once
  for (const h of ctx.playRoles.handlers) if (!handlers.some((x) => formatLoc(x.loc) === formatLoc(h.loc))) handlers.push(h);
  for (const layer of ctx.playRoles.layers) {
    Object.assign(roleDefaults, layer.defaults);
    Object.assign(roleVars, layer.vars);
  }

  // every notify (of tasks and handlers) must reach a handler of this play, by name or listen topic
  // (a warning: Ansible stops the run only when a task that changed notifies it)
  const topics = new Set(handlers.flatMap((h) => (h.role !== undefined && h.name !== undefined ? [...h.listen, `${h.role} : ${h.name}`] : h.listen)));
  // a handler's templated name is known only at run time (Ansible renders it with the play's variables then)
  const templatedName = handlers.some((h) => h.name !== undefined && /\{\{|\{%/.test(h.name));
  for (const n of templatedName ? [] : ctx.notifies) {
    if (topics.has(n.name)) continue;
    const hint = didYouMean(n.name, [...topics], 'handlers') ?? (topics.size === 0 ? 'this play has no handlers: add a `handlers:` list' : undefined);
    ctx.problems.warn(`notify "${n.name}": no handler has this name or listens to it (the run stops if a task that changed notifies it)`, n.loc, hint);
  }

  const varsFiles = loadVarsFiles(raw, dir, vars, loc, ctx);
  const serial = raw.serial === undefined || raw.serial === null ? [] : (Array.isArray(raw.serial) ? raw.serial : [raw.serial]);
  return {
    name: asString(raw.name) ?? hosts,
    loc,
    hosts,
    vars,
    varsPrompt: parseVarsPrompt(raw, file, ctx),
    varsFiles: varsFiles.files,
    ...(varsFiles.perHost.length > 0 ? { hostVarsFiles: varsFiles.perHost } : {}),
    roleDefaults,
    roleVars,
    gatherFacts: asBool(raw.gather_facts) ?? true,
    gatherFactsTemplate: keywordTemplate(raw, 'gather_facts'),
    gatherSubset: raw.gather_subset === undefined ? undefined : asStringList(raw.gather_subset, true),
    gatherTimeout: asInt(raw.gather_timeout),
    factPath: asString(raw.fact_path),
    ...readInheritable(raw),
    serial: serial.filter((s): s is number | string => typeof s === 'number' || typeof s === 'string'),
    strategy: strategyOf(raw, ctx),
    forceHandlers: asBool(raw.force_handlers) ?? false,
    order: HOST_ORDERS.find((o) => o === raw.order) ?? 'inventory',
    maxFailPercentage: asInt(raw.max_fail_percentage),
    maxFailTemplate: typeof raw.max_fail_percentage === 'string' ? { text: raw.max_fail_percentage, loc: valueLoc(raw, 'max_fail_percentage') ?? loc } : undefined,
    tags: asStringList(raw.tags, true),
    preTasks,
    tasks,
    postTasks,
    handlers,
    baseDir: dir,
    ...(ctx.playCollections.length > 0 ? { collections: ctx.playCollections } : {}),
  };
}

/** The strategy the play runs: a strategy that adds what kplay does not have runs as its base, with a warning. */
function strategyOf(raw: Raw, ctx: LoadCtx): 'linear' | 'free' {
  const name = typeof raw.strategy === 'string' ? raw.strategy : 'linear';
  const runs = ownValue(STRATEGIES, name) ?? 'linear';
  const bare = name.replace(/^ansible\.(builtin|legacy)\./, '');
  if (bare === 'debug') ctx.problems.warn("strategy debug: kplay has no task debugger; the play runs as linear does, and a failed task fails its host (ansible-playbook opens its debugger there, and with no terminal ends the run: 'User interrupted execution', exit 99)", valueLoc(raw, 'strategy'), 'write strategy: linear');
  if (bare === 'host_pinned') ctx.problems.warn('strategy host_pinned runs as free does: each host goes at its own pace', valueLoc(raw, 'strategy'), 'write strategy: free');
  return runs;
}

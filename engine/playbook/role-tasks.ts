// import_role (static: the role's tasks take its place) and include_role (dynamic: loaded by the runner) in a task list.
import type { SourceLoc } from '../core/location.js';
import { didYouMean } from '../core/suggest.js';
import { keyLoc, valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import { splitWords } from './free-form.js';
import { BLOCK_KEYWORDS, IMPORT_ROLE_KEYWORDS, INCLUDE_ROLE_KEYWORDS, LOOP_KEYWORDS } from './keywords.js';
import type { IncludeRole, RoleFrom, TaskNode } from './model.js';
import { asBool, isMapping, locOrFile, type Raw } from './read.js';
import { loadRoleNamed, missingRoleHint, roleSearchPath, type FromLocs, type LoadedRole } from './role.js';
import { common, parseLoop, readNotify, unknownKeys } from './task-common.js';
import { enterLink, roleTarget } from './include-chain.js';
import { warnIgnoredOnImport } from './import-ignored.js';

type Action = 'include_role' | 'import_role';

const FROM_OPTIONS: Readonly<Record<string, keyof RoleFrom>> = { tasks_from: 'tasks', vars_from: 'vars', defaults_from: 'defaults', handlers_from: 'handlers' };
const COMMON_OPTIONS = ['name', 'role', 'rolespec_validate', 'allow_duplicates', ...Object.keys(FROM_OPTIONS)];
const OPTIONS: Readonly<Record<Action, readonly string[]>> = { import_role: COMMON_OPTIONS, include_role: [...COMMON_OPTIONS, 'public', 'apply'] };
const IMPORT_ROLE_LOOP_HINTS: ReadonlyMap<string, string> = new Map(LOOP_KEYWORDS.map((k) => [k, "import_role cannot loop (neither can Ansible's): use include_role"]));
/** `apply:` takes the keywords a block has, without its task lists */
export const APPLY_KEYWORDS: ReadonlySet<string> = new Set([...BLOCK_KEYWORDS].filter((k) => !['block', 'rescue', 'always'].includes(k)));

/** The key the action is written with (`include_role` or `ansible.builtin.include_role`), if any. */
export function roleActionKey(raw: Raw, action: Action): string | undefined {
  return [action, `ansible.builtin.${action}`].find((k) => k in raw);
}

interface RoleArgs {
  readonly name: string | undefined;
  readonly nameLoc: SourceLoc | undefined;
  readonly from: RoleFrom;
  readonly fromLocs: FromLocs;
  readonly public: unknown;
  readonly apply: unknown;
  /** rolespec_validate: false turns off the check of the role's arguments against its spec */
  readonly validate: boolean;
}

/** The options as a mapping with the location of each value: `name=r tasks_from=x` text is split as Ansible does. */
function optionEntries(raw: Raw, key: string, ctx: LoadCtx): { name: string; value: unknown; keyAt: SourceLoc | undefined; valueAt: SourceLoc | undefined }[] {
  const value = raw[key];
  // `args:` beside the include holds options too (Ansible merges them under the include's own)
  const args = isMapping(raw.args) ? raw.args : {};
  const fromArgs = Object.entries(args).map(([k, v]) => ({ name: k, value: v, keyAt: keyLoc(args, k), valueAt: valueLoc(args, k) }));
  if (isMapping(value)) return [...Object.entries(value).map(([k, v]) => ({ name: k, value: v, keyAt: keyLoc(value, k), valueAt: valueLoc(value, k) })), ...fromArgs];
  if (typeof value !== 'string') return fromArgs;
  const split = splitWords(value);
  if ('error' in split) {
    ctx.problems.add(`${key}: ${split.error}`, valueLoc(raw, key, split.index), 'close the quote, or write the options as a mapping');
    return [];
  }
  const words = split.words.flatMap((w) => {
    if (w.key === undefined) {
      ctx.problems.add(`${key}: "${w.raw}" is not key=value`, valueLoc(raw, key, w.start), `write ${key}: name=ROLE, or a mapping with name:`);
      return [];
    }
    return [{ name: w.key, value: w.value, keyAt: valueLoc(raw, key, w.start), valueAt: valueLoc(raw, key, w.start + w.key.length + 1) }];
  });
  return [...words, ...fromArgs];
}

function readRoleArgs(raw: Raw, key: string, action: Action, ctx: LoadCtx): RoleArgs {
  const args: { name?: string; nameLoc?: SourceLoc | undefined; public?: unknown; apply?: unknown; validate?: unknown } = {};
  const from: Record<string, string> = {};
  const fromLocs: FromLocs = {};
  for (const o of optionEntries(raw, key, ctx)) {
    const fromKind = FROM_OPTIONS[o.name];
    if (!OPTIONS[action].includes(o.name)) {
      const hint =
        action === 'import_role' && OPTIONS.include_role.includes(o.name)
          ? `${o.name} is an include_role option (Ansible refuses it on import_role too)`
          : didYouMean(o.name, [...OPTIONS[action]], `${action} options`);
      ctx.problems.add(`unknown ${action} option "${o.name}"`, o.keyAt, hint);
    } else if (o.name === 'name' || o.name === 'role') {
      if (typeof o.value === 'string') {
        args.name ??= o.value;
        args.nameLoc ??= o.valueAt;
      }
    } else if (fromKind !== undefined) {
      if (typeof o.value === 'string') {
        from[fromKind] = o.value;
        fromLocs[fromKind] = o.valueAt;
      }
    } else if (o.name === 'public') args.public = o.value;
    else if (o.name === 'rolespec_validate') args.validate = o.value;
    else if (o.name === 'allow_duplicates') ignoredDuplicates(o.value, o.keyAt, action, ctx);
    else args.apply = o.value;
  }
  if (args.name === undefined || args.name === '') {
    ctx.problems.add(`${action} needs "name": the role to run`, keyLoc(raw, key), `${action}: { name: ROLE }`);
  }
  const validate = args.validate === undefined ? true : asBool(args.validate);
  if (validate === undefined) ctx.problems.add(`${action} option "rolespec_validate" must be a boolean (true/false, yes/no)`, valueLoc(raw, key));
  return { name: args.name, nameLoc: args.nameLoc ?? valueLoc(raw, key), from, fromLocs, public: args.public, apply: args.apply, validate: validate ?? true };
}

/**
 * allow_duplicates on a task: Ansible sets it on a role object its imports and includes of the same role share, the
 * last one read winning, so whether a role runs again depends on the order the play is read in. kplay runs a role a
 * task names each time (Ansible's default, true) and says so where false is written.
 */
function ignoredDuplicates(value: unknown, at: SourceLoc | undefined, action: Action, ctx: LoadCtx): void {
  const allow = typeof value === 'string' && value.includes('{{') ? undefined : asBool(value);
  if (allow === false) ctx.problems.warn(`${action} option "allow_duplicates: false" is not honoured: kplay runs the role each time a task names it`, at, 'remove it, or name the role once');
}

function isTemplate(s: string | undefined): boolean {
  return s !== undefined && (s.includes('{{') || s.includes('{%'));
}

/**
 * Loads a role named in a task (problems recorded), guarding against a role that brings itself in again: an
 * include_role of itself may end by a condition at run time, an import never would. `guarded`: a when or loop
 * on the task or a block around it.
 */
function loadNamedRole(args: RoleArgs & { name: string }, ctx: LoadCtx, scope: Scope, action: Action, guarded: boolean): LoadedRole | undefined {
  const marker = roleTarget(args.name, args.from.tasks);
  const at = args.nameLoc ?? locOrFile({}, scope.fileDir);
  if (!enterLink(ctx, { action, target: marker, at, guarded: scope.guarded === true || guarded, stops: false })) return undefined;
  const entry = { loc: at, when: [], tags: [], vars: {}, namedByTask: true };
  const loaded = loadRoleNamed(args.name, at, ctx, scope.playDir, args.from, args.fromLocs, [], entry, { enabled: args.validate, provided: {} });
  ctx.importing.pop();
  return loaded;
}

/** import_role: the role's tasks (its dependencies first) in a block carrying the import's keywords. */
export function parseImportRole(raw: Raw, key: string, ctx: LoadCtx, scope: Scope): TaskNode[] {
  unknownKeys(raw, IMPORT_ROLE_KEYWORDS, 'an import_role', ctx, IMPORT_ROLE_LOOP_HINTS);
  warnIgnoredOnImport(raw, 'import_role', scope.inHandlers === true, ctx);
  const args = readRoleArgs(raw, key, 'import_role', ctx);
  const c = common(raw, ctx, scope);
  const { name } = args;
  if (name === undefined || name === '') return [];
  if (isTemplate(name) || Object.values(args.from).some(isTemplate)) {
    ctx.problems.add('import_role is read before the run: its role and file names cannot be templates', args.nameLoc, 'use include_role for a role chosen at run time');
    return [];
  }
  const missing = missingRoleHint(name, scope.playDir, ctx.rolesPath, args.nameLoc?.file, ctx.playCollections);
  if (missing !== undefined) {
    const notFound = `the role '${name}' was not found in ${roleSearchPath(scope.playDir, ctx.rolesPath)}`;
    // Ansible's syntax check passes a file of an include_tasks unread: its import_role fails only where it runs
    // (the runner reads the file again for those hosts, without readAhead, and fails them with this message)
    if (scope.readAhead === true) ctx.problems.warn(`${notFound}: the hosts that run the include_tasks bringing this file in will fail it`, args.nameLoc ?? c.loc, missing);
    else ctx.problems.add(notFound, args.nameLoc ?? c.loc, missing);
    return [];
  }
  const role = loadNamedRole({ ...args, name }, ctx, scope, 'import_role', c.when.length > 0);
  if (!role) return [];
  // as Ansible adds an imported role to the play's roles: its handlers, defaults and vars are the whole play's, and
  // so are the import's own `vars:` (they become the role's)
  ctx.playRoles.handlers.push(...role.handlers);
  ctx.playRoles.layers.push({ defaults: role.defaults, vars: { ...role.vars, ...c.vars } });
  // notify is inherited by the role's tasks, as in Ansible (a block's notify)
  const notify = readNotify(raw, ctx);
  return [{ kind: 'block', ...c, ...(notify.length > 0 ? { notify } : {}), name: undefined, block: role.tasks, rescue: [], always: [] }];
}

/** include_role: a node the runner loads per host; a role named without templates is checked (and read) now. */
export function parseIncludeRole(raw: Raw, key: string, ctx: LoadCtx, scope: Scope): IncludeRole | undefined {
  unknownKeys(raw, INCLUDE_ROLE_KEYWORDS, 'an include_role', ctx);
  const args = readRoleArgs(raw, key, 'include_role', ctx);
  const c = common(raw, ctx, scope);
  // the schema checks the options' types when they are a mapping; key=value text is checked here
  const freeForm = !isMapping(raw[key]);
  const isPublic = args.public === undefined ? false : asBool(args.public);
  if (isPublic === undefined && freeForm) ctx.problems.add('include_role option "public" must be a boolean (true/false, yes/no)', valueLoc(raw, key));
  let apply: IncludeRole['apply'];
  if (isMapping(args.apply)) {
    unknownKeys(args.apply, APPLY_KEYWORDS, 'apply', ctx);
    apply = { kind: 'block', ...common(args.apply, ctx, scope), name: undefined };
  } else if (args.apply !== undefined && freeForm) {
    ctx.problems.add('include_role option "apply" must be a mapping of task keywords (tags, when, ...)', valueLoc(raw, key), 'write the include_role options as a mapping');
  }
  const { name } = args;
  if (name === undefined || name === '') return undefined;
  const looped = parseLoop(raw, ctx);
  // Ansible resolves include_role when it runs: a role not present fails only the hosts that run the include
  const missing = isTemplate(name) ? undefined : missingRoleHint(name, scope.playDir, ctx.rolesPath, args.nameLoc?.file, ctx.playCollections);
  if (missing !== undefined) {
    ctx.problems.warn(`role "${name}" not found: the hosts that run this include_role will fail it`, args.nameLoc ?? c.loc, missing);
  } else if (!isTemplate(name) && !Object.values(args.from).some(isTemplate)) {
    const role = loadNamedRole({ ...args, name }, ctx, scope, 'include_role', c.when.length > 0 || looped.loop !== undefined);
    // its handlers join the play's now, so a notify from its tasks is checked against them
    if (role) ctx.playRoles.handlers.push(...role.handlers);
  }
  const actionAs = key === 'include_role' ? {} : { actionAs: key };
  return { kind: 'include_role', ...c, roleName: name, ...actionAs, from: args.from, public: isPublic ?? false, validate: args.validate, apply, ...looped };
}

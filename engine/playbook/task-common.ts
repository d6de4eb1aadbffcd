// What every kind of task node reads the same way (a task, a block, an include, a role import): the common keywords,
// conditions, notify, loops, and unknown keys with a did-you-mean.
import { didYouMean } from '../core/suggest.js';
import { withLookupOf } from '../template/lookup-names.js';
import { checkTemplateAt } from '../validate/template-check.js';
import { literalLoopProblem } from '../validate/loop-check.js';
import { keyLoc, locOf, valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import { keywordTemplate, readInheritable } from './inheritable.js';
import { isLoopKeyword, LOOP_CONTROL_KEYWORDS, unknownLoop, UNSUPPORTED_TASK_KEYWORDS } from './keywords.js';
import type { LoopControl } from './model.js';
import { asBool, asConditions, asNumber, asString, asStringList, asVars, isMapping, locOrFile, type Raw } from './read.js';

export function fileOf(raw: Raw, scope: Scope): string {
  return locOf(raw)?.file ?? scope.fileDir;
}

/** Keywords every kind of task node has. */
export function common(raw: Raw, ctx: LoadCtx, scope: Scope) {
  for (const key of ['when', 'changed_when', 'failed_when', 'until']) checkConditions(raw, key, ctx);
  return {
    name: asString(raw.name),
    loc: locOrFile(raw, fileOf(raw, scope)),
    when: asConditions(raw, 'when'),
    tags: asStringList(raw.tags, true),
    vars: asVars(raw.vars),
    ...readInheritable(raw),
    baseDir: scope.baseDir,
    role: scope.role,
  };
}

/** A condition without {{ }} is an expression: its syntax is checked as one (strings with {{ were checked as text). */
export function checkConditions(raw: Raw, key: string, ctx: LoadCtx): void {
  const v = raw[key];
  if (v === undefined) return;
  const items: [object, string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [v, i, x]) : [[raw, key, v]];
  for (const [container, k, item] of items) {
    if (typeof item === 'string' && !item.includes('{{') && !item.includes('{%')) checkTemplateAt(item, container, k, ctx.problems, true);
  }
}

/** `hints`: what to say of a task keyword this kind of node cannot take, instead of a did-you-mean. */
export function unknownKeys(raw: Raw, allowed: ReadonlySet<string>, what: string, ctx: LoadCtx, hints: ReadonlyMap<string, string> = new Map()): void {
  const loops = allowed.has('loop');
  for (const k of Object.keys(raw)) {
    if (allowed.has(k) || (loops && isLoopKeyword(k))) continue;
    const badLoop = loops ? unknownLoop(k) : undefined;
    if (badLoop) {
      ctx.problems.add(badLoop.message, keyLoc(raw, k), badLoop.hint);
      continue;
    }
    const hint = UNSUPPORTED_TASK_KEYWORDS.has(k)
      ? `kplay does not support "${k}"`
      : (hints.get(k) ?? (isLoopKeyword(k) ? `${what} cannot loop (neither can Ansible's): loop over the tasks inside it` : didYouMean(k, [...allowed])));
    ctx.problems.add(`unknown keyword "${k}" in ${what}`, keyLoc(raw, k), hint);
  }
}

/** notify: the handler names (each without a template checked against the play's handlers after loading). */
export function readNotify(raw: Raw, ctx: LoadCtx): string[] {
  const notify = asStringList(raw.notify, false);
  const notifyList = raw.notify;
  notify.forEach((name, i) => {
    if (!name.includes('{{')) ctx.notifies.push({ name, loc: Array.isArray(notifyList) ? valueLoc(notifyList, i) : valueLoc(raw, 'notify') });
  });
  return notify;
}

/** loop / with_X (lookup X over the terms, at run time) and loop_control, for tasks, include_tasks, include_role. */
export function parseLoop(raw: Raw, ctx: LoadCtx): { loop: unknown; loopWith: string | undefined; loopControl: LoopControl | undefined } {
  const loopKey = Object.keys(raw).find(isLoopKeyword);
  const loop: unknown = loopKey === undefined ? undefined : raw[loopKey];
  const loopWith = loopKey === undefined ? undefined : withLookupOf(loopKey);
  const refused = loopWith === undefined ? undefined : literalLoopProblem(loopWith, loop);
  if (refused !== undefined && loopKey !== undefined) ctx.problems.add(`${loopKey}: ${refused}`, valueLoc(raw, loopKey));
  const lc = isMapping(raw.loop_control) ? raw.loop_control : undefined;
  if (lc) unknownKeys(lc, LOOP_CONTROL_KEYWORDS, 'loop_control', ctx);
  const loopControl: LoopControl | undefined = lc
    ? {
        loopVar: asString(lc.loop_var) ?? 'item',
        label: asString(lc.label),
        indexVar: asString(lc.index_var),
        pause: keywordTemplate(lc, 'pause') ?? asNumber(lc.pause),
        extended: asBool(lc.extended),
        extendedAllitems: asBool(lc.extended_allitems),
      }
    : undefined;
  return { loop, loopWith, loopControl };
}

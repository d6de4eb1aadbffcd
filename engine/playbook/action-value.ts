// `action:` and `local_action:` name their module inside their value (`command echo hi`, or a mapping with
// `module:`). local_action also runs it on the machine kplay runs on, as Ansible's is `delegate_to: localhost`.
import { findModule, moduleNames } from '../../modules/registry.js';
import type { ModuleDef } from '../../modules/contract.js';
import { closest, didYouMean } from '../core/suggest.js';
import { likelyTypo, missingModule } from './missing-module.js';
import { keyLoc, valueLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import { TASK_KEYWORDS, UNSUPPORTED_TASK_KEYWORDS } from './keywords.js';
import { asString, isMapping, type Raw } from './read.js';

export const ACTION = 'action';
export const LOCAL_ACTION = 'local_action';
export type ActionKey = typeof ACTION | typeof LOCAL_ACTION;

/** Where local_action runs (Ansible's delegate_to for it). */
export const LOCAL_ACTION_HOST = 'localhost';

export interface ActionModule {
  /** the key holding the module and its arguments: action or local_action */
  readonly key: ActionKey;
  /** the module as written in the value */
  readonly moduleAs: string;
  readonly def: ModuleDef;
}

/** Which of action / local_action the task has (both: reported, and local_action is used, as Ansible's message). */
export function actionKeyOf(raw: Raw, ctx: LoadCtx): ActionKey | undefined {
  const has = (k: ActionKey): boolean => k in raw;
  if (has(ACTION) && has(LOCAL_ACTION)) {
    const first = keyLoc(raw, ACTION) ?? keyLoc(raw, LOCAL_ACTION);
    ctx.problems.add('action and local_action are mutually exclusive', first, 'keep local_action to run on this machine, or action to run on the host');
  }
  return has(LOCAL_ACTION) ? LOCAL_ACTION : has(ACTION) ? ACTION : undefined;
}

/** The module of an action / local_action and its place; other module keys on the same task are reported. */
export function actionModule(raw: Raw, key: ActionKey, ctx: LoadCtx): ActionModule | undefined {
  const value = raw[key];
  for (const k of Object.keys(raw).filter((other) => !TASK_KEYWORDS.has(other))) {
    if (findModule(k)) {
      ctx.problems.add(`this task has two modules: ${key} and ${k}`, keyLoc(raw, k), 'a task runs exactly one module: split it into two tasks');
      continue;
    }
    const hint = UNSUPPORTED_TASK_KEYWORDS.has(k) ? `kplay does not support "${k}"` : didYouMean(k, [...TASK_KEYWORDS]);
    ctx.problems.add(`unknown task keyword "${k}"`, keyLoc(raw, k), hint);
  }
  const name = typeof value === 'string' ? /^\s*(\S+)/.exec(value)?.[1] : isMapping(value) ? asString(value.module) : undefined;
  if (name === undefined) {
    ctx.problems.add(`${key} names no module`, valueLoc(raw, key), `write the module first, e.g. \`${key}: command echo hi\`, or \`${key}: {module: command, cmd: echo hi}\``);
    return undefined;
  }
  const def = findModule(name);
  if (!def) {
    // a module kplay lacks fails the hosts that run it (a warning now), as with a module key; a slip is an error
    if (!name.includes('{{') && !likelyTypo(name)) {
      const near = closest(name, moduleNames());
      ctx.problems.warn(`kplay has no module "${name}": the hosts where this task runs will fail it`, valueLoc(raw, key), near !== undefined ? `did you mean "${near}"?` : '`kplay doc` lists the modules');
      return { key, moduleAs: name, def: missingModule(name) };
    }
    ctx.problems.add(`unknown module "${name}" in ${key}`, valueLoc(raw, key), didYouMean(name, moduleNames()) ?? '`kplay doc` lists the modules');
    return undefined;
  }
  return { key, moduleAs: name, def };
}

/** How many characters of an action text come before the module's arguments (the module word and blanks). */
export function argumentsStart(text: string): number {
  return /^\s*\S+\s*/.exec(text)?.[0].length ?? 0;
}

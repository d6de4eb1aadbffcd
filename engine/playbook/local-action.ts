// `local_action:` names its module inside its value (`command echo hi`, or a mapping with `module:`) and runs it
// on the machine kplay runs on, as Ansible's local_action is `delegate_to: localhost`.
import { findModule, moduleNames } from '../../modules/registry.js';
import type { ModuleDef } from '../../modules/contract.js';
import { didYouMean } from '../validate/suggest.js';
import { keyLoc, valueLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import { TASK_KEYWORDS, UNSUPPORTED_TASK_KEYWORDS } from './keywords.js';
import { asString, isMapping, type Raw } from './read.js';

export const LOCAL_ACTION = 'local_action';

/** Where local_action runs (Ansible's delegate_to for it). */
export const LOCAL_ACTION_HOST = 'localhost';

export interface LocalAction {
  /** the key holding the module and its arguments: local_action */
  readonly key: string;
  /** the module as written in the value */
  readonly moduleAs: string;
  readonly def: ModuleDef;
}

/** The module of a local_action and its place; other module keys on the same task are reported. */
export function localActionModule(raw: Raw, ctx: LoadCtx): LocalAction | undefined {
  const value = raw[LOCAL_ACTION];
  for (const k of Object.keys(raw).filter((key) => !TASK_KEYWORDS.has(key))) {
    if (findModule(k)) {
      ctx.problems.add(`this task has two modules: local_action and ${k}`, keyLoc(raw, k), 'a task runs exactly one module: split it into two tasks');
      continue;
    }
    const hint = UNSUPPORTED_TASK_KEYWORDS.has(k) ? `kplay does not support "${k}"` : didYouMean(k, [...TASK_KEYWORDS]);
    ctx.problems.add(`unknown task keyword "${k}"`, keyLoc(raw, k), hint);
  }
  const name = typeof value === 'string' ? /^\s*(\S+)/.exec(value)?.[1] : isMapping(value) ? asString(value.module) : undefined;
  if (name === undefined) {
    ctx.problems.add('local_action names no module', valueLoc(raw, LOCAL_ACTION), 'write the module first, e.g. `local_action: command echo hi`, or `local_action: {module: command, cmd: echo hi}`');
    return undefined;
  }
  const def = findModule(name);
  if (!def) {
    ctx.problems.add(`unknown module "${name}" in local_action`, valueLoc(raw, LOCAL_ACTION), didYouMean(name, moduleNames()) ?? '`kplay doc` lists the modules');
    return undefined;
  }
  return { key: LOCAL_ACTION, moduleAs: name, def };
}

/** How many characters of a local_action text come before the module's arguments (the module word and blanks). */
export function argumentsStart(text: string): number {
  return /^\s*\S+\s*/.exec(text)?.[0].length ?? 0;
}

// The `async` / `poll` keywords of a task, and which modules can take them (checked before the run).
import type { ModuleDef } from '../../modules/contract.js';
import { keyLoc } from '../yaml/positions.js';
import { keywordTemplate } from './inheritable.js';
import type { LoadCtx } from './context.js';
import type { AsyncKeywords, AsyncWritten, KeywordTemplate } from './model.js';
import { asInt, type Raw } from './read.js';

/** Ansible's default poll interval (DEFAULT_POLL_INTERVAL), in seconds. */
export const DEFAULT_POLL_S = 15;

/** Said of `async` on a block or an include: Ansible has no such keyword there either. */
export const ASYNC_HINTS: ReadonlyMap<string, string> = new Map(
  ['async', 'poll'].map((k) => [k, `Ansible has no ${k} here either: put it on the tasks that run commands`]),
);

/**
 * async: 0 (Ansible's default) means a normal task; poll without async has no effect, as in Ansible. A module
 * Ansible refuses async for is refused here rather than failing every host at run time. poll: 0 takes any other
 * module: one that cannot start detached runs at once, its result recorded as the job's (engine/run/async-record.ts).
 */
export function parseAsync(raw: Raw, module: ModuleDef, ctx: LoadCtx): AsyncKeywords | undefined {
  if (parseAsyncWritten(raw) !== undefined) return undefined;
  const limitS = asInt(raw.async) ?? 0;
  if (limitS <= 0) return undefined;
  const poll = asInt(raw.poll) ?? DEFAULT_POLL_S;
  const refused = asyncRefusal(module);
  if (refused !== undefined) {
    ctx.problems.add(refused.message, keyLoc(raw, 'async'), refused.hint);
    return undefined;
  }
  return { limitS, poll };
}

/** Why a module cannot run with async > 0 (undefined: it can), for the parser and for the run. */
export function asyncRefusal(module: ModuleDef): { message: string; hint: string } | undefined {
  if (module.controllerOnly === true || module.async === 'refused') {
    return { message: `${module.name} cannot run with async: Ansible refuses it too ("async is not supported for this task")`, hint: 'remove async (and poll)' };
  }
  return undefined;
}

/**
 * async / poll when either is a template (`async: "{{ timeout + 120 }}"`): both kept for the run, which renders
 * them on each host and checks the module then (Ansible post-validates them per host, in the worker).
 */
export function parseAsyncWritten(raw: Raw): AsyncWritten | undefined {
  if (keywordTemplate(raw, 'async') === undefined && keywordTemplate(raw, 'poll') === undefined) return undefined;
  const written = (key: 'async' | 'poll', fallback: number): number | KeywordTemplate => keywordTemplate(raw, key) ?? asInt(raw[key]) ?? fallback;
  return { limitS: written('async', 0), poll: written('poll', DEFAULT_POLL_S) };
}

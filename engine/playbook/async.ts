// The `async` / `poll` keywords of a task, and which modules can take them (checked before the run).
import type { ModuleDef } from '../../modules/contract.js';
import { keyLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import type { AsyncKeywords } from './model.js';
import { asInt, type Raw } from './read.js';

/** Ansible's default poll interval (DEFAULT_POLL_INTERVAL), in seconds. */
export const DEFAULT_POLL_S = 15;

/** Said of `async` on a block or an include: Ansible has no such keyword there either. */
export const ASYNC_HINTS: ReadonlyMap<string, string> = new Map(
  ['async', 'poll'].map((k) => [k, `Ansible has no ${k} here either: put it on the tasks that run commands`]),
);

/**
 * async: 0 (Ansible's default) means a normal task; poll without async has no effect, as in Ansible. A module
 * Ansible refuses async for, and poll: 0 on a module that cannot run detached, are refused here rather than
 * failing every host at run time.
 */
export function parseAsync(raw: Raw, module: ModuleDef, ctx: LoadCtx): AsyncKeywords | undefined {
  const limitS = asInt(raw.async) ?? 0;
  if (limitS <= 0) return undefined;
  const poll = asInt(raw.poll) ?? DEFAULT_POLL_S;
  if (module.controllerOnly === true || module.async === 'refused') {
    ctx.problems.add(`${module.name} cannot run with async: Ansible refuses it too ("async is not supported for this task")`, keyLoc(raw, 'async'), 'remove async (and poll)');
    return undefined;
  }
  if (poll === 0 && module.async !== 'detached') {
    ctx.problems.add(
      `${module.name} cannot run detached (poll: 0): in kplay only command and shell can`,
      keyLoc(raw, 'poll'),
      `give poll a number of seconds to wait for it, or run the work with shell`,
    );
    return undefined;
  }
  return { limitS, poll };
}

// Keywords Ansible takes on a static import (import_tasks, import_role) and then ignores: a warning says so.
import { keyLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import type { Raw } from './read.js';

/** Ansible's task fields that are not inherited: on an import they reach none of the imported tasks. */
const IGNORED_ON_IMPORT: readonly string[] = ['register', 'changed_when', 'failed_when', 'until', 'retries', 'delay', 'async', 'poll'];

/**
 * Warns of each keyword that has no effect on this import. In handlers, an import_tasks may also listen (Ansible's
 * HandlerTaskInclude), and that has no effect either: its tasks are handlers by their own names and topics.
 */
export function warnIgnoredOnImport(raw: Raw, what: 'import_tasks' | 'import_role', inHandlers: boolean, ctx: LoadCtx): void {
  const ignored = inHandlers && what === 'import_tasks' ? [...IGNORED_ON_IMPORT, 'listen'] : IGNORED_ON_IMPORT;
  for (const key of ignored.filter((k) => k in raw)) {
    ctx.problems.warn(`"${key}" has no effect on ${what}: Ansible ignores it too, as the imported tasks do not inherit it`, keyLoc(raw, key), `write ${key} on the imported tasks${what === 'import_role' ? ", or use include_role" : ', or use include_tasks'}`);
  }
}

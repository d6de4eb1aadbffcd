// handlers: tasks run at the end of a play when notified by name or by a `listen` topic.
import { locOf } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import type { Handler } from './model.js';
import { asStringList, isMapping } from './read.js';
import { parseTaskList } from './task.js';

export function parseHandlers(list: unknown, ctx: LoadCtx, scope: Scope): Handler[] {
  const out: Handler[] = [];
  const entries = Array.isArray(list) ? list : [];
  const nodes = parseTaskList(entries, ctx, { ...scope, inHandlers: true });
  // parseTaskList drops broken tasks, so match nodes back to their raw entries by position
  const raws = entries.filter(isMapping);
  for (const node of nodes) {
    if (node.kind !== 'task') {
      ctx.problems.add('a handler must be a single task (not a block or an include)', node.loc);
      continue;
    }
    const raw = raws.find((r) => locOf(r)?.line === node.loc.line && locOf(r)?.file === node.loc.file);
    const topics = asStringList(raw?.listen, false);
    out.push({ ...node, listen: [...(node.name !== undefined ? [node.name] : []), ...topics] });
  }
  return out;
}

// handlers: tasks run at the end of a play when notified by name or by a `listen` topic. A block among them is no
// handler itself (Ansible 2.14 finds no handler by a block's name): each of its tasks is one, under its keywords.
// Its rescue and always are read and never run: Ansible 2.14's PlayIterator takes only `block:` of a handler block.
// An include_tasks is one: what it includes runs as handlers (an include_role is refused, as by Ansible).
import { keyLoc, locOf } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import { inheritKeywords } from './inherit-keywords.js';
import type { Block, Handler, TaskNode } from './model.js';
import { asStringList, isMapping, type Raw } from './read.js';

export function parseHandlers(list: unknown, ctx: LoadCtx, scope: Scope): Handler[] {
  const entries = Array.isArray(list) ? list : [];
  const nodes = ctx.parseTasks(entries, ctx, { ...scope, inHandlers: true });
  return nodes.flatMap((node) => handlersOf(node, findRaw(entries, node), ctx));
}

/** The task-list parser drops broken tasks, so a node is matched back to its raw entry by position. */
function findRaw(entries: readonly unknown[], node: TaskNode): Raw | undefined {
  return entries.filter(isMapping).find((r) => locOf(r)?.line === node.loc.line && locOf(r)?.file === node.loc.file);
}

function handlersOf(node: TaskNode, raw: Raw | undefined, ctx: LoadCtx): Handler[] {
  // an include is a handler too: notified, it includes, and what it brings in runs as handlers
  if (node.kind === 'include_role') {
    ctx.problems.add("Using 'include_role' as a handler is not supported.", node.loc, 'as in Ansible: notify an include_tasks handler whose file has the include_role');
    return [];
  }
  if (node.kind === 'task' || node.kind === 'include') {
    const topics = asStringList(raw?.listen, false);
    return [{ ...node, listen: [...(node.name !== undefined ? [node.name] : []), ...topics] }];
  }
  if (node.kind === 'block') {
    for (const part of ['rescue', 'always'] as const) {
      if (node[part].length === 0) continue;
      ctx.problems.warn(
        `the ${part} of a handler block never runs (Ansible 2.14 runs only the tasks of its block, each a handler by its name or listen)`,
        (raw && keyLoc(raw, part)) ?? node.loc,
        part === 'rescue' ? 'a failing handler fails its host; use ignore_errors or failed_when on it' : 'make the always tasks handlers the same tasks notify',
      );
    }
    const inner = Array.isArray(raw?.block) ? raw.block : [];
    return node.block.flatMap((child) => handlersOf(underBlock(node, child), findRaw(inner, child), ctx));
  }
  return [];
}

/** A block's task as a handler: the block's when, tags and vars before its own, each keyword it leaves unset. */
function underBlock(block: Block, child: TaskNode): TaskNode {
  if (child.kind !== 'task' && child.kind !== 'block') return child;
  return { ...child, ...inheritKeywords(block, child), when: [...block.when, ...child.when], tags: [...block.tags, ...child.tags], vars: { ...block.vars, ...child.vars } };
}

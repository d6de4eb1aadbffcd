// Every task node of some task lists, blocks' own lists (block, rescue, always) included, in order.
import type { TaskNode } from './model.js';

export function forEachTaskNode(lists: readonly (readonly TaskNode[])[], visit: (node: TaskNode) => void): void {
  for (const list of lists) {
    for (const node of list) {
      visit(node);
      if (node.kind === 'block') forEachTaskNode([node.block, node.rescue, node.always], visit);
    }
  }
}

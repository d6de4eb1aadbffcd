// The play keyword `order`: in which order a play takes its hosts (and so cuts serial batches and picks run_once's).
import type { HostOrder } from '../playbook/model.js';

export function orderHosts(hosts: readonly string[], order: HostOrder, random: () => number = Math.random): string[] {
  switch (order) {
    case 'inventory':
      return [...hosts];
    case 'reverse_inventory':
      return [...hosts].reverse();
    case 'sorted':
      return [...hosts].sort();
    case 'reverse_sorted':
      return [...hosts].sort().reverse();
    case 'shuffle': {
      // Fisher-Yates
      const out = [...hosts];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j] as string, out[i] as string];
      }
      return out;
    }
  }
}

// A read-through view over variable layers: the highest layer holding a name wins, nothing is copied.
import type { Vars } from '../playbook/model.js';

function own(o: Vars, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/**
 * One Vars object over `layers` (lowest precedence first). Lookups walk the layers from the top; the view has no
 * prototype, so templates cannot reach Object.prototype through it. Writes go to a private top layer, so code may
 * still assign (vars.x = 1) without touching the shared layers. Spreading it ({ ...view }) copies every visible
 * name, as for a plain object.
 */
export function layeredVars(layers: readonly (Vars | undefined)[]): Vars {
  const overlay: Vars = Object.create(null) as Vars;
  // highest precedence first; empty layers stay, since a shared layer (set_fact results) may fill up later
  const chain: Vars[] = [overlay, ...layers.filter((l): l is Vars => l !== undefined).reverse()];
  const find = (key: string | symbol): Vars | undefined => (typeof key === 'string' ? chain.find((l) => own(l, key)) : undefined);
  const target: Vars = Object.create(null) as Vars;
  return new Proxy(target, {
    get: (_t, key) => {
      const layer = find(key);
      return layer === undefined ? undefined : layer[key as string];
    },
    has: (_t, key) => find(key) !== undefined,
    set: (_t, key, value) => {
      if (typeof key !== 'string') return false;
      overlay[key] = value;
      return true;
    },
    defineProperty: (_t, key, desc) => {
      if (typeof key !== 'string' || !('value' in desc)) return false;
      overlay[key] = desc.value;
      return true;
    },
    deleteProperty: (_t, key) => {
      if (typeof key === 'string') delete overlay[key];
      return true;
    },
    ownKeys: () => {
      const keys = new Set<string>();
      for (let i = chain.length - 1; i >= 0; i--) for (const k of Object.keys(chain[i] as Vars)) keys.add(k);
      return [...keys];
    },
    getOwnPropertyDescriptor: (_t, key) => {
      const layer = find(key);
      if (layer === undefined) return undefined;
      return { value: layer[key as string], enumerable: true, configurable: true, writable: true };
    },
    getPrototypeOf: () => null,
  });
}

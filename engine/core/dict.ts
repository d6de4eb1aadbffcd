// Objects keyed by names that came from input (hosts, groups, variables): no prototype, so `__proto__`,
// `constructor`, `toString` are ordinary keys, never a setter that swaps the prototype or an inherited function.

/** A fresh object with no prototype: the own enumerable entries of each source, in order (later ones win). */
export function dict<T = unknown>(...sources: readonly (Readonly<Record<string, T>> | undefined)[]): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  // Object.assign sets with [[Set]]: on an object without a prototype `__proto__` is an ordinary own key
  for (const s of sources) if (s !== undefined) Object.assign(out, s);
  return out;
}

/** A fresh object with no prototype from [key, value] pairs (later pairs win). */
export function dictFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** Own key only: an inherited `constructor` or `toString` is not a key of the data. */
export function hasKey(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The value at an own key, else undefined (never an inherited member). */
export function ownValue<T>(o: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasKey(o, key) ? o[key] : undefined;
}

/** Set a key on any object without invoking a setter (`__proto__` stays data even on a plain `{}`). */
export function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

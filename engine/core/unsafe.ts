// Data that came from a host (or was written `!unsafe`): never rendered as a template, even after being stored and
// read back. The mark travels with the value itself: a container is marked (a WeakSet of the objects), and a string,
// which cannot carry a mark, is kept boxed as UnsafeText wherever it is stored as a variable. Nothing is keyed by
// text: the same characters written in a playbook render as usual.

/** A string from a host, as stored in a variable: the template engine reads its text and never renders it. */
export class UnsafeText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** containers marked unsafe (render skips them without descending) */
const unsafeContainers = new WeakSet<object>();

export function looksLikeTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%') || s.includes('{#');
}

/** Mark a container, and every container inside it, as data from a host; returns the same container. */
export function markUnsafe<T extends object>(value: T): T {
  markDeep(value, new Set());
  return value;
}

function markDeep(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || value instanceof UnsafeText || seen.has(value)) return;
  seen.add(value);
  unsafeContainers.add(value);
  for (const v of Array.isArray(value) ? (value as unknown[]) : Object.values(value)) markDeep(v, seen);
}

/** A value about to be stored as a variable, marked as host data: a string is boxed, a container marked. */
export function unsafeValue(value: unknown): unknown {
  if (typeof value === 'string') return new UnsafeText(value);
  if (typeof value === 'object' && value !== null) return markUnsafe(value);
  return value;
}

export function isUnsafe(value: unknown): boolean {
  if (value instanceof UnsafeText) return true;
  return typeof value === 'object' && value !== null && unsafeContainers.has(value);
}

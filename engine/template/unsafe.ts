// Data that came from a host: never rendered again as a template, even after being stored and read back.
import { isList } from './values.js';

/** containers marked unsafe (render skips them without descending) */
const unsafeContainers = new WeakSet<object>();
/**
 * Strings are primitives and cannot carry a mark, so marked strings that look like templates are remembered by
 * value: a copy of such a string (set_fact, combine, attribute access) stays literal. Only strings with template
 * markers are kept, so the set stays small; it is never trimmed, because forgetting one would render it.
 */
const unsafeStrings = new Set<string>();

export function looksLikeTemplate(s: string): boolean {
  return s.includes('{{') || s.includes('{%') || s.includes('{#');
}

/** Mark value (deeply) as data from a host; returns the same value. */
export function markUnsafe<T>(value: T): T {
  markDeep(value, new Set());
  return value;
}

function markDeep(value: unknown, seen: Set<object>): void {
  if (typeof value === 'string') {
    if (looksLikeTemplate(value)) unsafeStrings.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  unsafeContainers.add(value);
  for (const v of isList(value) ? value : Object.values(value)) markDeep(v, seen);
}

export function isUnsafe(value: unknown): boolean {
  if (typeof value === 'string') return unsafeStrings.has(value);
  return typeof value === 'object' && value !== null && unsafeContainers.has(value);
}

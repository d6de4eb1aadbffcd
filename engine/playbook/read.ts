// Small readers from raw YAML values to model fields. Shapes were already checked by the JSON Schema, so a value
// of the wrong kind here yields undefined (its problem is reported once, by the schema check).
import type { Condition, Vars } from './model.js';
import type { SourceLoc } from '../core/location.js';
import { locOf, valueLoc } from '../yaml/positions.js';

export type Raw = Record<string, unknown>;

export function isMapping(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TRUE = new Set(['yes', 'on', 'true', 'y', '1']);
const FALSE = new Set(['no', 'off', 'false', 'n', '0']);

export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && TRUE.has(v.toLowerCase())) return true;
  if (typeof v === 'string' && FALSE.has(v.toLowerCase())) return false;
  if (v === 1 || v === 0) return v === 1;
  return undefined;
}

export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A number, or a string of one (negative too: the schema decides which keywords take a sign, as retries and delay). */
export function asInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A number, or a string Python's float() reads as one (`0.5`, `1e-1`). */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** tags and notify: a list, or one string (tags also split on commas, as Ansible does). */
export function asStringList(v: unknown, splitCommas: boolean): string[] {
  const items = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  const out: string[] = [];
  for (const item of items) {
    const s = asString(item);
    if (s === undefined) continue;
    if (splitCommas) out.push(...s.split(',').map((t) => t.trim()).filter((t) => t !== ''));
    else out.push(s);
  }
  return out;
}

/** vars: a mapping, or a list of mappings merged in order (Ansible still reads that older form). */
export function asVars(v: unknown): Vars {
  if (Array.isArray(v)) {
    const merged: Vars = Object.create(null) as Vars;
    for (const item of v) if (isMapping(item)) Object.assign(merged, item);
    return merged;
  }
  return isMapping(v) ? v : {};
}

/** `{{ x }}` in a condition is the expression x (Ansible warns about the braces but accepts them). */
function bareExpression(s: string): string {
  const m = /^\s*\{\{(.*)\}\}\s*$/s.exec(s);
  return m && !m[1]?.includes('}}') && !m[1]?.includes('{{') ? (m[1] ?? '').trim() : s.trim();
}

/** when / changed_when / failed_when / until: one condition or a list, each located. */
export function asConditions(container: Raw, key: string): Condition[] {
  const v = container[key];
  if (v === undefined || v === null) return [];
  const one = (item: unknown, loc: SourceLoc): Condition | undefined => {
    if (typeof item === 'boolean') return { literal: item, loc };
    if (typeof item === 'number') return { expr: String(item), loc };
    if (typeof item === 'string') return { expr: bareExpression(item), loc };
    return undefined;
  };
  const fallback = locOf(container) ?? { file: '?', line: 1, col: 1 };
  if (Array.isArray(v)) {
    return v.flatMap((item, i) => {
      const c = one(item, valueLoc(v, i) ?? fallback);
      return c ? [c] : [];
    });
  }
  const c = one(v, valueLoc(container, key) ?? fallback);
  return c ? [c] : [];
}

/** The position of a raw mapping, never undefined (values built in code have none: point at the file). */
export function locOrFile(obj: object, file: string): SourceLoc {
  return locOf(obj) ?? { file, line: 1, col: 1 };
}

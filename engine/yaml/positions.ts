// Where each mapping, sequence, key and value of loaded YAML came from: plain JS values stay plain, and any code
// holding one of them can ask for its file:line:col without threading YAML nodes around.
import type { LineCounter } from 'yaml';
import type { SourceLoc } from '../core/location.js';

/** One loaded file: its name and how to turn a character offset into line and column. */
export interface SourceFile {
  readonly file: string;
  readonly text: string;
  readonly lines: LineCounter;
}

interface Slot {
  /** offset of the key (mappings only) */
  readonly key?: number | undefined;
  /** offset of the value */
  readonly value: number;
  /**
   * for a single-line scalar whose text is its value (plain, or quoted without escapes): how many characters
   * precede the value (0 plain, 1 quoted), so columns inside it can be computed; undefined otherwise
   */
  readonly inline?: number | undefined;
}

interface Container {
  readonly src: SourceFile;
  readonly start: number;
  readonly slots: Map<string | number, Slot>;
}

const containers = new WeakMap<object, Container>();

export function recordContainer(obj: object, src: SourceFile, start: number): Map<string | number, Slot> {
  const slots = new Map<string | number, Slot>();
  containers.set(obj, { src, start, slots });
  return slots;
}

/** Copy one slot from another container (merge keys bring their positions with them). */
export function copySlot(from: object, fromKey: string, to: object, toKey: string): void {
  const a = containers.get(from);
  const b = containers.get(to);
  const slot = a?.slots.get(fromKey);
  if (a && b && slot && a.src === b.src) b.slots.set(toKey, slot);
}

/** The positions of a mapping for another object made from it (its keys, some renamed), so errors still point in. */
export function copyPositions(from: object, to: object, rename: Readonly<Record<string, string>> = {}): void {
  const a = containers.get(from);
  if (!a) return;
  const slots = new Map<string | number, Slot>();
  for (const [k, slot] of a.slots) slots.set(typeof k === 'string' ? (rename[k] ?? k) : k, slot);
  containers.set(to, { src: a.src, start: a.start, slots });
}

function at(src: SourceFile, offset: number): SourceLoc {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, line: Math.max(line, 1), col: Math.max(col, 1) };
}

/** The file a loaded value came from, if it came from YAML. */
export function fileOf(obj: object): string | undefined {
  return containers.get(obj)?.src.file;
}

/** Where a mapping or sequence starts. */
export function locOf(obj: object): SourceLoc | undefined {
  const c = containers.get(obj);
  return c ? at(c.src, c.start) : undefined;
}

/** Where a key of a mapping is written (falls back to the mapping itself). */
export function keyLoc(map: object, key: string): SourceLoc | undefined {
  const c = containers.get(map);
  if (!c) return undefined;
  const slot = c.slots.get(key);
  return at(c.src, slot?.key ?? slot?.value ?? c.start);
}

/**
 * Where the value under a key (or index) is written; `charOffset` points inside a plain scalar's text
 * (free-form `key=value` arguments), ignored for quoted or multi-line scalars.
 */
export function valueLoc(container: object, key: string | number, charOffset?: number): SourceLoc | undefined {
  const c = containers.get(container);
  if (!c) return undefined;
  const slot = c.slots.get(key);
  if (!slot) return at(c.src, c.start);
  if (charOffset === undefined || slot.inline === undefined) return at(c.src, slot.value);
  return at(c.src, slot.value + slot.inline + charOffset);
}

/** Where the value at a path below `root` is written: the deepest known position along the path. */
export function locAtPath(root: unknown, path: readonly (string | number)[]): SourceLoc | undefined {
  let here: unknown = root;
  let best = typeof root === 'object' && root !== null ? locOf(root) : undefined;
  for (const seg of path) {
    if (typeof here !== 'object' || here === null) break;
    const key = Array.isArray(here) ? Number(seg) : String(seg);
    best = valueLoc(here, key) ?? best;
    here = (here as Record<string | number, unknown>)[key];
  }
  return best;
}

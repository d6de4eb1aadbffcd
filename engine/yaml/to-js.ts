// YAML nodes -> plain JS values, recording every container's, key's and value's position (see positions.ts).
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { formatBytes, MAX_INPUT_ENV, maxInputBytes } from '../core/input-file.js';
import { copySlot, recordContainer, type SourceFile } from './positions.js';
import { VaultDecryptError } from '../vault/decrypt.js';
import { VaultFormatError } from '../vault/envelope.js';
import { VaultedText } from '../vault/inline.js';
import type { Keyring } from '../vault/keyring.js';
import { VAULT_PASSWORD_HINT } from '../vault/vault-file.js';

/** Thrown for a document that cannot become data (an alias to nothing, too many aliases). */
export class ConvertError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly hint?: string,
    /** a `!vault` value that cannot be decrypted is no YAML problem: its message goes without the "YAML:" label */
    readonly vault = false,
  ) {
    super(message);
  }
}

const MAX_ALIASES = 10_000;
/** Deeper data is no configuration anyone writes, and every recursive walk of it (templating, printing) stays safe. */
export const MAX_DEPTH = 128;

/** Expanded size of a converted anchor: its characters and nodes as if its aliases were written out, and its depth. */
interface Extent {
  readonly size: number;
  readonly depth: number;
}

interface Ctx {
  readonly doc: Document;
  readonly src: SourceFile;
  /** decrypts `!vault` values */
  readonly keyring: Keyring;
  /** anchors already converted: an alias yields the same value, so `*x` costs nothing to convert */
  readonly seen: Map<Node, unknown>;
  /** what each converted anchor weighs once expanded: printing a value writes its aliases out (billion laughs) */
  readonly extents: Map<Node, Extent>;
  /** anchored collections being converted: an alias to one of them would make a cycle */
  readonly open: Set<Node>;
  readonly maxSize: number;
  aliases: number;
  /** expanded size so far (characters of scalars and keys, one per node) */
  size: number;
  depth: number;
  /** told each depth reached, while an anchored collection is being converted */
  onDepth: ((depth: number) => void) | undefined;
}

function grow(ctx: Ctx, by: number, at: number): void {
  ctx.size += by;
  if (ctx.size > ctx.maxSize) {
    throw new ConvertError(
      `this document expands through its aliases (*name) to more than ${formatBytes(ctx.maxSize)}, the input size limit`,
      at,
      `write the data out without aliases, or set ${MAX_INPUT_ENV} to a larger number of bytes`,
    );
  }
}

function deeper(ctx: Ctx, by: number, at: number): void {
  if (ctx.depth + by > MAX_DEPTH) {
    throw new ConvertError(`data nested deeper than ${MAX_DEPTH} levels`, at, 'flatten the structure: kplay reads at most 128 levels of lists and mappings');
  }
}

/** Define a key without ever touching a prototype (`__proto__: x` in YAML is just a key). */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function keyText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? 'null';
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return (typeof v === 'symbol' && v.description === '<<') || (v === '<<' && (key.type === undefined || key.type === Scalar.PLAIN));
}

function convert(node: unknown, ctx: Ctx): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const at = node.range?.[0] ?? 0;
    if (++ctx.aliases > MAX_ALIASES) throw new ConvertError(`more than ${MAX_ALIASES} aliases in one document`, at);
    const target = node.resolve(ctx.doc);
    if (!target) throw new ConvertError(`alias *${node.source} names no anchor`, at);
    if (ctx.open.has(target)) throw new ConvertError(`alias *${node.source} is inside the collection it names: the data would contain itself`, at);
    const extent = ctx.extents.get(target);
    if (extent) {
      deeper(ctx, extent.depth, at);
      ctx.onDepth?.(ctx.depth + extent.depth);
      grow(ctx, extent.size, at);
    }
    return convertNode(target, ctx);
  }
  return convertNode(node as Node, ctx);
}

function convertNode(node: Node, ctx: Ctx): unknown {
  const done = ctx.seen.get(node);
  if (done !== undefined) return done;
  if (!node.anchor || isScalar(node)) return convertFresh(node, ctx);
  // an anchored node: remember what it weighs, so each alias to it counts its expanded size and depth
  const size0 = ctx.size;
  const depth0 = ctx.depth;
  let maxDepth = depth0;
  const outer = ctx.onDepth;
  ctx.onDepth = (d) => {
    maxDepth = Math.max(maxDepth, d);
    outer?.(d);
  };
  ctx.open.add(node);
  try {
    const value = convertFresh(node, ctx);
    ctx.extents.set(node, { size: ctx.size - size0, depth: maxDepth - depth0 });
    return value;
  } finally {
    ctx.open.delete(node);
    ctx.onDepth = outer;
  }
}

/** Enter one level of nesting (a list or mapping) for `fn`. */
function nested<T>(ctx: Ctx, at: number, fn: () => T): T {
  deeper(ctx, 1, at);
  ctx.depth++;
  ctx.onDepth?.(ctx.depth);
  try {
    return fn();
  } finally {
    ctx.depth--;
  }
}

function convertFresh(node: Node, ctx: Ctx): unknown {
  const at = node.range?.[0] ?? 0;
  if (isScalar(node)) {
    const v = node.value instanceof VaultedText ? decryptScalar(node.value, node, ctx.keyring) : (node.value ?? null);
    grow(ctx, typeof v === 'string' ? v.length + 1 : 1, at);
    return v;
  }
  grow(ctx, 1, at);
  return nested(ctx, at, () => convertCollection(node, ctx));
}

function convertCollection(node: Node, ctx: Ctx): unknown {
  if (isSeq(node)) {
    const arr: unknown[] = [];
    if (node.anchor) ctx.seen.set(node, arr);
    const slots = recordContainer(arr, ctx.src, node.range?.[0] ?? 0);
    node.items.forEach((item, i) => {
      arr.push(convert(item, ctx));
      const n = item as Node | null;
      slots.set(i, { value: n?.range?.[0] ?? node.range?.[0] ?? 0, inline: inlineOffset(n) });
    });
    return arr;
  }
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    if (node.anchor) ctx.seen.set(node, obj);
    const slots = recordContainer(obj, ctx.src, node.range?.[0] ?? 0);
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isMergeKey(pair.key)) {
        merges.push(pair.value);
        continue;
      }
      const keyNode = pair.key as Node | null;
      if (isMap(keyNode) || isSeq(keyNode)) {
        throw new ConvertError(
          'a mapping or list cannot be a key: is a {{ template }} missing its quotes?',
          keyNode.range?.[0] ?? 0,
          'quote a value that starts with {{ as a whole: msg: "{{ var }}"',
        );
      }
      const key = keyText(isScalar(keyNode) ? keyNode.value : convert(keyNode, ctx));
      grow(ctx, key.length, keyNode?.range?.[0] ?? 0);
      const valueNode = pair.value as Node | null;
      setKey(obj, key, convert(valueNode, ctx));
      const keyAt = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
      // `key:` with nothing after it: point at the key, not at wherever the parser put the empty value
      const valueAt = valueNode?.range?.[0] ?? keyAt;
      slots.set(key, { key: keyAt, value: isScalar(valueNode) && valueNode.value === null && !valueNode.source ? keyAt : valueAt, inline: inlineOffset(valueNode) });
    }
    if (merges.length > 0) applyMerges(obj, merges.map((m) => convertMergeSources(m, ctx)));
    return obj;
  }
  return node.toJS(ctx.doc);
}

/** A `!vault` value decrypted at load (Ansible decrypts on first use): a wrong password stops the run before it starts. */
function decryptScalar(value: VaultedText, node: Node, keyring: Keyring): unknown {
  try {
    return value.decrypt(keyring);
  } catch (err) {
    const at = node.range?.[0] ?? 0;
    if (err instanceof VaultDecryptError) throw new ConvertError(err.message, at, VAULT_PASSWORD_HINT, true);
    if (err instanceof VaultFormatError) throw new ConvertError(err.message, at, 'the !vault text is damaged: encrypt it again with ansible-vault encrypt_string', true);
    throw err;
  }
}

function convertMergeSources(value: unknown, ctx: Ctx): unknown[] {
  const target = isAlias(value) ? value.resolve(ctx.doc) : value;
  if (isSeq(target)) return target.items.map((it) => convert(it, ctx));
  return [convert(value, ctx)];
}

/**
 * Merge keys as PyYAML flattens them: the merged mappings' pairs come first (of a list, the last mapping's first), then
 * the mapping's own; a key keeps the place where it first came and the value of its last pair, so its own keys win,
 * then earlier merged mappings over later ones, and merged keys lead in the order a template's loop sees them.
 */
function applyMerges(obj: Record<string, unknown>, sourcesPerKey: unknown[][]): void {
  const own = Object.entries(obj);
  const ownKeys = new Set(own.map(([k]) => k));
  for (const k of ownKeys) Reflect.deleteProperty(obj, k);
  const put = (k: string, v: unknown): void => {
    if (Object.prototype.hasOwnProperty.call(obj, k)) obj[k] = v;
    else setKey(obj, k, v);
  };
  for (const src of sourcesPerKey.flatMap((sources) => [...sources].reverse())) {
    if (typeof src !== 'object' || src === null || Array.isArray(src)) {
      throw new ConvertError('a merge key (<<) needs a mapping or a list of mappings', 0);
    }
    for (const [k, v] of Object.entries(src)) {
      put(k, v);
      // an own key keeps its own position; a merged one the position of the pair whose value it keeps
      if (!ownKeys.has(k)) copySlot(src, k, obj, k);
    }
  }
  for (const [k, v] of own) put(k, v);
}

/** 0 for a plain scalar, 1 for a quoted one, when its value is exactly its text (no folding, no escapes). */
function inlineOffset(n: Node | null | undefined): number | undefined {
  if (!isScalar(n) || typeof n.source !== 'string' || !n.range) return undefined;
  const span = n.range[1] - n.range[0];
  if (n.type === Scalar.PLAIN) return n.source.length === span ? 0 : undefined;
  if (n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) return n.source.length + 2 === span ? 1 : undefined;
  return undefined;
}

/** The document's content as plain JS values, positions recorded. */
export function documentToJs(doc: Document, src: SourceFile, keyring: Keyring): unknown {
  const maxSize = Math.max(maxInputBytes(), src.text.length);
  return convert(doc.contents, { doc, src, keyring, seen: new Map(), extents: new Map(), open: new Set(), maxSize, aliases: 0, size: 0, depth: 0, onDepth: undefined });
}

// yaml.dump as Ansible's to_yaml/to_nice_yaml run it (AnsibleDumper = SafeRepresenter over libyaml's emitter), for
// plain data: the same text byte for byte, so a config file rendered by kplay equals the one Ansible writes.
import { analyzeScalar, isBreak, isPrintable, plainReadsAsString, representNonString, selectStyle, type ScalarStyle } from './pyyaml-scalar.js';
import { PyFloat } from '../core/pyfloat.js';

export interface DumpOptions {
  /** spaces per level; libyaml falls back to 2 outside 2..9 */
  readonly indent?: number;
  /** preferred line width; libyaml uses 80 when it is at most 2*indent, no limit when negative */
  readonly width?: number;
  /** null: collections of scalars only are written in flow style ([a, b]); true: all; false: none */
  readonly defaultFlowStyle?: boolean | null;
  readonly sortKeys?: boolean;
  readonly allowUnicode?: boolean;
  readonly explicitStart?: boolean;
  readonly explicitEnd?: boolean;
  /** called for a value that is not plain data; the default refuses it as SafeRepresenter does */
  readonly unrepresentable?: (v: unknown) => never;
}

/** A value SafeRepresenter refuses ("cannot represent an object"). */
export class YamlDumpError extends Error {}

type Node =
  | { readonly kind: 'scalar'; readonly text: string; readonly plainImplicit: boolean }
  | { readonly kind: 'seq'; readonly flow: boolean; readonly items: readonly Node[] }
  | { readonly kind: 'map'; readonly flow: boolean; readonly pairs: readonly (readonly [Node, Node])[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Python sorts str keys by code point; JS's default sort compares UTF-16 units. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** SafeRepresenter: the node tree, with each collection's flow style decided as PyYAML decides it. */
function represent(v: unknown, opts: DumpOptions): Node {
  if (typeof v === 'string') return { kind: 'scalar', text: v, plainImplicit: plainReadsAsString(v) };
  if (v === null || v === undefined) return { kind: 'scalar', text: representNonString(null), plainImplicit: true };
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof PyFloat) return { kind: 'scalar', text: representNonString(v), plainImplicit: true };
  const flowStyle = (children: readonly Node[]): boolean =>
    opts.defaultFlowStyle ?? children.every((c) => c.kind === 'scalar');
  if (Array.isArray(v)) {
    const items = v.map((x) => represent(x, opts));
    return { kind: 'seq', flow: flowStyle(items), items };
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (opts.sortKeys ?? true) keys.sort(byCodePoint);
    const pairs = keys.map((k) => [represent(k, opts), represent(v[k], opts)] as const);
    return { kind: 'map', flow: flowStyle(pairs.flat()), pairs };
  }
  if (opts.unrepresentable) opts.unrepresentable(v);
  throw new YamlDumpError(`cannot represent an object: ${Object.prototype.toString.call(v)}`);
}

/** the flags of libyaml's emit_node that change how a node is written */
interface Context {
  readonly mapping?: boolean;
  readonly simpleKey?: boolean;
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"',
  0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escape(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const named = ESCAPES[cp];
  if (named !== undefined) return `\\${named}`;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** libyaml's emitter state: the output, the column (in characters) and the indentation stack. */
class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private flowLevel = 0;

  constructor(
    private readonly bestIndent: number,
    private readonly bestWidth: number,
    private readonly unicode: boolean,
  ) {}

  text(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += Array.from(s).length;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** WRITE_BREAK: a '\n' becomes the line break, any other break character is copied as is */
  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  /** yaml_emitter_increase_indent, returning the level to restore */
  private increaseIndent(flow: boolean, indentless: boolean): number {
    const saved = this.indent;
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
    return saved;
  }

  node(n: Node, ctx: Context): void {
    if (n.kind === 'scalar') this.scalar(n.text, n.plainImplicit, ctx);
    else if (n.kind === 'seq') {
      if (this.flowLevel > 0 || n.flow || n.items.length === 0) this.flowSequence(n.items);
      else this.blockSequence(n.items, ctx);
    } else if (this.flowLevel > 0 || n.flow || n.pairs.length === 0) this.flowMapping(n.pairs);
    else this.blockMapping(n.pairs);
  }

  private flowSequence(items: readonly Node[]): void {
    this.writeIndicator('[', true, true, false);
    const saved = this.increaseIndent(true, false);
    this.flowLevel++;
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.bestWidth) this.writeIndent();
      this.node(item, {});
    });
    this.flowLevel--;
    this.indent = saved;
    this.writeIndicator(']', false, false, false);
  }

  private flowMapping(pairs: readonly (readonly [Node, Node])[]): void {
    this.writeIndicator('{', true, true, false);
    const saved = this.increaseIndent(true, false);
    this.flowLevel++;
    pairs.forEach(([key, value], i) => {
      if (i > 0) this.writeIndicator(',', false, false, false);
      if (this.column > this.bestWidth) this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, false);
        this.node(key, { mapping: true });
        if (this.column > this.bestWidth) this.writeIndent();
        this.writeIndicator(':', true, false, false);
      }
      this.node(value, { mapping: true });
    });
    this.flowLevel--;
    this.indent = saved;
    this.writeIndicator('}', false, false, false);
  }

  private blockSequence(items: readonly Node[], ctx: Context): void {
    // a sequence that is a mapping's value sits at the key's column ("indentless"), as PyYAML writes it
    const saved = this.increaseIndent(false, (ctx.mapping ?? false) && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, {});
    }
    this.indent = saved;
  }

  private blockMapping(pairs: readonly (readonly [Node, Node])[]): void {
    const saved = this.increaseIndent(false, false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, { mapping: true });
    }
    this.indent = saved;
  }

  /** yaml_emitter_check_simple_key: one line, at most 128 bytes, or an empty collection */
  private isSimpleKey(key: Node): boolean {
    if (key.kind === 'seq') return key.items.length === 0;
    if (key.kind === 'map') return key.pairs.length === 0;
    return !analyzeScalar(key.text, this.unicode).multiline && utf8Length(key.text) <= 128;
  }

  private scalar(text: string, plainImplicit: boolean, ctx: Context): void {
    const analysis = analyzeScalar(text, this.unicode);
    const simpleKey = ctx.simpleKey ?? false;
    const style: ScalarStyle = selectStyle(analysis, text === '', plainImplicit, { flow: this.flowLevel > 0, simpleKey });
    const saved = this.increaseIndent(true, false);
    const chars = Array.from(text);
    if (style === 'plain') this.plain(chars, !simpleKey);
    else if (style === 'single') this.singleQuoted(chars, !simpleKey);
    else this.doubleQuoted(chars, !simpleKey);
    this.indent = saved;
  }

  private plain(chars: readonly string[], allowBreaks: boolean): void {
    if (!this.whitespace && (chars.length > 0 || this.flowLevel > 0)) this.put(' ');
    // a plain scalar has no line breaks (they force quotes); long ones fold at a single space past the width
    let spaces = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > this.bestWidth && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    });
    this.whitespace = false;
    this.indention = false;
  }

  private singleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        const inner = i > 0 && i < chars.length - 1;
        if (allowBreaks && !spaces && this.column > this.bestWidth && inner && chars[i + 1] !== ' ') this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        // a line break inside single quotes is written twice: one folded line break reads back as a space
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c === "'" ? "''" : c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    });
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    chars.forEach((c, i) => {
      const needsEscape = !isPrintable(c) || (!this.unicode && c > '\x7f') || isBreak(c) || c === '"' || c === '\\';
      if (needsEscape) {
        this.put(escape(c));
        spaces = false;
      } else if (c === ' ') {
        const inner = i > 0 && i < chars.length - 1;
        if (allowBreaks && !spaces && this.column > this.bestWidth && inner) {
          this.writeIndent();
          // an escaped break keeps the following space from being eaten by the fold
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    });
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}

/** yaml.dump(value, Dumper=AnsibleDumper, ...) for plain data: mappings, lists, strings, numbers, booleans, null. */
export function pyyamlDump(value: unknown, opts: DumpOptions = {}): string {
  const rawIndent = opts.indent ?? 2;
  const indent = rawIndent < 2 || rawIndent > 9 ? 2 : rawIndent;
  const rawWidth = opts.width ?? 0;
  const width = rawWidth < 0 ? Infinity : rawWidth <= indent * 2 ? 80 : rawWidth;
  const root = represent(value, opts);
  const e = new Emitter(indent, width, opts.allowUnicode ?? true);
  if (opts.explicitStart ?? false) {
    e.writeIndent();
    e.writeIndicator('---', true, false, false);
  }
  e.node(root, {});
  e.writeIndent();
  if (opts.explicitEnd ?? false) {
    e.writeIndicator('...', true, false, false);
    e.writeIndent();
  }
  return e.text();
}

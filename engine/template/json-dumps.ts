// Python's json.dumps as Ansible's to_json/to_nice_json and copy's content call it: keys in their order (or sorted),
// ", "/": " separators when not indenting, floats as Python writes them (1.0), and non-ASCII written as \uXXXX
// escapes (ensure_ascii, Python's default).
import { Undefined, UndefinedUse } from './undefined.js';
import { jsonNumber, PyFloat } from '../core/pyfloat.js';
import { isDict, isList } from './values.js';

export interface JsonDumpsOptions {
  readonly indent?: number | undefined;
  readonly sortKeys?: boolean | undefined;
  /** Python's default: true */
  readonly ensureAscii?: boolean | undefined;
}

export function jsonDumps(v: unknown, opts: JsonDumpsOptions = {}): string {
  const s = dump(v, opts, 0);
  // outside strings JSON is ASCII already: each UTF-16 unit beyond it becomes its escape, as Python writes them
  return opts.ensureAscii === false ? s : s.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One value as Python's json.dumps writes it: a float as its repr (1.0, 1e+16, NaN), ", " and ": " separators. */
function dump(v: unknown, opts: JsonDumpsOptions, depth: number): string {
  if (v instanceof Undefined) throw new UndefinedUse(v);
  if (typeof v === 'number' || v instanceof PyFloat) return jsonNumber(v);
  if (isList(v)) return container('[', ']', v.map((x) => (x === undefined || typeof x === 'function' ? 'null' : dump(x, opts, depth + 1))), opts, depth);
  if (isDict(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined && typeof v[k] !== 'function');
    if (opts.sortKeys === true) keys.sort();
    return container('{', '}', keys.map((k) => `${JSON.stringify(k)}: ${dump(v[k], opts, depth + 1)}`), opts, depth);
  }
  if (typeof v === 'object' && v !== null && 'toJSON' in v && typeof v.toJSON === 'function') return dump((v.toJSON as () => unknown).call(v), opts, depth);
  // strings, booleans, null; another object as JSON writes its fields
  return JSON.stringify(v) ?? 'null';
}

function container(open: string, close: string, items: string[], opts: JsonDumpsOptions, depth: number): string {
  if (items.length === 0) return open + close;
  if (opts.indent === undefined) return `${open}${items.join(', ')}${close}`;
  const pad = ' '.repeat(opts.indent * (depth + 1));
  return `${open}\n${pad}${items.join(`,\n${pad}`)}\n${' '.repeat(opts.indent * depth)}${close}`;
}

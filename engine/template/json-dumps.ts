// Python's json.dumps as Ansible's to_json/to_nice_json and copy's content call it: keys in their order (or sorted),
// ", "/": " separators when not indenting, and non-ASCII written as \uXXXX escapes (ensure_ascii, Python's default).
import { Undefined, UndefinedUse } from './undefined.js';
import { isDict, newDict } from './values.js';

export interface JsonDumpsOptions {
  readonly indent?: number | undefined;
  readonly sortKeys?: boolean | undefined;
  /** Python's default: true */
  readonly ensureAscii?: boolean | undefined;
}

export function jsonDumps(v: unknown, opts: JsonDumpsOptions = {}): string {
  const replacer = (_k: string, x: unknown): unknown => {
    if (x instanceof Undefined) throw new UndefinedUse(x);
    if (opts.sortKeys === true && isDict(x)) return newDict(Object.keys(x).sort().map((k) => [k, x[k]]));
    return x;
  };
  const s = JSON.stringify(v, replacer, opts.indent);
  // Python's json.dumps separates with ", " and ": " when not indenting
  const spaced = opts.indent === undefined ? pyJsonSpacing(s) : s;
  // outside strings JSON is ASCII already: each UTF-16 unit beyond it becomes its escape, as Python writes them
  return opts.ensureAscii === false ? spaced : spaced.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pyJsonSpacing(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i] as string;
    out += c;
    if (inString) {
      if (c === '\\') out += json[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ',' || c === ':') out += ' ';
  }
  return out;
}

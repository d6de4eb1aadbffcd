// The Python methods templates call on values (`name.split(',')`, `d.items()`): a fixed table, no JS members.
import { TemplateRuntimeError } from './undefined.js';
import { asTuple, Callable, contains, equal, getKey, hasKey, isDict, isTuple, iterate, newDict, pyRepr, pyStr, setKey, type Dict, isList } from './values.js';

type Method<T> = (self: T, args: unknown[], kwargs: Dict) => unknown;

function s(v: unknown): string {
  return pyStr(v);
}

function stripChars(chars: unknown): string {
  return chars === undefined || chars === null ? ' \t\n\r\f\v' : s(chars);
}

function pySplit(self: string, sep: unknown, max: unknown, fromRight: boolean): string[] {
  const limit = typeof max === 'number' && max >= 0 ? max : Infinity;
  if (sep === undefined || sep === null) {
    const words = self.trim().split(/\s+/).filter((w) => w !== '');
    if (words.length <= limit + 1) return words;
    return fromRight ? [words.slice(0, words.length - limit).join(' '), ...words.slice(words.length - limit)] : [...words.slice(0, limit), words.slice(limit).join(' ')];
  }
  const parts = self.split(s(sep));
  if (parts.length <= limit + 1) return parts;
  return fromRight ? [parts.slice(0, parts.length - limit).join(s(sep)), ...parts.slice(parts.length - limit)] : [...parts.slice(0, limit), parts.slice(limit).join(s(sep))];
}

function affix(self: string, arg: unknown, test: (x: string) => boolean): boolean {
  return isList(arg) ? arg.some((a) => test(s(a))) : test(s(arg));
}

const STRING: Record<string, Method<string>> = {
  lower: (v) => v.toLowerCase(),
  upper: (v) => v.toUpperCase(),
  capitalize: (v) => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase(),
  title: (v) => v.toLowerCase().replace(/(^|[^A-Za-z0-9'])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  strip: (v, [c]) => { const set = stripChars(c); let a = 0; let b = v.length; while (a < b && set.includes(v[a] as string)) a++; while (b > a && set.includes(v[b - 1] as string)) b--; return v.slice(a, b); },
  lstrip: (v, [c]) => { const set = stripChars(c); let a = 0; while (a < v.length && set.includes(v[a] as string)) a++; return v.slice(a); },
  rstrip: (v, [c]) => { const set = stripChars(c); let b = v.length; while (b > 0 && set.includes(v[b - 1] as string)) b--; return v.slice(0, b); },
  split: (v, [sep, max]) => pySplit(v, sep, max, false),
  rsplit: (v, [sep, max]) => pySplit(v, sep, max, true),
  splitlines: (v) => v.split(/\r\n|\r|\n/).filter((l, i, all) => !(i === all.length - 1 && l === '')),
  startswith: (v, [p]) => affix(v, p, (x) => v.startsWith(x)),
  endswith: (v, [p]) => affix(v, p, (x) => v.endsWith(x)),
  replace: (v, [a, b, n]) => (typeof n === 'number' ? v.split(s(a)).reduce((acc, part, i) => acc + (i === 0 ? part : (i <= n ? s(b) : s(a)) + part), '') : v.split(s(a)).join(s(b))),
  find: (v, [x]) => v.indexOf(s(x)),
  index: (v, [x]) => { const i = v.indexOf(s(x)); if (i < 0) throw new TemplateRuntimeError('substring not found'); return i; },
  count: (v, [x]) => v.split(s(x)).length - 1,
  join: (v, [items]) => iterate(items).map(s).join(v),
  isdigit: (v) => /^\d+$/.test(v),
  isalpha: (v) => /^[A-Za-z]+$/.test(v),
  isalnum: (v) => /^[A-Za-z0-9]+$/.test(v),
  zfill: (v, [w]) => v.padStart(Number(w), '0'),
  center: (v, [w]) => { const pad = Math.max(0, Number(w) - v.length); return ' '.repeat(Math.floor(pad / 2)) + v + ' '.repeat(Math.ceil(pad / 2)); },
};

/** How many items a list a template grows in place may hold (`l.extend(l)` in a loop doubles it). */
const MAX_LIST = 1_000_000;

function grown(v: unknown[], by: number): unknown[] {
  if (v.length + by > MAX_LIST) throw new TemplateRuntimeError(`a list in a template may hold at most ${MAX_LIST} items`);
  return v;
}

/** Python's index of a list position (negative from the end), or undefined when outside. */
function position(v: readonly unknown[], i: unknown): number | undefined {
  if (typeof i !== 'number' || !Number.isInteger(i)) throw new TemplateRuntimeError(`list indices must be integers, not ${typeof i === 'string' ? 'str' : 'float'}`);
  const at = i < 0 ? v.length + i : i;
  return at >= 0 && at < v.length ? at : undefined;
}

const LIST: Record<string, Method<unknown[]>> = {
  index: (v, [x]) => { const i = v.findIndex((y) => equal(x, y)); if (i < 0) throw new TemplateRuntimeError(`${pyStr(x)} is not in list`); return i; },
  count: (v, [x]) => v.filter((y) => equal(x, y)).length,
  copy: (v) => [...v],
  // these change the list in place (a template's own copy: engine/template/own-copy.ts) and return None
  append: (v, [x]) => { grown(v, 1).push(x); return null; },
  extend: (v, [items]) => {
    const more = [...iterate(items)];
    grown(v, more.length);
    for (const x of more) v.push(x);
    return null;
  },
  insert: (v, [i, x]) => { const n = Number(i); grown(v, 1).splice(n < 0 ? Math.max(0, v.length + n) : n, 0, x); return null; },
  remove: (v, [x]) => { const i = v.findIndex((y) => equal(x, y)); if (i < 0) throw new TemplateRuntimeError('list.remove(x): x not in list'); v.splice(i, 1); return null; },
  clear: (v) => { v.length = 0; return null; },
  pop: (v, [i]) => {
    if (v.length === 0) throw new TemplateRuntimeError('pop from empty list');
    const at = i === undefined ? v.length - 1 : position(v, i);
    if (at === undefined) throw new TemplateRuntimeError('pop index out of range');
    return v.splice(at, 1)[0];
  },
};

const DICT: Record<string, Method<Dict>> = {
  items: (v) => Object.entries(v).map(asTuple),
  keys: (v) => Object.keys(v),
  values: (v) => Object.values(v),
  get: (v, [k, d]) => (typeof k === 'string' && hasKey(v, k) ? v[k] : d ?? null),
  has_key: (v, [k]) => contains(v, k),
  copy: (v) => newDict(Object.entries(v)),
  // these change the dict in place (a template's own copy: engine/template/own-copy.ts)
  update: (v, [other], kwargs) => {
    for (const [k, x] of [...(isDict(other) ? Object.entries(other) : iterate(other ?? []).map(pair)), ...Object.entries(kwargs)]) setKey(v, k, x);
    return null;
  },
  setdefault: (v, [k, d]) => { const key = pyStr(k); if (!hasKey(v, key)) setKey(v, key, d ?? null); return v[key]; },
  pop: (v, [k, ...d]) => {
    const key = pyStr(k);
    if (!hasKey(v, key)) {
      if (d.length > 0) return d[0];
      throw new TemplateRuntimeError(`KeyError: ${pyRepr(k)}`);
    }
    const out = v[key];
    delete v[key];
    return out;
  },
  clear: (v) => { for (const k of Object.keys(v)) delete v[k]; return null; },
};

/** An item of the sequence dict.update() takes: a key and a value. */
function pair(item: unknown): [string, unknown] {
  if (!isList(item) || item.length !== 2) throw new TemplateRuntimeError('dictionary update sequence element has the wrong length; 2 is required');
  return [pyStr(item[0]), item[1]];
}

/** A tuple's methods: it cannot change */
const TUPLE_METHODS = { index: true, count: true };

/** The bound method `name` of value, or undefined when the type has no such method. */
export function methodOf(value: unknown, name: string): Callable | undefined {
  const table: Record<string, Method<never>> | undefined =
    typeof value === 'string' ? STRING : isList(value) ? (isTuple(value) && !hasKey(TUPLE_METHODS, name) ? undefined : LIST) : isDict(value) ? DICT : undefined;
  if (table === undefined || !hasKey(table, name)) return undefined;
  const m = getKey(table, name) as Method<unknown>;
  return new Callable(name, (args, kwargs) => m(value, args, kwargs));
}

// List and dictionary filters of Ansible (core.py, mathstuff.py) and Jinja2 that public roles use: combinatorics,
// zip, subelements, extract, rekey_on_member, batch/slice, groupby, dictsort.
import { TemplateRuntimeError, Undefined } from './undefined.js';
import { asTuple, compare, hasKey, isDict, isList, newDict, pyRepr, pyStr, truthy, type Dict } from './values.js';
import { arg, dict, list, type Filter } from './filter-args.js';

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  items.forEach((x, i) => { for (const rest of combinations(items.slice(i + 1), k - 1)) out.push([x, ...rest]); });
  return out;
}

function permutations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  items.forEach((x, i) => { for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)], k - 1)) out.push([x, ...rest]); });
  return out;
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]]);
}

/** a combinatorial result must not exhaust memory */
function bounded<T>(n: number, make: () => T): T {
  if (n > 1_000_000) throw new TemplateRuntimeError(`the result would have ${n} items (over 1,000,000)`);
  return make();
}

const choose = (n: number, k: number): number => { let r = 1; for (let i = 0; i < k; i++) r = (r * (n - i)) / (i + 1); return Math.round(r); };
const falling = (n: number, k: number): number => { let r = 1; for (let i = 0; i < k; i++) r *= n - i; return r; };

function lookupPath(value: unknown, key: unknown): unknown {
  if (isDict(value) && hasKey(value, pyStr(key))) return value[pyStr(key)];
  if (isList(value) && typeof key === 'number' && key < value.length && key >= -value.length) return value.at(key);
  return new Undefined(pyStr(key), pyStr(key), false, `no item ${pyRepr(key)} in ${pyRepr(value)}`);
}

function groupKey(item: unknown, attribute: string): unknown {
  let v = item;
  for (const part of attribute.split('.')) v = isDict(v) && hasKey(v, part) ? v[part] : isList(v) && /^\d+$/.test(part) ? v[Number(part)] : undefined;
  return v;
}

export const LIST_FILTERS: [string, Filter][] = [
  ['combinations', (v, a, k) => {
    const items = list(v, 'combinations');
    const n = Number(arg(a, k, 0, 'r', 0));
    return bounded(choose(items.length, n), () => combinations(items, n));
  }],
  ['permutations', (v, a, k) => {
    const items = list(v, 'permutations');
    const r = arg(a, k, 0, 'r', null);
    const n = typeof r === 'number' ? r : items.length;
    return bounded(falling(items.length, n), () => permutations(items, n));
  }],
  ['product', (v, a, k) => {
    const lists = [list(v, 'product'), ...a.map((x) => list(x, 'product'))];
    const repeat = Number(k.repeat ?? 1);
    const all = Array.from({ length: repeat }, () => lists).flat();
    return bounded(all.reduce((n, l) => n * l.length, 1), () => product(all));
  }],
  ['zip', (v, a) => {
    const lists = [list(v, 'zip'), ...a.map((x) => list(x, 'zip'))];
    const n = Math.min(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => asTuple(lists.map((l) => l[i])));
  }],
  ['zip_longest', (v, a, k) => {
    const lists = [list(v, 'zip_longest'), ...a.map((x) => list(x, 'zip_longest'))];
    const fill = hasKey(k, 'fillvalue') ? k.fillvalue : null;
    const n = Math.max(...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : fill)));
  }],
  ['subelements', (v, a, k) => {
    const elements = isDict(v) ? Object.values(v) : isList(v) ? v : undefined;
    if (elements === undefined) throw new TemplateRuntimeError('subelements: obj must be a list of dicts or a nested dict');
    const spec = arg(a, k, 0, 'subelements', '');
    const path = isList(spec) ? spec : typeof spec === 'string' ? spec.split('.') : undefined;
    if (path === undefined) throw new TemplateRuntimeError('subelements must be a list or a string');
    const skipMissing = truthy(arg(a, k, 1, 'skip_missing', false));
    return elements.flatMap((element) => {
      let values: unknown = element;
      for (const key of path) {
        if (isDict(values) && hasKey(values, pyStr(key))) values = values[pyStr(key)];
        else if (isDict(values)) {
          if (skipMissing) return [];
          throw new TemplateRuntimeError(`could not find ${pyRepr(key)} key in iterated item ${pyRepr(values)}`);
        } else throw new TemplateRuntimeError(`the key ${pyStr(key)} should point to a dictionary, got '${pyStr(values)}'`);
      }
      if (!isList(values)) throw new TemplateRuntimeError(`the key ${pyRepr(path.at(-1))} should point to a list, got ${pyRepr(values)}`);
      return values.map((x) => [element, x]);
    });
  }],
  ['extract', (v, a, k) => {
    let out = lookupPath(arg(a, k, 0, 'container', {}), v);
    const more = arg(a, k, 1, 'morekeys', null);
    for (const key of more === null ? [] : isList(more) ? more : [more]) out = out instanceof Undefined ? out : lookupPath(out, key);
    return out;
  }],
  ['rekey_on_member', (v, a, k) => {
    const key = pyStr(arg(a, k, 0, 'key', ''));
    const duplicates = pyStr(arg(a, k, 1, 'duplicates', 'error'));
    const items = isDict(v) ? Object.values(v) : list(v, 'rekey_on_member');
    const out: Dict = newDict([]);
    for (const item of items) {
      const d = dict(item, 'rekey_on_member');
      if (!hasKey(d, key)) throw new TemplateRuntimeError(`Key ${key} was not found`);
      const name = pyStr(d[key]);
      if (hasKey(out, name) && duplicates === 'error') throw new TemplateRuntimeError(`Key ${name} is not unique, cannot correctly turn into dict`);
      if (!hasKey(out, name) || duplicates === 'overwrite') Object.defineProperty(out, name, { value: d, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }],
  ['batch', (v, a, k) => {
    const items = list(v, 'batch');
    const size = Number(arg(a, k, 0, 'linecount', 1));
    if (!(size >= 1)) throw new TemplateRuntimeError('batch: linecount must be at least 1');
    const fill = arg(a, k, 1, 'fill_with', null);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    const lastBatch = out.at(-1);
    if (fill !== null && lastBatch) while (lastBatch.length < size) lastBatch.push(fill);
    return out;
  }],
  ['slice', (v, a, k) => {
    const items = list(v, 'slice');
    const slices = Number(arg(a, k, 0, 'slices', 1));
    if (!(slices >= 1 && slices <= 1_000_000)) throw new TemplateRuntimeError('slice: slices must be from 1 to 1,000,000');
    const fill = arg(a, k, 1, 'fill_with', null);
    const per = Math.floor(items.length / slices);
    const extra = items.length % slices;
    let offset = 0;
    return Array.from({ length: slices }, (_, i) => {
      const start = offset + i * per;
      if (i < extra) offset++;
      const tmp = items.slice(start, offset + (i + 1) * per);
      if (fill !== null && i >= extra) tmp.push(fill);
      return tmp;
    });
  }],
  ['groupby', (v, a, k) => {
    const attribute = pyStr(arg(a, k, 0, 'attribute', ''));
    const dflt = arg(a, k, 1, 'default', undefined);
    const keyed = list(v, 'groupby').map((item) => {
      const key = groupKey(item, attribute);
      if (key === undefined && dflt === undefined) throw new TemplateRuntimeError(`groupby: an item has no attribute '${attribute}'`);
      return [key === undefined ? dflt : key, item] as const;
    });
    const sorted = [...keyed].sort((x, y) => compare(x[0], y[0]));
    const out: [unknown, unknown[]][] = [];
    for (const [key, item] of sorted) {
      const lastGroup = out.at(-1);
      if (lastGroup && compare(lastGroup[0], key) === 0) lastGroup[1].push(item);
      else out.push([key, [item]]);
    }
    return out;
  }],
  ['dictsort', (v, a, k) => {
    const caseSensitive = truthy(arg(a, k, 0, 'case_sensitive', false));
    const by = pyStr(arg(a, k, 1, 'by', 'key'));
    const reverse = truthy(arg(a, k, 2, 'reverse', false));
    if (by !== 'key' && by !== 'value') throw new TemplateRuntimeError("dictsort: You can only sort by either 'key' or 'value'");
    const norm = (x: unknown): unknown => (!caseSensitive && typeof x === 'string' ? x.toLowerCase() : x);
    const pick = (e: [string, unknown]): unknown => norm(by === 'key' ? e[0] : e[1]);
    const pairs = Object.entries(dict(v, 'dictsort')).sort((x, y) => compare(pick(x), pick(y)));
    return (reverse ? pairs.reverse() : pairs).map(asTuple);
  }],
];

// The lookups that reshape lists, as Ansible's plugins do: items, list, dict, indexed_items, together, nested,
// cartesian, subelements, random_choice, flattened (community.general's). Each is the loop of its with_ keyword (with_dict = lookup dict).
import { toBool } from '../template/index.js';
import { isDict, pyRepr, pyStr, type Dict } from '../template/values.js';
import { flattenOne, listify, LookupFailure, pyIter, termList, type LookupContext, type LookupPlugin, type Terms } from './lookup-plugin.js';

const items: LookupPlugin = (terms) => flattenOne(terms);

const list: LookupPlugin = (terms) => {
  if (isDict(terms)) throw new LookupFailure('with_list expects a list');
  return [...terms];
};

const dict: LookupPlugin = (terms) =>
  termList(terms).flatMap((term) => {
    if (!isDict(term)) throw new LookupFailure('with_dict expects a dict');
    return Object.entries(term).map(([key, value]) => ({ key, value }));
  });

/** community.general.flattened: lists spliced in at every depth; a list of one list is its item; 'None' or 'null' ends it. */
function flattenAll(terms: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let term of terms) {
    while (Array.isArray(term) && term.length === 1) term = term[0];
    if (term === 'None' || term === 'null') break;
    if (Array.isArray(term)) out.push(...flattenAll(term));
    else out.push(term);
  }
  return out;
}

const flattened: LookupPlugin = (terms) => {
  if (isDict(terms)) throw new LookupFailure('with_flattened expects a list');
  return flattenAll(terms);
};

const indexedItems: LookupPlugin = (terms) => {
  if (isDict(terms)) throw new LookupFailure('with_indexed_items expects a list');
  return flattenOne(terms).map((item, i) => [i, item]);
};

/** Each term rendered and made a list, as together/nested/cartesian do before combining. */
function lists(terms: Terms, ctx: LookupContext): unknown[][] {
  return termList(terms).map((t) => pyIter(listify(t, ctx)));
}

const together: LookupPlugin = (terms, _kw, ctx) => {
  const all = lists(terms, ctx);
  if (all.length === 0) throw new LookupFailure('with_together requires at least one element in each list');
  const longest = Math.max(...all.map((l) => l.length));
  // itertools.zip_longest, missing places None
  return Array.from({ length: longest }, (_, i) => flattenOne(all.map((l) => (i < l.length ? l[i] : null))));
};

/** More combinations than this is a mistake, not a loop: refused before memory runs out. */
const MAX_COMBINATIONS = 1_000_000;

function checkSize(lengths: readonly number[], what: string): void {
  const n = lengths.reduce((a, b) => a * b, 1);
  if (n > MAX_COMBINATIONS) throw new LookupFailure(`${what}: ${lengths.join(' x ')} combinations is more than ${MAX_COMBINATIONS}`);
}

function product(all: readonly unknown[][]): unknown[][] {
  return all.reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]]);
}

const nested: LookupPlugin = (terms, _kw, ctx) => {
  const all = termList(terms).map((t) => listify(t, ctx));
  if (all.length === 0) throw new LookupFailure('with_nested requires at least one element in the nested list');
  // LookupBase._combine: each pair flattened one level, then each result flattened again
  checkSize(all.map((l) => pyIter(l).length), 'with_nested');
  let result: unknown[] = pyIter(all[0]);
  for (const next of all.slice(1)) result = result.flatMap((x) => pyIter(next).map((y) => flattenOne([x, y])));
  return result.map((x) => flattenOne(x));
};

const cartesian: LookupPlugin = (terms, _kw, ctx) => {
  const all = lists(terms, ctx);
  if (all.length === 0) throw new LookupFailure('with_cartesian requires at least one element in each list');
  checkSize(all.map((l) => l.length), 'with_cartesian');
  return product(all).map((x) => flattenOne(x));
};

const randomChoice: LookupPlugin = (terms) => {
  const all = termList(terms);
  return all.length === 0 ? all : [all[Math.floor(Math.random() * all.length)]];
};

const SUBELEMENTS_FLAGS = ['skip_missing'];

function subelementsError(msg = ''): LookupFailure {
  return new LookupFailure(`subelements lookup expects a list of two or three items${msg === '' ? '' : `, ${msg}`}`);
}

/** A copy of `item` along `path` without its last key: Ansible pops the list out of the item it pairs. */
function withoutKey(item: Dict, path: readonly string[]): Dict {
  const [head, ...rest] = path;
  const copy: Dict = { ...item };
  if (head === undefined) return copy;
  if (rest.length === 0) delete copy[head];
  else if (isDict(copy[head])) copy[head] = withoutKey(copy[head], rest);
  return copy;
}

/** One item's (item, subelement) pairs, or why the item is wrong. */
function pairsOf(item0: unknown, path: readonly string[], skipMissing: boolean): unknown[][] {
  if (!isDict(item0)) throw new LookupFailure(`subelements lookup expects a dictionary, got '${pyStr(item0)}'`);
  if ('skipped' in item0 && item0.skipped !== false) return [];
  let sub: Dict = item0;
  let sublist: unknown[] = [];
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    if (!(key in sub)) {
      if (skipMissing) continue;
      throw new LookupFailure(`could not find '${key}' key in iterated item '${pyStr(sub)}'`);
    }
    const v = sub[key];
    if (!last) {
      if (isDict(v)) sub = v;
      else if (!skipMissing) throw new LookupFailure(`the key ${key} should point to a dictionary, got '${pyStr(v)}'`);
    } else if (!Array.isArray(v)) throw new LookupFailure(`the key ${key} should point to a list, got '${pyStr(v)}'`);
    else sublist = v as unknown[];
  }
  if (sublist.length === 0) return [];
  const shown = withoutKey(item0, path);
  return sublist.map((item1) => [shown, item1]);
}

const subelements: LookupPlugin = (terms, _kw, ctx) => {
  const t = termList(terms);
  if (t.length < 2 || t.length > 3) throw subelementsError();
  const first = listify(t[0], ctx);
  const key = t[1];
  if (typeof key !== 'string') throw subelementsError('first a dict or a list, second a string pointing to the subkey');
  let elements: unknown[];
  if (isDict(first)) {
    // a registered loop result that was skipped as a whole
    if ('skipped' in first && first.skipped !== false) return [];
    elements = Object.values(first);
  } else elements = first as unknown[];
  const flags = t[2] ?? {};
  if (!isDict(flags) && !pyIter(flags).every((k) => typeof k === 'string' && SUBELEMENTS_FLAGS.includes(k))) {
    throw subelementsError(`the optional third item must be a dict with flags ${pyRepr(SUBELEMENTS_FLAGS)}`);
  }
  const skipMissing = isDict(flags) ? toBool(flags.skip_missing ?? false) === true : false;
  return elements.flatMap((item0) => pairsOf(item0, key.split('.'), skipMissing));
};

export const LIST_LOOKUPS = {
  items,
  list,
  dict,
  indexed_items: indexedItems,
  together,
  nested,
  cartesian,
  subelements,
  random_choice: randomChoice,
  flattened,
} as const satisfies Record<string, LookupPlugin>;

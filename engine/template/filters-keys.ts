// ansible.utils' key filters (plugins/plugin_utils/{remove,keep,replace}_keys.py): drop, keep or rename the keys of
// nested dicts and lists, matched by equality, prefix, suffix or a Python regex anchored at the start. The input is
// copied first: Ansible's filters change the variable they are given in place, which kplay does not reproduce.
import { pyRegex } from './regex.js';
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, isDict, isList, newDict, pyStr, setKey, truthy, typeName, type Dict } from './values.js';
import type { Filter } from './filter-args.js';

type Matching = 'equality' | 'starts_with' | 'ends_with' | 'regex';
const CHOICES: readonly Matching[] = ['starts_with', 'ends_with', 'regex'];

/** How a data key is compared with a target: one compiled test per target. */
function matcher(target: string, how: Matching): (key: string) => boolean {
  if (how === 'starts_with') return (k) => k.startsWith(target);
  if (how === 'ends_with') return (k) => k.endsWith(target);
  if (how === 'equality') return (k) => k === target;
  // re.match: a match that starts at the first character, wherever it ends
  const re = pyRegex(target, { anchored: true });
  return (k) => re.test(k);
}

/** Deep copy of template data, so the filters can work in place as Ansible's do without touching variables. */
function copy(v: unknown): unknown {
  if (isList(v)) return v.map(copy);
  if (isDict(v)) return newDict(Object.entries(v).map(([k, x]) => [k, copy(x)] as const));
  return v;
}

interface KeyArgs<T> {
  readonly data: Dict | unknown[];
  readonly target: readonly T[];
  readonly matching: Matching;
}

/**
 * The arguments as the filters' argument spec checks them: data | filter(target, matching_parameter), positional or
 * by keyword; target a list (a string is split at commas), matching_parameter one of the choices when given.
 */
function keyArgs<T>(filter: string, operation: string, v: unknown, args: unknown[], kwargs: Dict, element: (x: unknown) => T): KeyArgs<T> {
  const names = ['target', 'matching_parameter'];
  const given: Dict = newDict(args.slice(0, names.length).map((a, i) => [names[i] ?? '', a] as const));
  for (const [k, x] of Object.entries(kwargs)) setKey(given, k, x);
  const unknown = Object.keys(given).filter((k) => !names.includes(k) && k !== 'data');
  if (unknown.length > 0) throw new TemplateRuntimeError(`${filter}: ${unknown.sort().join(', ')}. Supported parameters include: data, matching_parameter, target.`);
  if (!hasKey(given, 'target') || given.target === null) throw new TemplateRuntimeError(`${filter}: missing required arguments: target`);
  const raw = given.target;
  let targets: unknown[];
  if (isList(raw)) targets = raw;
  else if (typeof raw === 'string') targets = raw.split(',');
  else if (typeof raw === 'number' || typeof raw === 'boolean') targets = [pyStr(raw)];
  else throw new TemplateRuntimeError(`${filter}: argument 'target' is of type ${typeName(raw)} and we were unable to convert to list`);
  let matching: Matching = 'equality';
  if (hasKey(given, 'matching_parameter')) {
    const m = given.matching_parameter;
    const choice = CHOICES.find((c) => c === m);
    if (choice === undefined) throw new TemplateRuntimeError(`${filter}: value of matching_parameter must be one of: ${CHOICES.join(', ')}, got: ${pyStr(m)}`);
    matching = choice;
  }
  if (!isList(v) && !isDict(v)) throw new TemplateRuntimeError(`Error when using plugin '${filter}': Input is not valid for ${operation}`);
  return { data: v, target: targets.map(element), matching };
}

/** elements: str, as the argument spec converts them */
function asText(x: unknown): string {
  return typeof x === 'string' ? x : pyStr(x);
}

function removeFrom(data: unknown, tests: readonly ((k: string) => boolean)[]): void {
  if (isDict(data)) {
    for (const test of tests) for (const k of Object.keys(data)) if (test(k)) delete data[k];
    for (const v of Object.values(data)) removeFrom(v, tests);
  } else if (isList(data)) {
    for (const item of data) removeFrom(item, tests);
  }
}

/** plugin_utils' clear_empty_data: in every list, falsy items are dropped (before their own contents are cleared). */
function clearEmpty(data: unknown): unknown {
  if (isDict(data)) {
    for (const [k, v] of Object.entries(data)) setKey(data, k, clearEmpty(v));
    return data;
  }
  if (isList(data)) return data.filter((item) => truthy(item)).map(clearEmpty);
  return data;
}

/** data | ansible.utils.remove_keys(target=[...], matching_parameter=...) */
const removeKeys: Filter = (v, args, kwargs) => {
  const { data, target, matching } = keyArgs('remove_keys', 'attribute removal', v, args, kwargs, asText);
  const mine = copy(data);
  // Ansible walks a set of the targets: duplicates count once
  removeFrom(mine, [...new Set(target)].map((t) => matcher(t, matching)));
  return clearEmpty(mine);
};

function isEmpty(x: unknown): boolean {
  return (isList(x) || isDict(x)) && Object.keys(x).length === 0;
}

/**
 * keep_keys_from_dict_n_list: scalar values stay when their key matches; a list or dict value stays (whatever its
 * key) when what is kept inside it is not empty, and a list that is left holding only strings is dropped.
 */
function keepIn(data: unknown, tests: readonly ((k: string) => boolean)[]): unknown {
  if (isList(data)) return data.map((item) => keepIn(item, tests));
  if (!isDict(data)) return data;
  const keep = newDict();
  for (const [k, val] of Object.entries(data)) {
    if (!isList(val) && !isDict(val)) {
      if (tests.some((test) => test(k))) setKey(keep, k, val);
      continue;
    }
    if (tests.length === 0) continue;
    let inner: unknown = keepIn(val, tests);
    if (isList(inner)) {
      const items = inner.filter((r) => !isEmpty(r));
      if (items.every((s) => typeof s === 'string')) continue;
      inner = items;
    }
    if (isEmpty(inner)) continue;
    setKey(keep, k, inner);
  }
  return keep;
}

/** data | ansible.utils.keep_keys(target=[...], matching_parameter=...) */
const keepKeys: Filter = (v, args, kwargs) => {
  const { data, target, matching } = keyArgs('keep_keys', 'keep operation', v, args, kwargs, asText);
  return keepIn(copy(data), target.map((t) => matcher(t, matching)));
};

interface Rename {
  readonly before: string;
  readonly after: string;
}

/** elements: dict with before and after (str), as the argument spec reads each target */
function asRename(x: unknown): Rename {
  if (!isDict(x)) throw new TemplateRuntimeError(`replace_keys: elements value for option 'target' is of type ${typeName(x)} and we were unable to convert to dict`);
  const extra = Object.keys(x).filter((k) => k !== 'before' && k !== 'after');
  if (extra.length > 0) throw new TemplateRuntimeError(`replace_keys: target.${extra.sort().join(', ')}. Supported parameters include: after, before.`);
  const before = x.before;
  const after = x.after;
  if (before === undefined || before === null || after === undefined || after === null) {
    throw new TemplateRuntimeError('replace_keys: each target needs a before and an after key (kplay does not make a None key as Ansible would)');
  }
  return { before: asText(before), after: asText(after) };
}

function replaceIn(data: unknown, renames: readonly (readonly [(k: string) => boolean, string])[]): void {
  if (isDict(data)) {
    for (const [test, after] of renames) {
      for (const k of Object.keys(data)) {
        if (!hasKey(data, k) || !test(k)) continue;
        // data[after] = data.pop(k): a new key goes last, an existing one keeps its place
        const moved = data[k];
        delete data[k];
        setKey(data, after, moved);
      }
    }
    for (const v of Object.values(data)) replaceIn(v, renames);
  } else if (isList(data)) {
    for (const item of data) replaceIn(item, renames);
  }
}

/** data | ansible.utils.replace_keys(target=[{before: ..., after: ...}], matching_parameter=...) */
const replaceKeys: Filter = (v, args, kwargs) => {
  const { data, target, matching } = keyArgs('replace_keys', 'replace operation', v, args, kwargs, asRename);
  const mine = copy(data);
  replaceIn(mine, target.map((r) => [matcher(r.before, matching), r.after] as const));
  return mine;
};

export const KEY_FILTERS: [string, Filter][] = [
  ['ansible.utils.remove_keys', removeKeys],
  ['ansible.utils.keep_keys', keepKeys],
  ['ansible.utils.replace_keys', replaceKeys],
];

// community.general.merge_variables: the variables whose names match a prefix, suffix or regex, merged in name
// order (lists appended; dicts merged deeply, a changed key an error, a warning or ignored as `override` says).
import { Callable, equal, hasKey, isDict, isList, newDict, pyStr, setKey, typeName, type Dict } from '../template/values.js';
import { pyRegex } from '../template/regex.js';
import { ownValue } from '../core/dict.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';

type PatternType = 'prefix' | 'suffix' | 'regex';
type Override = 'error' | 'warn' | 'ignore';
const OPTION_OWNER = 'plugin_type: lookup plugin: ansible_collections.community.general.plugins.lookup.merge_variables';

/** An option from the keyword, else its environment variable, else the default; checked against its choices. */
function choice<T extends string>(kwargs: Dict, name: string, env: string, choices: readonly T[], dflt: T): T {
  const given = hasKey(kwargs, name) && kwargs[name] !== null ? kwargs[name] : ownValue(process.env, env) ?? dflt;
  const found = choices.find((c) => c === given);
  if (found === undefined) throw new LookupFailure(`Invalid value "${pyStr(given)}" for configuration option "${OPTION_OWNER} setting: ${name} ", valid values are: ${choices.join(', ')}`);
  return found;
}

function kindOf(v: unknown): 'list' | 'dict' {
  if (isList(v)) return 'list';
  if (isDict(v)) return 'dict';
  throw new LookupFailure('Not supported type detected, variable must be a list or a dict');
}

/** a copy, so merging never changes a variable's own value (Ansible's merge works on freshly templated values) */
function copy(v: unknown): unknown {
  if (isList(v)) return v.map(copy);
  if (isDict(v)) return newDict(Object.entries(v).map(([k, x]) => [k, copy(x)] as const));
  return v;
}

function mergeDict(src: Dict, dest: Dict, path: string[], override: Override): Dict {
  for (const [key, value] of Object.entries(src)) {
    const old = hasKey(dest, key) ? dest[key] : undefined;
    if (isDict(value)) {
      if (old === undefined) setKey(dest, key, newDict());
      const node = dest[key];
      if (!isDict(node)) throw new LookupFailure(`'${typeName(node)}' object has no attribute 'setdefault'`);
      mergeDict(value, node, [...path, key], override);
    } else if (isList(value) && old !== undefined) {
      if (!isList(old)) throw new LookupFailure(`unsupported operand type(s) for +=: '${typeName(old)}' and 'list'`);
      setKey(dest, key, [...old, ...value]);
    } else {
      if (old !== undefined && !equal(old, value)) {
        const msg = `The key '${key}' with value '${pyStr(old)}' will be overwritten with value '${pyStr(value)}' from '${path.join('.')}.${key}'`;
        // kplay has no warning channel inside a lookup: warn goes on as ignore does
        if (override === 'error') throw new LookupFailure(msg);
      }
      setKey(dest, key, value);
    }
  }
  return dest;
}

const mergeVariables: LookupPlugin = (terms, kwargs, ctx) => {
  const patternType = choice<PatternType>(kwargs, 'pattern_type', 'ANSIBLE_MERGE_VARIABLES_PATTERN_TYPE', ['prefix', 'suffix', 'regex'], 'regex');
  const override = choice<Override>(kwargs, 'override', 'ANSIBLE_MERGE_VARIABLES_OVERRIDE', ['error', 'warn', 'ignore'], 'error');
  const initial = hasKey(kwargs, 'initial_value') ? kwargs.initial_value : null;
  const names = Object.keys(ctx.vars).filter((k) => !(ctx.vars[k] instanceof Callable));
  return termList(terms).map((term) => {
    if (typeof term !== 'string') throw new LookupFailure(`Non-string type '<class '${typeName(term)}'>' passed, only 'str' types are allowed!`);
    let matches: (name: string) => boolean;
    if (patternType === 'prefix') matches = (n) => n.startsWith(term);
    else if (patternType === 'suffix') matches = (n) => n.endsWith(term);
    else {
      const re = pyRegex(term);
      matches = (n) => re.test(n);
    }
    const merged = names.filter(matches).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let kind: 'list' | 'dict' | undefined;
    let result: unknown = null;
    if (initial !== null && initial !== undefined) {
      kind = kindOf(initial);
      result = copy(initial);
    }
    for (const name of merged) {
      const value = copy(ctx.render(ctx.vars[name]));
      const k = kindOf(value);
      if (kind === undefined) kind = k;
      else if (kind !== k) throw new LookupFailure('Unable to merge, not all variables are of the same type');
      if (result === null) result = value;
      else if (k === 'dict') result = mergeDict(value as Dict, result as Dict, [name], override);
      else result = [...(result as unknown[]), ...(value as unknown[])];
    }
    return result;
  });
};

export const MERGE_VARIABLES_LOOKUPS = { 'community.general.merge_variables': mergeVariables } as const satisfies Record<string, LookupPlugin>;

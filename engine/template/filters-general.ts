// Filters of the community.general collection that roles use as plain data helpers (kubespray's bootstrap_os uses
// dict): as its plugins define them, under their collection names only (Ansible routes no short name to them).
import { TemplateRuntimeError } from './undefined.js';
import { isDict, isList, newDict, pyStr } from './values.js';
import { arg, type Filter } from './filter-args.js';

/** Python's dict(value): a dict as it is, or a list of [key, value] pairs. */
const dictOf: Filter = (v) => {
  if (isDict(v)) return newDict(Object.entries(v));
  if (!isList(v)) throw new TemplateRuntimeError(`dict: cannot convert ${pyStr(v)} to a dictionary`);
  return newDict(
    v.map((pair, i) => {
      if (!isList(pair) || pair.length !== 2) throw new TemplateRuntimeError(`dictionary update sequence element #${i} has length ${isList(pair) ? pair.length : 1}; 2 is required`);
      return [pyStr(pair[0]), pair[1]] as const;
    }),
  );
};

/** value | dict_kv(key) -> {key: value} */
const dictKv: Filter = (v, a, k) => newDict([[pyStr(arg(a, k, 0, 'key', '')), v]]);

export const GENERAL_FILTERS: [string, Filter][] = [
  ['community.general.dict', dictOf],
  ['community.general.dict_kv', dictKv],
];

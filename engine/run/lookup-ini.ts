// The ini lookup, as Ansible 2.14's: `key [section=s] [file=f] [default=d] [re=true] [type=properties] ...` or the same
// options as keywords; the file found as the file lookup finds it (files/ first), read with Python's configparser
// (ini-parser.ts). Inline options stay set for the following terms, as in Ansible; allow_no_value and
// case_sensitive count only as keywords (Ansible builds its parser before reading the terms).
import { readFileSync } from 'node:fs';
import { pyStr, truthy, type Dict } from '../template/values.js';
import { IniError, IniFile } from './ini-parser.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';
import { decodeText, lookupFile, optionBool } from './lookup-options.js';

/** The options in Ansible's order (which _parse_params tries in turn), with their defaults. */
const DEFAULTS: Readonly<Record<string, unknown>> = {
  type: 'ini',
  file: 'ansible.ini',
  section: 'global',
  re: false,
  encoding: 'utf-8',
  default: '',
  case_sensitive: false,
  allow_no_value: false,
  allow_none: false,
};

/** The keyword options over the defaults, typed as set_options types them (re, allow_no_value: booleans). */
export function iniOptions(kwargs: Dict): Record<string, unknown> {
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(kwargs)) if (k in DEFAULTS) out[k] = k === 're' || k === 'allow_no_value' || k === 'allow_none' ? optionBool(v) : v;
  if (!['ini', 'properties'].includes(pyStr(out.type))) {
    throw new LookupFailure(`Invalid type for configuration option setting type : value ${pyStr(out.type)} is not a valid choice, choose from ini, properties`);
  }
  return out;
}

/** ini.py's _parse_params: the term's words, each joined to the option whose `name=` it carries or last carried. */
export function iniParams(term: string): string[] {
  const params = new Map<string, string>();
  let current = 'key';
  term.split(/\s+/).filter((w) => w !== '').forEach((phrase, i) => {
    if (phrase.includes('=')) for (const k of Object.keys(DEFAULTS)) if (phrase.includes(`${k}=`)) current = k;
    const had = params.get(current) ?? '';
    params.set(current, i === 0 || had === '' ? phrase : `${had} ${phrase}`);
  });
  return [...params.values()];
}

/** A term's key, its inline options applied to `params` (as Ansible's loop does, for this term and the next). */
export function iniTermKey(term: string, params: Record<string, unknown>): string {
  if (!term.includes('=') && !term.trim().includes(' ')) return term;
  const parts = iniParams(term);
  let key: string | undefined;
  for (const p of parts) {
    if (p.includes('=')) {
      const bits = p.split('=');
      if (bits.length !== 2) throw new LookupFailure(`Could not use '${p}' from [${parts.map((x) => `'${x}'`).join(', ')}]: too many values to unpack (expected 2)`);
      const [name = '', value = ''] = bits;
      if (!(name in params)) throw new LookupFailure(`${name} is not a valid option.`);
      params[name] = value;
    } else if (key === undefined) key = p;
  }
  if (key === undefined) throw new LookupFailure(`No key to lookup was provided as first term with in string inline options: ${term}`);
  return key;
}

/** Python's re.match: the pattern anchored at the start of the key. */
function matches(pattern: string, key: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})`).test(key);
  } catch (err) {
    throw new LookupFailure(`ini: the key ${JSON.stringify(pattern)} is not a regular expression kplay can use: ${(err as Error).message}`);
  }
}

const ini: LookupPlugin = (terms, kwargs, ctx) => {
  const params = iniOptions(kwargs);
  const cp = new IniFile({ allowNoValue: optionBool(kwargs.allow_no_value ?? kwargs.allow_none ?? false), caseSensitive: truthy(params.case_sensitive) });
  const out: unknown[] = [];
  for (const t of termList(terms)) {
    const term = pyStr(t);
    const key = iniTermKey(term, params);
    const file = pyStr(params.file);
    const path = lookupFile(ctx, file);
    if (path === undefined) throw new LookupFailure(`Invalid filename: 'None' (Unable to find '${file}' in expected paths)`);
    let text = decodeText(readFileSync(path), pyStr(params.encoding), 'ini');
    if (params.type === 'properties') {
      text = `[java_properties]\n${text}`;
      params.section = 'java_properties';
    }
    try {
      cp.read(text);
    } catch (err) {
      if (!(err instanceof IniError)) throw err;
      throw new LookupFailure(err.kind === 'DuplicateOptionError' ? `Duplicate option in '${file}': ${err.message}` : err.message);
    }
    const section = pyStr(params.section);
    if (!cp.hasSection(section)) throw new LookupFailure(`No section '${section}' in ${file}`);
    try {
      if (truthy(params.re)) {
        for (const [k, v] of cp.items(section)) if (matches(key, k)) out.push(v);
        continue;
      }
      const v = cp.get(section, key);
      const value = v === undefined ? params.default : v;
      if (value !== null && value !== undefined) out.push(value);
    } catch (err) {
      if (err instanceof IniError) throw new LookupFailure(err.message);
      throw err;
    }
  }
  return out;
};

export const INI_LOOKUPS = { ini } as const satisfies Record<string, LookupPlugin>;

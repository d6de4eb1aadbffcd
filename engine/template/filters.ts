// The Jinja2 and Ansible filters playbooks use most, over plain JS values.
import { jsonDumps } from './json-dumps.js';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { pyyamlDump, YamlDumpError } from './pyyaml-dump.js';
import { InputErrors } from '../core/errors.js';
import { parseYaml } from '../yaml/load.js';
import { quote } from '../core/quote.js';
import { numberOf, PyFloat } from '../core/pyfloat.js';
import { pyFormat } from './format.js';
import { pyRegex, pyReplacement } from './regex.js';
import { TemplateRuntimeError, Undefined, UndefinedUse } from './undefined.js';
import { asTuple, compare, equal, hasKey, isDict, newDict, pyRepr, pyStr, setKey, truthy, typeName, type Dict, isList } from './values.js';
import { testNamed } from './tests.js';
import { arg, dict, list, str, type Filter } from './filter-args.js';
import { canonicalFilter } from './names.js';
import { COMMENT_FILTERS } from './filters-comment.js';
import { IPADDR_FILTERS } from './filters-ipaddr.js';
import { IPMATH_FILTERS } from './filters-ipmath.js';
import { LIST_FILTERS } from './filters-lists.js';
import { MORE_FILTERS } from './filters-more.js';
import { GENERAL_FILTERS } from './filters-general.js';
import { KEY_FILTERS } from './filters-keys.js';
import { TIME_FILTERS } from './filters-time.js';
import { X509_FILTERS } from './filters-x509.js';
import { NUMBER_FILTERS } from './filters-numbers.js';

export type { Filter } from './filter-args.js';

/** filters that receive an undefined value instead of failing on it */
export const FILTERS_TAKING_UNDEFINED = new Set(['default', 'd', 'mandatory']);

function uniq(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of items) if (!out.some((y) => equal(x, y))) out.push(x);
  return out;
}

/** Ansible's bool filter (plugins/filter/core.py to_bool): 'yes', 'on', '1', 'true' (any case) and 1 are true. */
export function toBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || v instanceof PyFloat) return numberOf(v) === 1;
  if (typeof v === 'string') return ['yes', 'on', '1', 'true'].includes(v.toLowerCase());
  return false;
}

function combine(a: Dict, b: Dict, recursive: boolean, listMerge: string): Dict {
  const out = newDict(Object.entries(a));
  for (const [k, v] of Object.entries(b)) {
    const old = hasKey(out, k) ? out[k] : undefined;
    if (recursive && isDict(old) && isDict(v)) setKey(out, k, combine(old, v, true, listMerge));
    else if (isList(old) && isList(v) && listMerge !== 'replace') {
      const merged = listMerge === 'append' ? [...old, ...v] : listMerge === 'prepend' ? [...v, ...old]
        : listMerge === 'append_rp' ? [...old.filter((x) => !v.some((y) => equal(x, y))), ...v]
          : listMerge === 'prepend_rp' ? [...v, ...old.filter((x) => !v.some((y) => equal(x, y)))] : v;
      setKey(out, k, merged);
    } else setKey(out, k, v);
  }
  return out;
}

/** to_yaml / to_nice_yaml: yaml.dump with AnsibleDumper, the keywords Ansible passes and those a user may add. */
function toYaml(v: unknown, args: unknown[], kwargs: Dict, nice: boolean): string {
  const name = nice ? 'to_nice_yaml' : 'to_yaml';
  const known = new Set(['indent', 'width', 'sort_keys', 'explicit_start', 'explicit_end', ...(nice ? [] : ['default_flow_style'])]);
  // to_yaml ignores extra positional arguments; to_nice_yaml's first one is the indent
  const indent = nice ? arg(args, kwargs, 0, 'indent', 4) : kwargs.indent ?? 2;
  for (const k of Object.keys(kwargs)) if (!known.has(k)) throw new TemplateRuntimeError(`${name} - unsupported keyword argument '${k}'`);
  const flag = (k: string, dflt: boolean): boolean => (hasKey(kwargs, k) ? truthy(kwargs[k]) : dflt);
  const flowStyle = nice ? false : kwargs.default_flow_style ?? null;
  try {
    return pyyamlDump(v, {
      indent: Number(indent),
      width: kwargs.width === undefined ? undefined : Number(kwargs.width),
      defaultFlowStyle: flowStyle === null ? null : truthy(flowStyle),
      sortKeys: flag('sort_keys', true),
      explicitStart: flag('explicit_start', false),
      explicitEnd: flag('explicit_end', false),
      // an undefined value fails as it fails everywhere else in a template
      unrepresentable: (x) => { throw x instanceof Undefined ? new UndefinedUse(x) : new YamlDumpError(`cannot represent an object: ${typeName(x)}`); },
    });
  } catch (err) {
    if (err instanceof YamlDumpError) throw new TemplateRuntimeError(`${name} - ${err.message}`);
    throw err;
  }
}

function b64decode(s: string): string {
  return Buffer.from(s, 'base64').toString('utf8');
}

function regexSearch(value: unknown, args: unknown[], kwargs: Dict): unknown {
  const [pattern, ...groups] = args;
  const re = pyRegex(str(pattern, 'regex_search'), { ignorecase: truthy(kwargs.ignorecase ?? false), multiline: truthy(kwargs.multiline ?? false) });
  const m = re.exec(str(value, 'regex_search'));
  if (!m) return null;
  if (groups.length === 0) return m[0];
  return groups.map((g) => {
    const spec = str(g, 'regex_search');
    const num = /^\\(\d+)$/.exec(spec) ?? /^\\g<(\d+)>$/.exec(spec);
    if (num) return m[Number(num[1])] ?? null;
    const named = /^\\g<(\w+)>$/.exec(spec);
    if (named) return m.groups?.[named[1] ?? ''] ?? null;
    throw new TemplateRuntimeError(`regex_search: unknown group reference ${spec}`);
  });
}

function sortList(value: unknown, args: unknown[], kwargs: Dict): unknown[] {
  const reverse = truthy(arg(args, kwargs, 0, 'reverse', false));
  const caseSensitive = truthy(arg(args, kwargs, 1, 'case_sensitive', false));
  const attribute = arg(args, kwargs, 2, 'attribute', null);
  const key = (x: unknown): unknown => {
    let v = x;
    if (typeof attribute === 'string') for (const part of attribute.split('.')) v = isDict(v) && hasKey(v, part) ? v[part] : null;
    return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
  };
  const sorted = [...list(value, 'sort')].sort((a, b) => compare(key(a), key(b)));
  return reverse ? sorted.reverse() : sorted;
}

function attrOf(item: unknown, attribute: string): unknown {
  let v = item;
  for (const part of attribute.split('.')) {
    if (isDict(v) && hasKey(v, part)) v = v[part];
    else if (isList(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else return new Undefined(attribute, attribute, false, `an item has no attribute '${attribute}'`);
  }
  return v;
}

function selectBy(value: unknown, args: unknown[], kwargs: Dict, byAttr: boolean, keep: boolean): unknown[] {
  const items = list(value, byAttr ? 'selectattr' : 'select');
  const [first, testName, ...testArgs] = byAttr ? args : [undefined, ...args];
  return items.filter((item) => {
    const subject = byAttr ? attrOf(item, str(first, 'selectattr')) : item;
    if (testName === undefined) return (subject instanceof Undefined ? false : truthy(subject)) === keep;
    const test = testNamed(str(testName, 'select'));
    if (!test) throw new TemplateRuntimeError(`no test named '${pyStr(testName)}'`);
    if (subject instanceof Undefined && testName !== 'defined' && testName !== 'undefined') return !keep;
    return test(subject, testArgs, kwargs) === keep;
  });
}

function flatten(v: unknown[], levels: number | undefined): unknown[] {
  const out: unknown[] = [];
  for (const x of v) {
    if (isList(x) && (levels === undefined || levels > 0)) out.push(...flatten(x, levels === undefined ? undefined : levels - 1));
    else if (x !== null) out.push(x);
  }
  return out;
}

const HASHES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

function hash(value: unknown, algorithm: unknown): string {
  const alg = str(algorithm, 'hash');
  if (!HASHES.has(alg)) throw new TemplateRuntimeError(`hash: unsupported algorithm '${alg}' (one of ${[...HASHES].join(', ')})`);
  return createHash(alg).update(str(value, 'hash'), 'utf8').digest('hex');
}

const entries: [string, Filter][] = [
  ['default', (v, a, k) => {
    const dflt = arg(a, k, 0, 'default_value', '');
    const boolean = truthy(arg(a, k, 1, 'boolean', false));
    if (v instanceof Undefined) return dflt;
    return boolean && !truthy(v) ? dflt : v;
  }],
  ['mandatory', (v, a, k) => {
    if (!(v instanceof Undefined)) return v;
    const msg = arg(a, k, 0, 'msg', null);
    throw new UndefinedUse(v, typeof msg === 'string' ? msg : `Mandatory variable '${v.path}' not defined.`);
  }],
  ['bool', (v) => toBool(v)],
  ['string', (v) => pyStr(v)],
  ['lower', (v) => str(v, 'lower').toLowerCase()],
  ['upper', (v) => str(v, 'upper').toUpperCase()],
  ['capitalize', (v) => { const s = str(v, 'capitalize'); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); }],
  ['title', (v) => str(v, 'title').toLowerCase().replace(/(^|[^A-Za-z0-9'])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())],
  ['trim', (v) => str(v, 'trim').trim()],
  ['replace', (v, a, k) => {
    const s = str(v, 'replace');
    const from = str(arg(a, k, 0, 'old', ''), 'replace');
    const to = str(arg(a, k, 1, 'new', ''), 'replace');
    const count = arg(a, k, 2, 'count', null);
    if (typeof count !== 'number') return s.split(from).join(to);
    const parts = s.split(from);
    return parts.slice(0, count + 1).join(to) + (parts.length > count + 1 ? from + parts.slice(count + 1).join(from) : '');
  }],
  ['regex_replace', (v, a, k) => {
    const re = pyRegex(str(arg(a, k, 0, 'pattern', ''), 'regex_replace'), {
      global: true, ignorecase: truthy(arg(a, k, 2, 'ignorecase', false)), multiline: truthy(arg(a, k, 3, 'multiline', false)),
    });
    return str(v, 'regex_replace').replace(re, pyReplacement(str(arg(a, k, 1, 'replacement', ''), 'regex_replace')));
  }],
  ['regex_search', regexSearch],
  ['regex_findall', (v, a, k) => {
    const re = pyRegex(str(a[0], 'regex_findall'), { global: true, ignorecase: truthy(k.ignorecase ?? false), multiline: truthy(k.multiline ?? false) });
    return [...str(v, 'regex_findall').matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? m[1] : m.slice(1)));
  }],
  ['regex_escape', (v) => str(v, 'regex_escape').replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')],
  ['join', (v, a, k) => list(v, 'join').map((x) => pyStr(x)).join(str(arg(a, k, 0, 'd', ''), 'join'))],
  ['split', (v, a, k) => {
    const s = str(v, 'split');
    const sep = arg(a, k, 0, 'sep', null);
    const max = arg(a, k, 1, 'maxsplit', -1);
    const parts = sep === null ? s.trim().split(/\s+/).filter((x) => x !== '') : s.split(str(sep, 'split'));
    if (typeof max === 'number' && max >= 0 && parts.length > max + 1) return [...parts.slice(0, max), parts.slice(max).join(sep === null ? ' ' : str(sep, 'split'))];
    return parts;
  }],
  ['length', (v) => (typeof v === 'string' ? [...v].length : list(v, 'length').length)],
  ['first', (v) => { const l = list(v, 'first'); return l.length ? l[0] : new Undefined('first', 'first', false, 'the list is empty'); }],
  ['last', (v) => { const l = list(v, 'last'); return l.length ? l[l.length - 1] : new Undefined('last', 'last', false, 'the list is empty'); }],
  ['union', (v, a) => uniq([...list(v, 'union'), ...list(a[0], 'union')])],
  ['difference', (v, a) => uniq(list(v, 'difference').filter((x) => !list(a[0], 'difference').some((y) => equal(x, y))))],
  ['intersect', (v, a) => uniq(list(v, 'intersect').filter((x) => list(a[0], 'intersect').some((y) => equal(x, y))))],
  ['symmetric_difference', (v, a) => {
    const l = list(v, 'symmetric_difference');
    const r = list(a[0], 'symmetric_difference');
    return uniq([...l.filter((x) => !r.some((y) => equal(x, y))), ...r.filter((x) => !l.some((y) => equal(x, y)))]);
  }],
  ['sort', sortList],
  ['reverse', (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...list(v, 'reverse')].reverse())],
  ['list', (v) => [...list(v, 'list')]],
  ['flatten', (v, a, k) => { const l = arg(a, k, 0, 'levels', null); return flatten(list(v, 'flatten'), typeof l === 'number' ? l : undefined); }],
  ['map', (v, a, k) => {
    const items = list(v, 'map');
    if (hasKey(k, 'attribute')) {
      const attr = str(k.attribute, 'map');
      return items.map((x) => { const r = attrOf(x, attr); return r instanceof Undefined ? (hasKey(k, 'default') ? k.default : r) : r; });
    }
    const name = str(a[0], 'map');
    const f = filterNamed(name);
    if (!f) throw new TemplateRuntimeError(`no filter named '${name}'`);
    return items.map((x) => f(x, a.slice(1), k));
  }],
  ['select', (v, a, k) => selectBy(v, a, k, false, true)],
  ['reject', (v, a, k) => selectBy(v, a, k, false, false)],
  ['selectattr', (v, a, k) => selectBy(v, a, k, true, true)],
  ['rejectattr', (v, a, k) => selectBy(v, a, k, true, false)],
  ['items', (v) => Object.entries(dict(v, 'items')).map(asTuple)],
  ['dict2items', (v, a, k) => {
    const kn = str(arg(a, k, 0, 'key_name', 'key'), 'dict2items');
    const vn = str(arg(a, k, 1, 'value_name', 'value'), 'dict2items');
    return Object.entries(dict(v, 'dict2items')).map(([key, value]) => newDict([[kn, key], [vn, value]]));
  }],
  ['items2dict', (v, a, k) => {
    const kn = str(arg(a, k, 0, 'key_name', 'key'), 'items2dict');
    const vn = str(arg(a, k, 1, 'value_name', 'value'), 'items2dict');
    return newDict(list(v, 'items2dict').map((item) => {
      const d = dict(item, 'items2dict');
      if (!hasKey(d, kn) || !hasKey(d, vn)) throw new TemplateRuntimeError(`items2dict: an item lacks '${kn}' or '${vn}': ${pyRepr(d)}`);
      return [pyStr(d[kn]), d[vn]];
    }));
  }],
  ['combine', (v, a, k) => {
    const recursive = truthy(k.recursive ?? false);
    const listMerge = str(k.list_merge ?? 'replace', 'combine');
    const others = a.flatMap((x) => (isList(x) ? x : [x]));
    return others.reduce<Dict>((acc, x) => combine(acc, dict(x, 'combine'), recursive, listMerge), dict(v, 'combine'));
  }],
  ['to_json', (v, a, k) => { const i = arg(a, k, 0, 'indent', null); return jsonDumps(v, { indent: typeof i === 'number' ? i : undefined, sortKeys: truthy(k.sort_keys ?? false), ensureAscii: truthy(k.ensure_ascii ?? true) }); }],
  // Jinja2's tojson: keys sorted, and <, >, &, ' escaped so the JSON is safe inside HTML
  ['tojson', (v, a, k) => {
    const i = arg(a, k, 0, 'indent', null);
    return jsonDumps(v, { indent: typeof i === 'number' ? i : undefined, sortKeys: true }).replace(/[<>&']/g, (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  }],
  ['to_nice_json', (v, a, k) => jsonDumps(v, { indent: Number(arg(a, k, 0, 'indent', 4)), sortKeys: truthy(k.sort_keys ?? true), ensureAscii: truthy(k.ensure_ascii ?? true) })],
  ['from_json', (v) => {
    try {
      return JSON.parse(str(v, 'from_json')) as unknown;
    } catch (err) {
      throw new TemplateRuntimeError(`from_json: ${err instanceof Error ? err.message : String(err)}`);
    }
  }],
  ['to_yaml', (v, a, k) => toYaml(v, a, k, false)],
  ['to_nice_yaml', (v, a, k) => toYaml(v, a, k, true)],
  ['from_yaml', (v) => {
    try {
      // the same YAML 1.1 reading as playbooks (yes/no booleans, not y/n)
      return parseYaml(str(v, 'from_yaml'), '<from_yaml>').value;
    } catch (err) {
      const first = err instanceof InputErrors ? err.problems[0] : err;
      throw new TemplateRuntimeError(`from_yaml: ${first instanceof Error ? first.message : String(first)}`);
    }
  }],
  ['from_yaml_all', (v) => {
    const text = str(v, 'from_yaml_all');
    // each document read as from_yaml reads one (YAML 1.1, Ansible's tags)
    return parseAllDocuments(text).flatMap((doc) => {
      if (!('range' in doc)) return [];
      try {
        return [parseYaml(text.slice(doc.range[0], doc.range[2]), '<from_yaml_all>').value];
      } catch (err) {
        const first = err instanceof InputErrors ? err.problems[0] : err;
        throw new TemplateRuntimeError(`from_yaml_all: ${first instanceof Error ? first.message : String(first)}`);
      }
    });
  }],
  ['ternary', (v, a) => (v === null && a.length > 2 ? a[2] : truthy(v) ? a[0] : a[1])],
  ['basename', (v) => posix.basename(str(v, 'basename'))],
  ['dirname', (v) => posix.dirname(str(v, 'dirname'))],
  ['quote', (v) => quote(str(v, 'quote'))],
  ['b64encode', (v) => Buffer.from(str(v, 'b64encode'), 'utf8').toString('base64')],
  ['b64decode', (v) => b64decode(str(v, 'b64decode'))],
  ['hash', (v, a) => hash(v, a[0] ?? 'sha1')],
  ['md5', (v) => hash(v, 'md5')],
  ['sha1', (v) => hash(v, 'sha1')],
  ['checksum', (v) => hash(v, 'sha1')],
  ['type_debug', (v) => typeName(v)],
  ['format', (v, a, k) => pyFormat(str(v, 'format'), Object.keys(k).length > 0 ? k : a)],
  ['indent', (v, a, k) => {
    const width = arg(a, k, 0, 'width', 4);
    const pad = typeof width === 'number' ? ' '.repeat(width) : str(width, 'indent');
    const first = truthy(arg(a, k, 1, 'first', false));
    const lines = str(v, 'indent').split('\n');
    return lines.map((l, i) => ((i > 0 || first) && l !== '' ? pad + l : l)).join('\n');
  }],
];

entries.push(['d', (entries[0] as [string, Filter])[1]], ['count', (entries.find(([n]) => n === 'length') as [string, Filter])[1]]);

export const FILTERS: ReadonlyMap<string, Filter> = new Map([...entries, ...COMMENT_FILTERS, ...IPADDR_FILTERS, ...IPMATH_FILTERS, ...LIST_FILTERS, ...MORE_FILTERS, ...GENERAL_FILTERS, ...TIME_FILTERS, ...KEY_FILTERS, ...X509_FILTERS, ...NUMBER_FILTERS]);

/** A filter by any name Ansible loads it under (short, ansible.builtin., collection), or undefined. */
export function filterNamed(name: string): Filter | undefined {
  const canonical = canonicalFilter(name, FILTERS);
  return canonical === undefined ? undefined : FILTERS.get(canonical);
}

// More of Ansible's and Jinja2's filters: seeded random, sizes, math, paths, URLs, uuid, dates, HTML-ish text.
import { createHash, randomInt } from 'node:crypto';
import { homedir } from 'node:os';
import { resolve, relative } from 'node:path';
import { realpathSync } from 'node:fs';
import { TemplateRuntimeError } from './undefined.js';
import { compare, equal, hasKey, isDict, isList, pyRepr, pyStr, truthy, newDict, type Dict } from './values.js';
import { arg, list, num, str, type Filter } from './filter-args.js';
import { PyRandom } from './py-random.js';
import { cryptHash } from './sha-crypt.js';
import { jmespathSearch } from './jmespath.js';
import { strftime, strptime } from './datetime.js';
import { arithmetic } from './arithmetic.js';
import { pyFloat } from '../core/pyfloat.js';

const SIZE_RANGES: [string, number][] = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10], ['B', 1]];

/** module_utils/common/text/formatters.py bytes_to_human */
function bytesToHuman(size: number, isbits: boolean, unit: unknown): string {
  const base = isbits ? 'bits' : 'Bytes';
  let [suffix, limit] = SIZE_RANGES[SIZE_RANGES.length - 1] as [string, number];
  for (const [s, l] of SIZE_RANGES) {
    [suffix, limit] = [s, l];
    if ((unit === null && size >= l) || (typeof unit === 'string' && unit.toUpperCase() === s)) break;
  }
  return `${(size / limit).toFixed(2)} ${limit !== 1 ? suffix + base[0] : base}`;
}

/** formatters.py human_to_bytes */
function humanToBytes(value: unknown, defaultUnit: unknown, isbits: boolean): number {
  const text = pyStr(value);
  const m = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?/.exec(text);
  const n = Number(m?.[1] ?? '');
  if (!m || m[1] === '' || Number.isNaN(n)) throw new TemplateRuntimeError(`human_to_bytes() can't interpret following string: ${text}`);
  const unit = m[2] ?? (typeof defaultUnit === 'string' ? defaultUnit : undefined);
  if (unit === undefined) return Math.round(n);
  const key = (unit[0] ?? '').toUpperCase();
  const limit = SIZE_RANGES.find(([s]) => s === key)?.[1];
  if (limit === undefined) throw new TemplateRuntimeError(`human_to_bytes() failed to convert ${text} (unit = ${unit}). The suffix must be one of ${SIZE_RANGES.map(([s]) => s).join(', ')}`);
  const cls = isbits ? 'b' : 'B';
  if (unit.length > 1 && !unit.toLowerCase().includes(isbits ? 'bit' : 'byte') && unit[1] !== cls) {
    throw new TemplateRuntimeError(`human_to_bytes() failed to convert ${text}. Value is not a valid string (expect ${key}${cls} or ${key})`);
  }
  return Math.round(n * limit);
}

function seeded(seed: unknown): PyRandom | undefined {
  if (seed === null || seed === undefined) return undefined;
  return new PyRandom(typeof seed === 'number' ? seed : pyStr(seed));
}

const randomFilter: Filter = (v, a, k) => {
  const start = arg(a, k, 0, 'start', null);
  const step = arg(a, k, 1, 'step', null);
  const r = seeded(arg(a, k, 2, 'seed', null));
  if (typeof v === 'number' && Number.isInteger(v)) {
    const from = start === null || start === 0 ? 0 : num(start, 'random');
    const by = step === null || step === 0 ? 1 : num(step, 'random');
    if (r) return r.randrange(from, v, by);
    const n = Math.ceil((v - from) / by);
    if (n <= 0) throw new TemplateRuntimeError(`random: empty range (${from}, ${v}, ${by})`);
    return from + by * randomInt(n);
  }
  if (isList(v) || typeof v === 'string' || isDict(v)) {
    if (truthy(start) || truthy(step)) throw new TemplateRuntimeError('start and step can only be used with integer values');
    const items = list(v, 'random');
    if (items.length === 0) throw new TemplateRuntimeError('random: cannot choose from an empty sequence');
    return items[r ? r.below(items.length) : randomInt(items.length)];
  }
  throw new TemplateRuntimeError('random can only be used on sequences and integers');
};

/** os.path.splitext: the extension starts at the last dot that is not leading the base name */
function splitext(p: string): [string, string] {
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, ''];
  const cut = p.length - base.length + dot;
  return [p.slice(0, cut), p.slice(cut)];
}

function expandvars(s: string): string {
  return s.replace(/\$(\w+)|\$\{([^}]*)\}/g, (m, a: string | undefined, b: string | undefined) => process.env[a ?? b ?? ''] ?? m);
}

/** urllib.parse.urlsplit, as Ansible's urlsplit filter returns it */
function urlsplit(url: string): Dict {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(url) ?? [];
  const netloc = m[2] ?? '';
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : undefined;
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostport);
  const host = hp?.[1]?.replace(/^\[|\]$/g, '').toLowerCase() ?? '';
  const port = hp?.[2] !== undefined && hp[2] !== '' ? Number(hp[2]) : null;
  const colon = userinfo?.indexOf(':') ?? -1;
  return newDict([
    ['fragment', m[5] ?? ''], ['hostname', host === '' ? null : host], ['netloc', netloc],
    ['password', userinfo !== undefined && colon >= 0 ? userinfo.slice(colon + 1) : null], ['path', m[3] ?? ''], ['port', port],
    ['query', m[4] ?? ''], ['scheme', (m[1] ?? '').toLowerCase()], ['username', userinfo === undefined ? null : colon >= 0 ? userinfo.slice(0, colon) : userinfo],
  ]);
}

/** uuid.uuid5(namespace, name) */
function uuid5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/[{}-]/g, ''), 'hex');
  if (ns.length !== 16) throw new TemplateRuntimeError(`to_uuid: invalid namespace '${namespace}'`);
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

function attrKey(attribute: unknown, caseSensitive: boolean): (x: unknown) => unknown {
  return (x) => {
    let v = x;
    if (typeof attribute === 'string') for (const part of attribute.split('.')) v = isDict(v) && hasKey(v, part) ? v[part] : isList(v) && /^\d+$/.test(part) ? v[Number(part)] : undefined;
    return !caseSensitive && typeof v === 'string' ? v.toLowerCase() : v;
  };
}

function minMax(which: 'min' | 'max'): Filter {
  return (v, a, k) => {
    const items = list(v, which);
    if (items.length === 0) return null;
    const key = attrKey(arg(a, k, 1, 'attribute', null), truthy(arg(a, k, 0, 'case_sensitive', false)));
    return items.reduce((best, x) => (which === 'min' ? compare(key(x), key(best)) < 0 : compare(key(x), key(best)) > 0) ? x : best);
  };
}

/** password_hash as Ansible 2.14 without passlib (crypt.crypt): md5, sha256 and sha512 crypt; the implicit rounds are not written */
const passwordHash: Filter = (v, a, k) => {
  const type = pyStr(arg(a, k, 0, 'hashtype', 'sha512'));
  const salt = arg(a, k, 1, 'salt', null);
  const saltSize = arg(a, k, 2, 'salt_size', null);
  const rounds = arg(a, k, 3, 'rounds', null);
  const implicit = type.startsWith('sha512') ? 656000 : 535000;
  const r = rounds === null || num(rounds, 'password_hash') === implicit ? undefined : num(rounds, 'password_hash');
  const hashed = cryptHash(str(v, 'password_hash'), type, { salt: salt === null ? undefined : pyStr(salt), saltSize: saltSize === null ? undefined : Number(saltSize), rounds: r });
  if (typeof hashed !== 'string') throw new TemplateRuntimeError(`password_hash: ${hashed.error}`);
  return hashed;
};

export const MORE_FILTERS: [string, Filter][] = [
  ['community.general.json_query', (v, a, k) => jmespathSearch(str(arg(a, k, 0, 'expr', ''), 'json_query'), v)],
  ['password_hash', passwordHash],
  ['random', randomFilter],
  ['shuffle', (v, a, k) => {
    const items = list(v, 'shuffle');
    const r = seeded(arg(a, k, 0, 'seed', null));
    if (r) return r.shuffle(items);
    const x = [...items];
    for (let i = x.length - 1; i > 0; i--) { const j = randomInt(i + 1); [x[i], x[j]] = [x[j], x[i]]; }
    return x;
  }],
  ['human_readable', (v, a, k) => bytesToHuman(num(v, 'human_readable'), truthy(arg(a, k, 0, 'isbits', false)), arg(a, k, 1, 'unit', null))],
  ['human_to_bytes', (v, a, k) => humanToBytes(v, arg(a, k, 0, 'default_unit', null), truthy(arg(a, k, 1, 'isbits', false)))],
  ['log', (v, a, k) => {
    const base = arg(a, k, 0, 'base', null);
    const x = num(v, 'log');
    return pyFloat(base === null ? Math.log(x) : num(base, 'log') === 10 ? Math.log10(x) : Math.log(x) / Math.log(num(base, 'log')));
  }],
  // math.pow, math.sqrt: floats
  ['pow', (v, a, k) => pyFloat(num(v, 'pow') ** num(arg(a, k, 0, 'y', 1), 'pow'))],
  ['root', (v, a, k) => { const base = num(arg(a, k, 0, 'base', 2), 'root'); return pyFloat(base === 2 ? Math.sqrt(num(v, 'root')) : num(v, 'root') ** (1 / base)); }],
  ['path_join', (v) => {
    const parts = typeof v === 'string' ? [v] : list(v, 'path_join').map((p) => str(p, 'path_join'));
    return parts.reduce((acc, p) => (p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : `${acc}/${p}`), '');
  }],
  ['splitext', (v) => splitext(str(v, 'splitext'))],
  ['expanduser', (v) => str(v, 'expanduser').replace(/^~(?=\/|$)/, process.env.HOME ?? homedir())],
  ['expandvars', (v) => expandvars(str(v, 'expandvars'))],
  ['realpath', (v) => { const p = resolve(str(v, 'realpath')); try { return realpathSync(p); } catch { return p; } }],
  ['relpath', (v, a, k) => relative(resolve(pyStr(arg(a, k, 0, 'start', '.'))), resolve(str(v, 'relpath'))) || '.'],
  ['win_basename', (v) => str(v, 'win_basename').split(/[\\/]/).at(-1) ?? ''],
  ['win_dirname', (v) => { const s = str(v, 'win_dirname'); const i = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/')); return i < 0 ? '' : s.slice(0, i); }],
  ['urlsplit', (v, a, k) => {
    const parts = urlsplit(str(v, 'urlsplit'));
    const query = arg(a, k, 0, 'query', '');
    if (query === '' || query === null) return parts;
    if (!hasKey(parts, pyStr(query))) throw new TemplateRuntimeError(`urlsplit: unknown URL component: ${pyStr(query)}`);
    return parts[pyStr(query)];
  }],
  ['urldecode', (v) => decodeURIComponent(str(v, 'urldecode').replace(/\+/g, ' '))],
  ['urlencode', (v) => {
    // Jinja2's url_quote: '/' stays in a plain string; in a query string it is quoted and a space is '+'
    const quote = (s: unknown): string => encodeURIComponent(pyStr(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const qs = (s: unknown): string => quote(s).replace(/%20/g, '+');
    if (isDict(v)) return Object.entries(v).map(([key, x]) => `${qs(key)}=${qs(x)}`).join('&');
    if (isList(v)) return v.map((pair) => { const [key, x] = list(pair, 'urlencode'); return `${qs(key)}=${qs(x)}`; }).join('&');
    return quote(v).replace(/%2F/g, '/');
  }],
  ['to_uuid', (v, a, k) => uuid5(pyStr(arg(a, k, 0, 'namespace', '361E6D51-FAEC-444A-9079-341386DA8E2E')), str(v, 'to_uuid'))],
  ['to_datetime', (v, a, k) => strptime(str(v, 'to_datetime'), str(arg(a, k, 0, 'format', '%Y-%m-%d %H:%M:%S'), 'to_datetime'))],
  ['strftime', (v, a, k) => {
    const second = arg(a, k, 0, 'second', null);
    const when = second === null ? new Date() : new Date(num(second, 'strftime') * 1000);
    return strftime(str(v, 'strftime'), when, truthy(arg(a, k, 1, 'utc', false)));
  }],
  ['center', (v, a, k) => {
    const s = str(v, 'center');
    const width = Number(arg(a, k, 0, 'width', 80));
    if (s.length >= width) return s;
    if (width > 10_000_000) throw new TemplateRuntimeError(`center: width ${width} is too large`);
    const total = width - s.length;
    // Python's str.center puts the odd space on the right unless the string length is odd
    const left = Math.floor(total / 2) + (total % 2 === 1 && width % 2 === 1 ? 1 : 0);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  }],
  ['escape', (v) => escapeHtml(pyStr(v))],
  ['e', (v) => escapeHtml(pyStr(v))],
  ['forceescape', (v) => escapeHtml(pyStr(v))],
  ['safe', (v) => v],
  ['pprint', (v) => pyRepr(v)],
  ['striptags', (v) => str(v, 'striptags').replace(/<!--.*?-->|<[^>]*>/gs, '').replace(/\s+/g, ' ').trim()],
  ['wordcount', (v) => (str(v, 'wordcount').match(/\w+/gu) ?? []).length],
  ['truncate', (v, a, k) => {
    const s = str(v, 'truncate');
    const length = Number(arg(a, k, 0, 'length', 255));
    const killwords = truthy(arg(a, k, 1, 'killwords', false));
    const end = pyStr(arg(a, k, 2, 'end', '...'));
    const leeway = Number(arg(a, k, 3, 'leeway', 5) ?? 5);
    if (s.length <= length + leeway) return s;
    if (killwords) return s.slice(0, length - end.length) + end;
    const head = s.slice(0, length - end.length);
    const space = head.lastIndexOf(' ');
    return (space >= 0 ? head.slice(0, space) : head) + end;
  }],
  ['filesizeformat', (v, a, k) => {
    const bytes = num(v, 'filesizeformat');
    const binary = truthy(arg(a, k, 0, 'binary', false));
    const base = binary ? 1024 : 1000;
    const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    for (const [i, prefix] of prefixes.entries()) {
      const unit = base ** (i + 2);
      if (bytes < unit || i === prefixes.length - 1) return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
    }
    return '';
  }],
  ['min', minMax('min')],
  ['max', minMax('max')],
  ['sum', (v, a, k) => {
    const key = attrKey(arg(a, k, 0, 'attribute', null), true);
    return list(v, 'sum').reduce<unknown>((acc, x) => {
      const y = key(x);
      if (isList(acc) && isList(y)) return [...acc, ...y];
      return arithmetic('+', acc, y);
    }, arg(a, k, 1, 'start', 0));
  }],
  ['unique', (v, a, k) => {
    const key = attrKey(arg(a, k, 1, 'attribute', null), truthy(arg(a, k, 0, 'case_sensitive', false)));
    const out: unknown[] = [];
    const seen: unknown[] = [];
    for (const x of list(v, 'unique')) {
      const kx = key(x);
      if (!seen.some((y) => equal(kx, y))) { seen.push(kx); out.push(x); }
    }
    return out;
  }],
];

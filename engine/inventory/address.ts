// Host addresses as Ansible reads them: `host:port`, `[v6]:port`, and ranges like web[01:50], db-[a:f], [0:10:5].
import { InventoryModelError } from './model.js';

const NUMERIC_RANGE = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const V6 = `(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const V4 = `(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUMERIC_RANGE})`;
// \w in Python 3 is Unicode-aware; \p{L}\p{N}_ is the same set for hostnames in practice
const W = String.raw`[\p{L}\p{N}_]`;
const LABEL = `(?:${W}|${ALNUM_RANGE})(?:${W}|[_-]|${ALNUM_RANGE})*(?<![_-])`;

const PATTERNS = {
  bracketedHostport: /^\[(.+)\]:([0-9]+)$/s,
  hostport: /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/s,
  ipv4: new RegExp(`^(?:${V4}\\.){3}${V4}$`, 'i'),
  ipv6: new RegExp(
    '^(?:' +
      [
        `(?:${V6}:){7}${V6}`,
        `(?:${V6}:){1,6}:`,
        `(?:${V6}:)(?::${V6}){1,6}`,
        `(?:${V6}:){2}(?::${V6}){1,5}`,
        `(?:${V6}:){3}(?::${V6}){1,4}`,
        `(?:${V6}:){4}(?::${V6}){1,3}`,
        `(?:${V6}:){5}(?::${V6}){1,2}`,
        `(?:${V6}:){6}(?::${V6})`,
        `:(?::${V6}){1,6}`,
        `${V6}?::`,
        `(?:0:){6}(?:${V6}\\.){3}${V6}`,
        `::(?:ffff:)?(?:${V6}\\.){3}${V6}`,
        `(?:0:){5}ffff:(?:${V6}\\.){3}${V6}`,
      ].join('|') +
      ')$',
    'i',
  ),
  hostname: new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'iu'),
};

export function isIpAddress(name: string): boolean {
  return PATTERNS.ipv4.test(name) || PATTERNS.ipv6.test(name);
}

/** Ansible's parse_address(allow_ranges=True): host and optional port, or undefined when not an address. */
export function parseAddress(address: string): { host: string; port: number | undefined } | undefined {
  let port: number | undefined;
  let rest = address;
  for (const re of [PATTERNS.bracketedHostport, PATTERNS.hostport]) {
    const m = re.exec(rest);
    if (m) {
      rest = m[1]!;
      port = parseInt(m[2]!, 10);
    }
  }
  for (const re of [PATTERNS.ipv4, PATTERNS.ipv6, PATTERNS.hostname]) {
    if (re.test(rest)) return { host: rest, port };
  }
  return undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Python's int() of a range bound, which accepts surrounding spaces and underscores between digits. */
function pyInt(text: string): number {
  const t = text.trim();
  if (!/^[-+]?[0-9]+(?:_[0-9]+)*$/.test(t)) throw new InventoryModelError(`invalid literal for int() with base 10: '${text}'`);
  return parseInt(t.replace(/_/g, ''), 10);
}

/** The most hosts one name with ranges may expand to ($KPLAY_MAX_RANGE_HOSTS, else 100,000). */
export function maxRangeHosts(): number {
  const v = Number(process.env.KPLAY_MAX_RANGE_HOSTS);
  return Number.isSafeInteger(v) && v > 0 ? v : 100_000;
}

interface FirstRange {
  readonly head: string;
  readonly tail: string;
  readonly count: number;
  /** the i-th value of the range, formatted (0 <= i < count) */
  at(i: number): string;
}

/** The first [..] of `line` as Python's expand_hostname_range reads it, without listing its values. */
function firstRange(line: string): FirstRange {
  // Python replaces the first '[' and the first ']' with '|' and splits: exactly three parts or an error
  const parts = line.replace('[', '|').replace(']', '|').split('|');
  if (parts.length !== 3) {
    throw new InventoryModelError(`not a valid host range: ${line}`);
  }
  const [head, nrange, tail] = parts as [string, string, string];
  const bounds = nrange.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new InventoryModelError('host range must be begin:end or begin:end:step');
  let beg = bounds[0]!;
  const end = bounds[1]!;
  const step = bounds.length === 3 ? pyInt(bounds[2]!) : 1;
  if (!beg) beg = '0';
  if (!end) throw new InventoryModelError('host range must specify end value');
  let fill = (x: number | string): string => String(x);
  if (beg[0] === '0' && beg.length > 1) {
    const width = beg.length;
    if (width !== end.length) throw new InventoryModelError('host range must specify equal-length begin and end formats');
    fill = (x) => String(x).padStart(width, '0');
  }
  // Python's ascii_letters.index(): a substring search, so only a bound found there makes an alphabetic range
  const ib = LETTERS.indexOf(beg);
  const ie = LETTERS.indexOf(end);
  if (ib >= 0 && ie >= 0) {
    if (ib > ie) throw new InventoryModelError('host range must have begin <= end');
    if (step === 0) throw new InventoryModelError('slice step cannot be zero');
    const count = step > 0 ? Math.floor((ie - ib) / step) + 1 : 0;
    return { head, tail, count, at: (i) => fill(LETTERS[ib + i * step]!) };
  }
  const b = pyInt(beg);
  const e = pyInt(end) + 1;
  if (step === 0) throw new InventoryModelError('range() arg 3 must not be zero');
  // Python's len(range(b, e, step))
  const count = step > 0 ? Math.max(0, Math.ceil((e - b) / step)) : Math.max(0, Math.ceil((b - e) / -step));
  return { head, tail, count, at: (i) => fill(b + i * step) };
}

/** How many names `line` expands to (Infinity past `cap`), without expanding it. */
function rangeCount(line: string, cap: number): number {
  if (!line.includes('[')) return 1;
  const r = firstRange(line);
  if (r.count === 0) return 0;
  const rest = rangeCount(`${r.head}${r.at(0)}${r.tail}`, cap);
  const total = r.count * rest;
  return total > cap ? Infinity : total;
}

/** Ansible's expand_hostname_range: the first [..] range expands, then the rest recursively; at most maxRangeHosts(). */
export function expandHostnameRange(line: string): string[] {
  const cap = maxRangeHosts();
  if (rangeCount(line, cap) > cap) {
    throw new InventoryModelError(
      `host range ${line.length > 200 ? `${line.slice(0, 200)}…` : line} expands to more than ${cap.toLocaleString('en-US')} hosts, the limit for one name (set KPLAY_MAX_RANGE_HOSTS to raise it)`,
    );
  }
  return expandChecked(line);
}

function expandChecked(line: string): string[] {
  const r = firstRange(line);
  const out: string[] = [];
  for (let i = 0; i < r.count; i++) {
    const name = `${r.head}${r.at(i)}${r.tail}`;
    if (name.includes('[')) for (const n of expandChecked(name)) out.push(n);
    else out.push(name);
  }
  return out;
}

/** Ansible's _expand_hostpattern: a host line's first word -> host names and the port they share. */
export function expandHostPattern(pattern: string): { hosts: string[]; port: number | undefined } {
  const parsed = parseAddress(pattern);
  const name = parsed ? parsed.host : pattern;
  const port = parsed?.port;
  return { hosts: name.includes('[') ? expandHostnameRange(name) : [name], port };
}

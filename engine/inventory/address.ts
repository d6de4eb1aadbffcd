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

/** Ansible's expand_hostname_range: the first [..] range expands, then the rest recursively. */
export function expandHostnameRange(line: string): string[] {
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
  let seq: (string | number)[];
  // Python's ascii_letters.index(): a substring search, so only a bound found there makes an alphabetic range
  const ib = LETTERS.indexOf(beg);
  const ie = LETTERS.indexOf(end);
  if (ib >= 0 && ie >= 0) {
    if (ib > ie) throw new InventoryModelError('host range must have begin <= end');
    if (step === 0) throw new InventoryModelError('slice step cannot be zero');
    seq = [];
    for (let i = ib; step > 0 && i <= ie; i += step) seq.push(LETTERS[i]!);
  } else {
    const b = pyInt(beg);
    const e = pyInt(end) + 1;
    if (step === 0) throw new InventoryModelError('range() arg 3 must not be zero');
    seq = [];
    if (step > 0) for (let i = b; i < e; i += step) seq.push(i);
    else for (let i = b; i > e; i += step) seq.push(i);
  }
  const out: string[] = [];
  for (const r of seq) {
    const name = `${head}${fill(r)}${tail}`;
    if (name.includes('[')) out.push(...expandHostnameRange(name));
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

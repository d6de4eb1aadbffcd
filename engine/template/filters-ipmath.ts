// ansible.utils' IP arithmetic filters (plugins/filter/{ipmath,ipsubnet,next_nth_usable,previous_nth_usable,nthhost,
// network_in_usable,network_in_network}.py) with their argument-spec checks and netaddr's errors, on ip-net.ts.
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, isDict, newDict, pyRepr, pyStr, setKey, typeName, type Dict } from './values.js';
import type { Filter } from './filter-args.js';
import { ipaddr } from './filters-ipaddr.js';
import { bits, cidrText, formatIp, network, parseIpNet, size, type IpNet } from './ip-net.js';

type Kind = 'str' | 'int';
type Spec = Readonly<Record<string, Kind>>;

const fail = (msg: string): never => {
  throw new TemplateRuntimeError(msg);
};

/** Python int() of a string: sign, digits, underscores between digits, surrounding whitespace. */
function pyInt(s: string): bigint | undefined {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(s);
  return m ? BigInt(`${m[1] ?? ''}${(m[2] ?? '').replaceAll('_', '')}`) : undefined;
}

/**
 * The filter's arguments as AnsibleArgSpecValidator leaves them: positional after the value in the spec's order,
 * keywords over them; str options take any value's str(), int options an int or an int-like string; None is left
 * alone. Errors come as Ansible raises them: the list of messages.
 */
function validate(spec: Spec, value: unknown, args: unknown[], kwargs: Dict): Dict {
  const names = Object.keys(spec);
  const given = newDict([['value', value], ...args.slice(0, names.length - 1).map((a, i) => [names[i + 1] ?? '', a] as const)]);
  for (const [k, v] of Object.entries(kwargs)) setKey(given, k, v);
  const unknown = Object.keys(given).filter((k) => !names.includes(k));
  if (unknown.length > 0) fail(pyRepr([`${unknown.sort().join(', ')}. Supported parameters include: ${[...names].sort().join(', ')}.`]));
  const out = newDict();
  for (const name of names) {
    const v = hasKey(given, name) ? given[name] : null;
    if (v === null || v === undefined) {
      setKey(out, name, null);
      continue;
    }
    if (spec[name] === 'str') setKey(out, name, pyStr(v));
    else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isInteger(v))) setKey(out, name, v);
    else {
      const n = typeof v === 'string' ? pyInt(v) : undefined;
      if (n === undefined) fail(pyRepr([`argument '${name}' is of type <class '${typeName(v)}'> and we were unable to convert to int: <class '${typeName(v)}'> cannot be converted to an int`]));
      setKey(out, name, Number(n));
    }
  }
  return out;
}

/** glibc inet_aton, which netaddr 0.8's IPAddress uses for IPv4: 1 to 4 parts, octal and hex, text after a space ignored. */
function inetAton(s: string): bigint | undefined {
  const m = /^([^\s]*)(?:\s|$)/.exec(s);
  const parts = (m?.[1] ?? '').split('.');
  if (parts.length > 4) return undefined;
  const vals: bigint[] = [];
  for (const p of parts) {
    const hex = /^0[xX]([0-9a-fA-F]+)$/.exec(p);
    if (hex) vals.push(BigInt(`0x${hex[1] ?? '0'}`));
    else if (/^0[0-7]*$/.test(p)) vals.push(BigInt(`0o${p}`));
    else if (/^[1-9]\d*$/.test(p)) vals.push(BigInt(p));
    else return undefined;
  }
  const lastMax = [0xffffffffn, 0xffffffn, 0xffffn, 0xffn][vals.length - 1] ?? 0n;
  if (vals.slice(0, -1).some((x) => x > 0xffn) || (vals[vals.length - 1] ?? 0n) > lastMax) return undefined;
  return vals.slice(0, -1).reduce((acc, x, i) => acc | (x << BigInt(24 - 8 * i)), vals[vals.length - 1] ?? 0n);
}

/** netaddr.IPAddress(text): IPv4 as inet_aton reads it, else IPv6. */
function ipAddress(text: string): IpNet | undefined {
  const v4 = inetAton(text);
  if (v4 !== undefined) return { version: 4, value: v4, prefixlen: 32 };
  const v6 = text.includes(':') ? parseIpNet(text) : undefined;
  return v6 !== undefined && !text.includes('/') && v6.version === 6 ? v6 : undefined;
}

/** netaddr.IPAddress(int): IPv4 up to 2^32-1, IPv6 up to 2^128-1, else an error. */
function addressOfInt(n: bigint): IpNet {
  if (n < 0n || n >= 1n << 128n) fail(`failed to detect a valid IP address from ${n}`);
  return { version: n <= 0xffffffffn ? 4 : 6, value: n, prefixlen: n <= 0xffffffffn ? 32 : 128 };
}

function ipmath(value: string | null, amount: unknown): string {
  if (value === null) return fail("argument of type 'NoneType' is not iterable");
  const ip = value.includes('/') ? parseIpNet(value) : ipAddress(value);
  if (ip === undefined) return fail(`You must pass a valid IP address; ${value} is invalid`);
  if (typeof amount !== 'number' && typeof amount !== 'boolean') return fail(`You must pass an integer for arithmetic; ${pyStr(amount)} is not a valid integer`);
  const result = ip.value + BigInt(Number(amount));
  if (result < 0n || result >= 1n << BigInt(bits(ip.version))) return fail('result outside valid IP address boundary!');
  return formatIp(result, ip.version);
}

/** The value as the filters take it: an address as addr/32, a network as its masked subnet; undefined when neither. */
function normalized(value: string | null): IpNet | undefined {
  const vtype = ipaddr(value, 'type', 0, 'ipaddr');
  const v = vtype === 'address' ? ipaddr(value, 'cidr', 0, 'ipaddr') : vtype === 'network' ? ipaddr(value, 'subnet', 0, 'ipaddr') : undefined;
  return typeof v === 'string' ? parseIpNet(v) : undefined;
}

const masked = (v: IpNet): IpNet => ({ ...v, value: network(v) });
/** ipaddr(x, 'type') of a masked network: a single address or a network */
const isSingle = (v: IpNet): boolean => size(v) === 1n;

function ipsubnet(value: string | null, query: string | null, index: number | null): unknown {
  const n = normalized(value);
  if (n === undefined) return false;
  const v = masked(n);
  if (query === null || query === '') return cidrText(v);
  const total = bits(v.version);
  if (/^\d+$/.test(query)) {
    const q = Number(query);
    if (q > total) return false;
    // netaddr's supernet(q) of a single address: the networks of prefix q .. total-1 that hold it
    const supernets = Array.from({ length: Math.max(0, total - q) }, (_, i) => cidrText(masked({ ...v, prefixlen: q + i })));
    if (index === null) {
      if (isSingle(v)) return supernets[0] ?? fail('list index out of range');
      if (q < v.prefixlen) return fail(`Requested subnet size of ${q} is invalid`);
      return String(1n << BigInt(q - v.prefixlen));
    }
    const i = Number(index);
    if (isSingle(v)) {
      if (i > total + 1 - i || i < q - total) return false;
      return supernets[i < 0 ? supernets.length + i : i] ?? fail('list index out of range');
    }
    // a smaller subnet count is a fraction in Python: only index 0 is inside it
    const count = q >= v.prefixlen ? 1n << BigInt(q - v.prefixlen) : 0n;
    let idx = BigInt(i);
    if (q < v.prefixlen) return idx === 0n ? `${formatIp(v.value, v.version)}/${q}` : false;
    if (idx < 0n) idx += count;
    if (idx < 0n || idx >= count) return false;
    return `${formatIp(v.value + (idx << BigInt(total - q)), v.version)}/${q}`;
  }
  const outer = normalized(query);
  if (outer === undefined) return fail(`You must pass a valid subnet or IP address; ${query} is invalid`);
  const shift = BigInt(total - outer.prefixlen);
  if (shift < 0n) return fail('negative shift count');
  if (v.value >> shift !== outer.value >> shift) return fail(`${cidrText(v)} is not in the subnet ${cidrText(masked(outer))}`);
  if (v.prefixlen < outer.prefixlen) return fail("unsupported operand type(s) for <<: 'float' and 'int'");
  const hostBits = BigInt(total - v.prefixlen);
  const mask = ((1n << BigInt(v.prefixlen - outer.prefixlen)) - 1n) << hostBits;
  return String(((v.value & mask) >> hostBits) + 1n);
}

/** next_nth_usable (+1) and previous_nth_usable (-1): None when the address is out of the usable range. */
function nthUsable(direction: 1n | -1n, value: string | null, offset: unknown): unknown {
  const v = normalized(value);
  if (v === undefined) return false;
  if (typeof offset !== 'number') return fail('Must pass in an integer');
  if (size(v) <= 1n) return null;
  const first = size(v) === 2n ? network(v) : network(v) + 1n;
  const last = size(v) === 2n ? network(v) + 1n : network(v) + size(v) - 2n;
  const nth = addressOfInt(v.value + direction * BigInt(offset));
  return nth.value >= first && nth.value <= last ? formatIp(nth.value, nth.version) : null;
}

function nthhost(value: string | null, query: string | null): unknown {
  const v = normalized(value);
  if (v === undefined || query === null || query === '') return false;
  const nth = pyInt(query);
  if (nth === undefined || size(v) <= nth) return false;
  const i = nth < 0n ? size(v) + nth : nth;
  if (i < 0n) return fail('index out range for address range size!');
  return formatIp(network(v) + i, v.version);
}

/** Python's int of an ipaddr result: an address's number, and 0 for False (which Python compares as 0). */
function intOf(x: unknown): bigint {
  return typeof x === 'string' ? (parseIpNet(x)?.value ?? 0n) : 0n;
}
const q = (x: unknown, query: string): unknown => ipaddr(x, query, 0, 'ipaddr');
const orElse = (a: unknown, b: () => unknown): unknown => (a === null || a === false || a === '' ? b() : a);

/** network_in_usable (usable addresses of value only) and network_in_network (all of them) */
function networkIn(usableOnly: boolean, value: string | null, test: string | null): boolean {
  const norm = (x: string | null): unknown => {
    const t = x === null ? false : q(x, 'type');
    return t === 'address' || t === 'network' ? q(x, 'subnet') : false;
  };
  const v = norm(value);
  const w = norm(test);
  const vFirst = intOf(orElse(q(v, usableOnly ? 'first_usable' : 'network'), () => q(v, 'address')));
  const vLast = intOf(orElse(q(v, usableOnly ? 'last_usable' : 'broadcast'), () => q(v, 'address')));
  const wFirst = intOf(orElse(q(w, 'network'), () => q(w, 'address')));
  const wLast = intOf(orElse(q(w, 'broadcast'), () => q(w, 'address')));
  return vFirst <= wFirst && wFirst <= vLast && vFirst <= wLast && wLast <= vLast;
}

const s = (d: Dict, k: string): string | null => (typeof d[k] === 'string' ? d[k] : null);

/** a filter over its validated arguments (a dict of the spec's names) */
function filter(spec: Spec, run: (d: Dict) => unknown): Filter {
  return (value, args, kwargs) => run(validate(spec, value, args, isDict(kwargs) ? kwargs : newDict()));
}

export const IPMATH_FILTERS: [string, Filter][] = [
  ['ansible.utils.ipmath', filter({ value: 'str', amount: 'int' }, (d) => ipmath(s(d, 'value'), d.amount))],
  ['ansible.utils.ipsubnet', filter({ value: 'str', query: 'str', index: 'int' }, (d) => ipsubnet(s(d, 'value'), s(d, 'query'), typeof d.index === 'number' || typeof d.index === 'boolean' ? Number(d.index) : null))],
  ['ansible.utils.next_nth_usable', filter({ value: 'str', offset: 'int' }, (d) => nthUsable(1n, s(d, 'value'), d.offset))],
  ['ansible.utils.previous_nth_usable', filter({ value: 'str', offset: 'int' }, (d) => nthUsable(-1n, s(d, 'value'), d.offset))],
  ['ansible.utils.nthhost', filter({ value: 'str', query: 'str' }, (d) => nthhost(s(d, 'value'), s(d, 'query')))],
  ['ansible.utils.network_in_usable', filter({ value: 'str', test: 'str' }, (d) => networkIn(true, s(d, 'value'), s(d, 'test')))],
  ['ansible.utils.network_in_network', filter({ value: 'str', test: 'str' }, (d) => networkIn(false, s(d, 'value'), s(d, 'test')))],
];


// IPv4/IPv6 addresses and networks as netaddr's IPNetwork sees them (what ansible.utils' ip filters are built on).

export interface IpNet {
  readonly version: 4 | 6;
  /** the address as written (not masked) */
  readonly value: bigint;
  readonly prefixlen: number;
}

export const bits = (v: 4 | 6): number => (v === 4 ? 32 : 128);
const maxInt = (v: 4 | 6): bigint => (1n << BigInt(bits(v))) - 1n;

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  let tail: bigint[] = [];
  let text = s;
  const dotted = /(^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseV4(dotted[2] ?? '');
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, text.length - (dotted[2] ?? '').length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const groups = (part: string): bigint[] | undefined => {
    if (part === '') return [];
    const gs = part.split(':');
    if (!gs.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return gs.map((g) => BigInt(parseInt(g, 16)));
  };
  let words: bigint[];
  if (text.includes('::')) {
    const [l, r] = text.split('::');
    const left = groups(l ?? '');
    const right = groups(r ?? '');
    if (!left || !right) return undefined;
    const fill = 8 - left.length - right.length - tail.length;
    if (fill < 1) return undefined;
    words = [...left, ...Array.from({ length: fill }, () => 0n), ...right, ...tail];
  } else {
    const all = groups(text);
    if (!all) return undefined;
    words = [...all, ...tail];
  }
  if (words.length !== 8) return undefined;
  return words.reduce((acc, w) => (acc << 16n) | w, 0n);
}

/** A prefix written as a length or, for IPv4, as a netmask or hostmask (netaddr accepts both). */
function parsePrefix(s: string, version: 4 | 6): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) <= bits(version) ? Number(s) : undefined;
  if (version !== 4) return undefined;
  const m = parseV4(s);
  if (m === undefined) return undefined;
  const mask = (m & 0x80000000n) !== 0n ? m : m ^ 0xffffffffn;
  let len = 0;
  while (len < 32 && ((mask >> BigInt(31 - len)) & 1n) === 1n) len++;
  return mask === ((0xffffffffn << BigInt(32 - len)) & 0xffffffffn) ? len : undefined;
}

/** `addr` or `addr/prefix`, or undefined when it is neither IPv4 nor IPv6. */
export function parseIpNet(text: string): IpNet | undefined {
  const [addr = '', prefix, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const v4 = parseV4(addr);
  const version: 4 | 6 = v4 !== undefined ? 4 : 6;
  const value = v4 ?? parseV6(addr);
  if (value === undefined) return undefined;
  const prefixlen = prefix === undefined ? bits(version) : parsePrefix(prefix, version);
  if (prefixlen === undefined) return undefined;
  return { version, value, prefixlen };
}

export const netmask = (n: IpNet): bigint => maxInt(n.version) ^ hostmask(n);
export const hostmask = (n: IpNet): bigint => (1n << BigInt(bits(n.version) - n.prefixlen)) - 1n;
export const network = (n: IpNet): bigint => n.value & netmask(n);
export const last = (n: IpNet): bigint => network(n) | hostmask(n);
export const size = (n: IpNet): bigint => 1n << BigInt(bits(n.version) - n.prefixlen);
/** netaddr: no broadcast address for a network of one or two addresses */
export const broadcast = (n: IpNet): bigint | undefined => (bits(n.version) - n.prefixlen <= 1 ? undefined : last(n));

export function formatIp(value: bigint, version: 4 | 6): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  if (value >> 32n === 0xffffn) return `::ffff:${formatIp(value & 0xffffffffn, 4)}`;
  // inet_ntop: an IPv4-compatible address (six zero words, then a non-zero one) ends in dotted quads too
  if (value >> 32n === 0n && value >> 16n !== 0n) return `::${formatIp(value, 4)}`;
  const words = Array.from({ length: 8 }, (_, i) => (value >> BigInt(112 - 16 * i)) & 0xffffn);
  // the longest run of two or more zero words becomes '::' (the first such run on a tie)
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0n) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export const ipText = (n: IpNet): string => formatIp(n.value, n.version);
export const cidrText = (n: IpNet): string => `${ipText(n)}/${n.prefixlen}`;

/** every address of `n` lies in `range` (netaddr's `in` for networks) */
export function within(n: IpNet, range: IpNet): boolean {
  return n.version === range.version && network(n) >= network(range) && last(n) <= last(range);
}

const nets = (version: 4 | 6, list: string[]): IpNet[] => list.map((s) => parseIpNet(s) as IpNet).filter((n) => n.version === version);
const PRIVATE = [...nets(4, ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15', '239.0.0.0/8']), ...nets(6, ['fc00::/7', 'fec0::/10'])];
const LINK_LOCAL = [parseIpNet('169.254.0.0/16') as IpNet, parseIpNet('fe80::/10') as IpNet];
const MULTICAST = [parseIpNet('224.0.0.0/4') as IpNet, parseIpNet('ff00::/8') as IpNet];
const LOOPBACK = [parseIpNet('127.0.0.0/8') as IpNet, parseIpNet('::1/128') as IpNet];

export const isLinkLocal = (n: IpNet): boolean => LINK_LOCAL.some((r) => within(n, r));
export const isPrivate = (n: IpNet): boolean => PRIVATE.some((r) => within(n, r)) || isLinkLocal(n);
export const isMulticast = (n: IpNet): boolean => MULTICAST.some((r) => within(n, r));
export const isLoopback = (n: IpNet): boolean => LOOPBACK.some((r) => within(n, r));
export function isNetmaskValue(value: bigint, version: 4 | 6): boolean {
  const x = (value ^ maxInt(version)) + 1n;
  return (x & (x - 1n)) === 0n;
}
export function isHostmaskValue(value: bigint): boolean {
  const x = value + 1n;
  return (x & (x - 1n)) === 0n;
}

// ansible.utils' ipaddr, ipv4, ipv6 and ipwrap filters (plugin_utils/base/ipaddr_utils.py), on ip-net.ts.
import { TemplateRuntimeError } from './undefined.js';
import { isList, pyStr } from './values.js';
import { arg, type Filter } from './filter-args.js';
import {
  bits, broadcast, cidrText, formatIp, hostmask, ipText, isHostmaskValue, isLinkLocal, isLoopback, isMulticast, isNetmaskValue,
  isPrivate, last, netmask, network, parseIpNet, size, within, type IpNet,
} from './ip-net.js';

type VType = 'address' | 'network';
type Query = (v: IpNet, vtype: VType, value: string) => unknown;

const fmt = (x: bigint, v: IpNet): string => formatIp(x, v.version);
const isNetworkAddress = (v: IpNet): boolean => v.value === network(v);
/** first and last usable addresses (netaddr: all of a /31, the inner ones of larger networks) */
function usable(v: IpNet): [bigint, bigint] | undefined {
  if (size(v) === 2n) return [network(v), last(v)];
  if (size(v) > 1n) return [network(v) + 1n, last(v) - 1n];
  return undefined;
}
function needNetwork(vtype: VType): void {
  if (vtype === 'address') throw new TemplateRuntimeError('Not a network address');
}

const ipQuery: Query = (v) => {
  if (size(v) === 1n) return ipText(v);
  if (!isNetworkAddress(v) || broadcast(v) === undefined) return ipText(v);
  if (v.version === 6) return ipText(v);
  return null;
};
const addressPrefix: Query = (v) => (size(v) > 2n && (v.value === network(v) || v.value === broadcast(v)) ? false : cidrText(v));

const QUERIES: Readonly<Record<string, Query>> = {
  '': (v, vtype) => (vtype === 'address' ? ipText(v) : cidrText(v)),
  address: ipQuery,
  ip: ipQuery,
  'address/prefix': addressPrefix, gateway: addressPrefix, gw: addressPrefix, 'host/prefix': addressPrefix, hostnet: addressPrefix, router: addressPrefix,
  bool: () => true,
  broadcast: (v) => (size(v) > 2n ? fmt(last(v), v) : null),
  cidr: (v) => cidrText(v),
  first_usable: (v, vtype) => { needNetwork(vtype); const u = usable(v); return u ? fmt(u[0], v) : null; },
  last_usable: (v, vtype) => { needNetwork(vtype); const u = usable(v); return u ? fmt(u[1], v) : null; },
  next_usable: (v, vtype) => { needNetwork(vtype); const u = usable(v); return u && v.value + 1n >= u[0] && v.value + 1n <= u[1] ? fmt(v.value + 1n, v) : null; },
  previous_usable: (v, vtype) => { needNetwork(vtype); const u = usable(v); return u && v.value - 1n >= u[0] && v.value - 1n <= u[1] ? fmt(v.value - 1n, v) : null; },
  range_usable: (v, vtype) => { needNetwork(vtype); const u = usable(v); return u ? `${fmt(u[0], v)}-${fmt(u[1], v)}` : null; },
  host: (v) => (size(v) === 1n ? cidrText(v) : !isNetworkAddress(v) || broadcast(v) === undefined ? cidrText(v) : null),
  hostmask: (v) => fmt(hostmask(v), v),
  wildcard: (v) => fmt(hostmask(v), v),
  int: (v, vtype) => (vtype === 'address' ? Number(v.value) : `${v.value}/${v.prefixlen}`),
  'ip/prefix': (v) => (size(v) === 2n || (size(v) > 1n && !isNetworkAddress(v)) ? cidrText(v) : null),
  ip_netmask: (v) => (size(v) === 2n || (size(v) > 1n && !isNetworkAddress(v)) ? `${ipText(v)} ${fmt(netmask(v), v)}` : null),
  ipv4: (v, _t, value) => (v.version === 6 ? (v.value >> 32n === 0xffffn ? formatIp(v.value & 0xffffffffn, 4) : false) : value),
  v4: (v, _t, value) => (v.version === 6 ? (v.value >> 32n === 0xffffn ? formatIp(v.value & 0xffffffffn, 4) : false) : value),
  ipv6: (v, _t, value) => (v.version === 4 ? `::ffff:${ipText(v)}/${v.prefixlen + 96}` : value),
  v6: (v, _t, value) => (v.version === 4 ? `::ffff:${ipText(v)}/${v.prefixlen + 96}` : value),
  'link-local': (v, _t, value) => (isLinkLocal({ ...v, prefixlen: bits(v.version) }) ? value : null),
  loopback: (v, _t, value) => (isLoopback({ ...v, prefixlen: bits(v.version) }) ? value : null),
  lo: (v, _t, value) => (isLoopback({ ...v, prefixlen: bits(v.version) }) ? value : null),
  multicast: (v, _t, value) => (isMulticast(v) ? value : null),
  unicast: (v, _t, value) => (isMulticast(v) ? null : value),
  net: (v) => (size(v) > 1n && isNetworkAddress(v) ? `${fmt(network(v), v)}/${v.prefixlen}` : null),
  netmask: (v) => fmt(netmask(v), v),
  network: (v) => fmt(network(v), v),
  network_id: (v) => fmt(network(v), v),
  'network/prefix': (v) => `${fmt(network(v), v)}/${v.prefixlen}`,
  subnet: (v) => `${fmt(network(v), v)}/${v.prefixlen}`,
  network_netmask: (v) => `${fmt(network(v), v)} ${fmt(netmask(v), v)}`,
  network_wildcard: (v) => `${fmt(network(v), v)} ${fmt(hostmask(v), v)}`,
  prefix: (v) => v.prefixlen,
  private: (v, _t, value) => (isPrivate(v) ? value : null),
  public: (v, _t, value) => {
    const ip: IpNet = { ...v, prefixlen: bits(v.version) };
    const pub = !isMulticast(ip) && !isPrivate(ip) && !isLoopback(ip) && !isNetmaskValue(v.value, v.version) && !isHostmaskValue(v.value);
    return pub ? value : null;
  },
  revdns: (v) => (v.version === 4
    ? `${ipText(v).split('.').reverse().join('.')}.in-addr.arpa.`
    : `${v.value.toString(16).padStart(32, '0').split('').reverse().join('.')}.ip6.arpa.`),
  size: (v) => Number(size(v)),
  size_usable: (v) => (size(v) === 1n ? 0 : size(v) === 2n ? 2 : Number(size(v) - 2n)),
  type: (v) => (size(v) === 1n || !isNetworkAddress(v) ? 'address' : 'network'),
  version: (v) => v.version,
  wrap: (v, vtype, value) => (v.version === 6 ? (vtype === 'address' ? `[${ipText(v)}]` : `[${ipText(v)}]/${v.prefixlen}`) : value),
};

/** Python truthiness of a query result (None and False drop out of lists) */
const kept = (x: unknown): boolean => x !== null && x !== false && x !== '' && x !== 0;

/** ipaddr(value, query, version), with `false` where Ansible's returns False and null for None. */
export function ipaddr(value: unknown, query: string, version: 0 | 4 | 6, alias: string): unknown {
  if (isList(value)) return value.map((x) => ipaddr(x, query, version, alias)).filter(kept);
  if (value === null || value === undefined || value === false || value === true || value === '' || value === 0) return false;
  let v: IpNet | undefined;
  let vtype: VType;
  let text = pyStr(value);
  if (/^\d+$/.test(text)) {
    const n = BigInt(text);
    const ver: 4 | 6 = version === 6 || n > 0xffffffffn ? 6 : 4;
    if (n > (1n << BigInt(bits(ver))) - 1n) return false;
    v = { version: ver, value: n, prefixlen: bits(ver) };
    text = cidrText(v);
    vtype = 'address';
  } else {
    v = parseIpNet(text);
    if (v === undefined) return false;
    vtype = text.includes('/') ? 'network' : 'address';
  }
  let fn = QUERIES[query];
  if (fn === undefined && query !== '' && !/^-?\d+$/.test(query)) {
    const range = parseIpNet(query);
    if (range !== undefined) fn = (x, _t, val) => (within(x, range) ? val : false);
  }
  if (version !== 0 && v.version !== version) return false;
  if (fn !== undefined) return fn(v, vtype, text);
  if (/^-?\d+$/.test(query)) {
    if (size(v) === 1n) return vtype === 'address' ? ipText(v) : cidrText(v);
    const i = BigInt(query);
    const index = i < 0n ? size(v) + i : i;
    if (index < 0n || index >= size(v)) return false;
    return `${fmt(network(v) + index, v)}/${v.prefixlen}`;
  }
  throw new TemplateRuntimeError(`${alias}: unknown filter type: ${query}`);
}

const query = (a: unknown[], k: Record<string, unknown>): string => pyStr(arg(a, k, 0, 'query', ''));

export const IPADDR_FILTERS: [string, Filter][] = [
  ['ansible.utils.ipaddr', (v, a, k) => ipaddr(v, query(a, k), Number(arg(a, k, 1, 'version', 0)) as 0 | 4 | 6, 'ipaddr')],
  ['ansible.utils.ipv4', (v, a, k) => ipaddr(v, query(a, k), 4, 'ipv4')],
  ['ansible.utils.ipv6', (v, a, k) => ipaddr(v, query(a, k), 6, 'ipv6')],
  ['ansible.utils.ipwrap', (v, a, k) => {
    const q = query(a, k);
    // a list item that passes the query is wrapped as it is; a single value is wrapped as the query gives it
    const wrap = (x: unknown, ofResult: boolean): unknown => {
      try {
        const r = ipaddr(x, q, 0, 'ipwrap');
        return kept(r) ? ipaddr(ofResult ? r : x, 'wrap', 0, 'ipwrap') : x;
      } catch {
        return x;
      }
    };
    return isList(v) ? v.map((x) => wrap(x, false)) : wrap(v, true);
  }],
];

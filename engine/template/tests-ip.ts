// ansible.utils' IP tests (plugins/test/*.py), which read values as Python's ipaddress module does: a network
// with host bits set ('10.0.0.1/24') is not a network, and private/global follow Python's own tables.
import { parseIpNet, within, network, type IpNet } from './ip-net.js';
import { pyStr, type Dict } from './values.js';

type Test = (value: unknown, args: unknown[], kwargs: Dict) => boolean;

/** ipaddress.ip_network(strict=True) */
function ipNetwork(v: unknown): IpNet | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const n = parseIpNet(pyStr(v));
  return n !== undefined && network(n) === n.value ? n : undefined;
}

/** ipaddress.ip_address: an address without a prefix */
function ipAddress(v: unknown): IpNet | undefined {
  if (typeof v !== 'string') return undefined;
  return v.includes('/') ? undefined : parseIpNet(v);
}

const ranges = (list: string[]): IpNet[] => list.map((s) => parseIpNet(s) as IpNet);
/** Python 3.11 ipaddress: _private_networks of IPv4Address and IPv6Address */
const PY_PRIVATE = ranges([
  '0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/29', '192.0.0.170/31', '192.0.2.0/24',
  '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32',
  '::1/128', '::/128', '::ffff:0:0/96', '100::/64', '2001::/23', '2001:2::/48', '2001:db8::/32', '2001:10::/28', 'fc00::/7', 'fe80::/10',
]);
const SHARED = parseIpNet('100.64.0.0/10') as IpNet;
const isPyPrivate = (a: IpNet): boolean => PY_PRIVATE.some((r) => within(a, r));
const inAny = (a: IpNet, list: string[]): boolean => ranges(list).some((r) => within(a, r));

function subnetOf(a: unknown, b: unknown): boolean {
  const x = ipNetwork(a);
  const y = ipNetwork(b);
  return x !== undefined && y !== undefined && within(x, y);
}

const networks = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

export const IP_TESTS: [string, Test][] = [
  ['ansible.utils.ip', (v) => ipNetwork(v) !== undefined],
  ['ansible.utils.ipv4', (v) => ipNetwork(v)?.version === 4],
  ['ansible.utils.ipv6', (v) => ipNetwork(v)?.version === 6],
  ['ansible.utils.ip_address', (v) => ipAddress(v) !== undefined],
  ['ansible.utils.ipv4_address', (v) => ipAddress(v)?.version === 4],
  ['ansible.utils.ipv6_address', (v) => ipAddress(v)?.version === 6],
  ['ansible.utils.private', (v) => { const a = ipAddress(v); return a !== undefined && isPyPrivate(a); }],
  ['ansible.utils.public', (v) => { const a = ipAddress(v); return a !== undefined && !isPyPrivate(a) && !within(a, SHARED); }],
  ['ansible.utils.loopback', (v) => { const a = ipAddress(v); return a !== undefined && inAny(a, ['127.0.0.0/8', '::1/128']); }],
  ['ansible.utils.multicast', (v) => { const a = ipAddress(v); return a !== undefined && inAny(a, ['224.0.0.0/4', 'ff00::/8']); }],
  ['ansible.utils.in_network', (v, a) => subnetOf(v, a[0])],
  ['ansible.utils.subnet_of', (v, a) => subnetOf(v, a[0])],
  ['ansible.utils.supernet_of', (v, a) => subnetOf(a[0], v)],
  ['ansible.utils.in_any_network', (v, a) => networks(a[0]).some((n) => subnetOf(v, n))],
  ['ansible.utils.in_one_network', (v, a) => networks(a[0]).filter((n) => subnetOf(v, n)).length === 1],
];

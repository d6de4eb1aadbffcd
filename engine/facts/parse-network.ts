// Network facts from the facts script's `network` section: interfaces, addresses and default routes, as Ansible's Linux collector.
import { dict } from '../core/dict.js';

type Fact = Record<string, unknown>;

const INTERFACE_TYPE: Readonly<Record<string, string>> = { '1': 'ether', '32': 'infiniband', '512': 'ppp', '772': 'loopback', '65534': 'tunnel' };

function ipv4Fields(cidr: string): { address: string; netmask: string; network: string; prefix: string } | undefined {
  const [address = '', prefix = '32'] = cidr.split('/');
  const octets = address.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) return undefined;
  const bits = Number(prefix);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const addr = octets.reduce((a, o) => ((a << 8) | o) >>> 0, 0);
  const dotted = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
  return { address, netmask: dotted(mask), network: dotted((addr & mask) >>> 0), prefix };
}

/** `ip route get` output: dev, src, via. */
function routeOf(text: string): Fact {
  const words = text.split(/\s+/);
  const out: Fact = dict();
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] === 'dev') out.interface = words[i + 1];
    else if (words[i] === 'src') out.address = words[i + 1];
    else if (words[i] === 'via' && out.gateway === undefined) out.gateway = words[i + 1];
  }
  return out.interface === undefined ? dict() : out;
}

/** Splits the section into its interface names, sysfs lines and the `@addr`, `@route4`, `@route6` parts. */
function parts(text: string): { names: string[]; attrs: string[]; addr: string[]; route4: string; route6: string } {
  const out = { names: [] as string[], attrs: [] as string[], addr: [] as string[], route4: [] as string[], route6: [] as string[] };
  let into = out.names;
  for (const line of text.split('\n')) {
    if (line === '@attr') into = out.attrs;
    else if (line === '@addr') into = out.addr;
    else if (line === '@route4') into = out.route4;
    else if (line === '@route6') into = out.route6;
    else if (line !== '') into.push(line);
  }
  return { names: out.names, attrs: out.attrs, addr: out.addr, route4: out.route4.join(' '), route6: out.route6.join(' ') };
}

/** sysfs lines: NAME/attr:value (grep -H), NAME/brif/PORT and NAME/bonding (ls -d). */
function sysfsOf(lines: readonly string[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const line of lines) {
    const slash = line.indexOf('/');
    if (slash <= 0) continue;
    const name = line.slice(0, slash);
    const rest = line.slice(slash + 1);
    const colon = rest.indexOf(':');
    const attrs = out.get(name) ?? new Map<string, string>();
    out.set(name, attrs);
    if (rest.startsWith('brif/')) attrs.set('brif', `${attrs.get('brif') ?? ''} ${rest.slice(5)}`.trim());
    else if (rest === 'bonding') attrs.set('bonding', 'yes');
    else if (colon > 0) attrs.set(rest.slice(0, colon), rest.slice(colon + 1));
  }
  return out;
}

/** interfaces, ansible_<iface> (':' and '-' as '_'), all_ipv4/6_addresses, default_ipv4/6. */
export function networkFacts(text: string): Fact {
  const p = parts(text);
  const sysfs = sysfsOf(p.attrs);
  const ifaces: Record<string, Fact> = dict();
  const macs: Record<string, string> = dict();
  for (const name of p.names) {
    const a = sysfs.get(name) ?? new Map<string, string>();
    const mac = a.get('address') ?? '';
    const flagBits = Number.parseInt(a.get('flags') ?? '', 16) || 0;
    const iface: Fact = { device: name, mtu: Number(a.get('mtu') ?? 0), active: (flagBits & 1) === 1, promisc: (flagBits & 0x100) !== 0 };
    macs[name] = mac;
    if (mac !== '' && mac !== '00:00:00:00:00:00') iface.macaddress = mac;
    const type = a.get('type');
    if (type !== undefined) iface.type = INTERFACE_TYPE[type] ?? 'unknown';
    if (a.has('bridge/bridge_id')) Object.assign(iface, { type: 'bridge', id: a.get('bridge/bridge_id'), stp: a.get('bridge/stp_state') === '1', interfaces: (a.get('brif') ?? '').split(' ').filter((x) => x !== '').sort() });
    if (a.has('bonding')) iface.type = 'bonding';
    const speed = a.get('speed');
    if (speed !== undefined && /^-?\d+$/.test(speed)) iface.speed = Number(speed);
    ifaces[name] = iface;
  }
  const default4 = routeOf(p.route4);
  const default6 = routeOf(p.route6);
  const all4: string[] = [];
  const all6: string[] = [];
  let device = '';
  for (const line of p.addr) {
    const head = /^\d+:\s+([^:@\s]+)(?:@\S+)?:/.exec(line);
    if (head?.[1]) {
      device = head[1];
      continue;
    }
    const words = line.trim().split(/\s+/);
    const iface = ifaces[device];
    if (iface === undefined) continue;
    if (words[0] === 'inet' && words[1]) {
      const v4 = ipv4Fields(words[1].includes('/') ? words[1] : `${words[1]}/32`);
      if (!v4) continue;
      const entry = { address: v4.address, broadcast: words[2] === 'brd' ? (words[3] ?? '') : '', netmask: v4.netmask, network: v4.network, prefix: v4.prefix };
      if (words.includes('secondary')) ((iface.ipv4_secondaries ??= []) as Fact[]).push(entry);
      else if (iface.ipv4 === undefined) iface.ipv4 = entry;
      if (default4.address === v4.address) {
        const { address: _a, ...rest } = entry;
        Object.assign(default4, rest, { macaddress: macs[device] ?? '', mtu: iface.mtu, type: iface.type ?? 'unknown', alias: words[words.length - 1] });
      }
      if (!v4.address.startsWith('127.')) all4.push(v4.address);
    } else if (words[0] === 'inet6' && words[1]) {
      const peer = words[2] === 'peer';
      const [address = '', prefix = ''] = peer ? [words[1], (words[3] ?? '').split('/')[1]] : words[1].split('/');
      const scope = (peer ? words[5] : words[3]) ?? '';
      ((iface.ipv6 ??= []) as Fact[]).push({ address, prefix, scope });
      if (default6.address === address) Object.assign(default6, { prefix, scope, macaddress: macs[device] ?? '', mtu: iface.mtu, type: iface.type ?? 'unknown' });
      if (address !== '::1') all6.push(address);
    }
  }
  // Ansible: ':' becomes '_' in the names (interfaces lists them so), then '-' too in the fact's own name
  const names = Object.keys(ifaces).map((n) => n.replace(/:/g, '_'));
  const out: Fact = dict({ interfaces: names, all_ipv4_addresses: all4, all_ipv6_addresses: all6, default_ipv4: default4, default_ipv6: default6 });
  for (const [name, iface] of Object.entries(ifaces)) out[name.replace(/[-:]/g, '_')] = iface;
  return out;
}

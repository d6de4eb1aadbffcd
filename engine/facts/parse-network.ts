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

/** Splits the section into its interface lines and its `@addr`, `@route4`, `@route6` parts. */
function parts(text: string): { ifLines: string[]; addr: string[]; route4: string; route6: string } {
  const out = { ifLines: [] as string[], addr: [] as string[], route4: [] as string[], route6: [] as string[] };
  let into = out.ifLines;
  for (const line of text.split('\n')) {
    if (line === '@addr') into = out.addr;
    else if (line === '@route4') into = out.route4;
    else if (line === '@route6') into = out.route6;
    else into.push(line);
  }
  return { ifLines: out.ifLines, addr: out.addr, route4: out.route4.join(' '), route6: out.route6.join(' ') };
}

/** interfaces, ansible_<iface> (name with - and : as _), all_ipv4/6_addresses, default_ipv4/6. */
export function networkFacts(text: string): Fact {
  const p = parts(text);
  const ifaces: Record<string, Fact> = dict();
  const macs: Record<string, string> = dict();
  for (const line of p.ifLines) {
    const f = line.split('|');
    if (f[0] === 'if' && f[1]) {
      const [, name, mac = '', mtu = '', flags = '', type = '', bonding = '', speed = ''] = f;
      const flagBits = Number.parseInt(flags, 16) || 0;
      const iface: Fact = { device: name, mtu: Number(mtu), active: (flagBits & 1) === 1, promisc: (flagBits & 0x100) !== 0 };
      macs[name] = mac;
      if (mac !== '' && mac !== '00:00:00:00:00:00') iface.macaddress = mac;
      if (type !== '') iface.type = INTERFACE_TYPE[type] ?? 'unknown';
      if (bonding === 'bonding') iface.type = 'bonding';
      if (/^-?\d+$/.test(speed)) iface.speed = Number(speed);
      ifaces[name] = iface;
    } else if (f[0] === 'br' && f[1] && ifaces[f[1]]) {
      Object.assign(ifaces[f[1]] as Fact, { type: 'bridge', id: f[2] ?? '', stp: f[3] === '1', interfaces: (f[4] ?? '').split(' ').filter((x) => x !== '') });
    }
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

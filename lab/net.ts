// A private bridge per lab and a network namespace + veth pair per host (the host side is what cut/heal toggle).
import { sh } from '../engine/core/quote.js';
import { bridgeName, labTag, trunkNames } from './names.js';
import { run, runScript } from './run.js';
import { macFor } from './subnet.js';

export function bridgeUpScript(bridge: string, gateway: string, prefix: number): string {
  return [
    sh`ip link add ${bridge} type bridge`,
    // a fixed address (a bridge otherwise takes its lowest port's, which changes as ports come and go): the hosts
    // hold it as their gateway's neighbour entry
    sh`ip link set ${bridge} address ${macFor(gateway)}`,
    // a lab's bridge carries lab traffic only: no IPv6 autoconfiguration noise, no forwarding delay
    sh`ip link set ${bridge} type bridge forward_delay 0 stp_state 0`,
    sh`sysctl -qw ${`net.ipv6.conf.${bridge}.disable_ipv6=1`} || true`,
    sh`ip addr add ${`${gateway}/${prefix}`} dev ${bridge}`,
    sh`ip link set ${bridge} up`,
  ].join('\n');
}

/**
 * Extension segment N of a lab's bridge: a bridge of its own (a bridge takes at most 1024 ports) joined to the
 * lab's bridge by a veth pair, so every host is on one layer-2 network and one subnet.
 */
export function segmentUpScript(lab: string, segment: number): string {
  const main = bridgeName(lab);
  const bridge = bridgeName(lab, segment);
  const [a, b] = trunkNames(lab, segment);
  return [
    sh`ip link add ${bridge} type bridge`,
    sh`ip link set ${bridge} type bridge forward_delay 0 stp_state 0`,
    sh`sysctl -qw ${`net.ipv6.conf.${bridge}.disable_ipv6=1`} || true`,
    sh`ip link add ${a} type veth peer name ${b}`,
    sh`ip link set ${a} master ${main} up`,
    sh`ip link set ${b} master ${bridge} up`,
    sh`ip link set ${bridge} up`,
  ].join('\n');
}

export interface HostNet {
  netns: string;
  veth: string;
  mac: string;
  address: string;
  prefix: number;
  bridge: string;
  /** the machine's address on the lab's bridge */
  gateway: string;
}

/** `ip -batch` lines for the machine side of every host: namespace, veth pair (eth0 inside), bridge port. */
export function labLinksBatch(nets: readonly HostNet[]): string {
  return nets
    .map((n) => [`netns add ${n.netns}`, `link add ${n.veth} type veth peer name eth0 address ${n.mac} netns ${n.netns}`, `link set ${n.veth} master ${n.bridge} up`].join('\n'))
    .join('\n')
    .concat('\n');
}

/**
 * The machine's neighbour entries for every host, fixed: with thousands of hosts on one bridge, a burst of
 * connections would otherwise send as many ARP broadcasts, each flooded to every port, and lose some (the
 * connections then fail with EHOSTUNREACH). Each host holds the gateway's entry the same way (hostNetInside).
 */
export function neighbourBatch(nets: readonly HostNet[], bridge: string): string {
  return nets.map((n) => `neigh replace ${n.address} lladdr ${n.mac} dev ${bridge} nud permanent\n`).join('');
}

/** One shell line configuring the inside of a host's namespace (run by the host's launcher, in parallel). */
export function hostNetInside(n: HostNet): string {
  const batch = `addr add ${n.address}/${n.prefix} dev eth0\nlink set eth0 up\nlink set lo up\nneigh replace ${n.gateway} lladdr ${macFor(n.gateway)} dev eth0 nud permanent\n`;
  return sh`printf ${batch} | ip -n ${n.netns} -batch -`;
}

async function listNetns(): Promise<string[]> {
  const r = await run(['ip', 'netns', 'list'], { allowFail: true });
  return r.stdout
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter(Boolean);
}

function labNetnsRe(lab: string): RegExp {
  return new RegExp(`^kplay-${lab}-h\\d+$`);
}

async function listLinks(): Promise<string[]> {
  const r = await run(['ip', '-o', 'link', 'show'], { allowFail: true });
  return r.stdout
    .split('\n')
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '')
    .filter(Boolean);
}

/** Remove the lab's namespaces (their veth ends go with them), leftover veths and the bridge. */
export async function removeLabNetwork(lab: string): Promise<void> {
  const re = labNetnsRe(lab);
  const spaces = (await listNetns()).filter((n) => re.test(n));
  const tag = labTag(lab);
  const all = await listLinks();
  // host veths and trunks first, then the segments' bridges, the lab's own bridge last
  const links = all.filter((l) => l.startsWith(`kpv${tag}-`) || l.startsWith(`kpt${tag}s`));
  const bridges = all.filter((l) => l.startsWith(`${bridgeName(lab)}s`) || l === bridgeName(lab)).sort((x, y) => y.length - x.length);
  const lines = [...spaces.map((n) => sh`ip netns del ${n} 2>/dev/null || true`), ...[...links, ...bridges].map((l) => sh`ip link del ${l} 2>/dev/null || true`)];
  if (lines.length > 0) await runScript(lines.join('\n'));
}

/** Routes already on the machine (to avoid choosing a lab subnet that shadows one). */
export async function machineRoutes(): Promise<Array<{ network: string; prefix: number }>> {
  const r = await run(['ip', '-4', 'route', 'show', 'table', 'all'], { allowFail: true });
  const out: Array<{ network: string; prefix: number }> = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^(?:local |broadcast )?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/.exec(line);
    if (m?.[1]) out.push({ network: m[1], prefix: Number(m[2] ?? 32) });
  }
  return out;
}

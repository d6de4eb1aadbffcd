// SELinux port types as `semanage port -l` prints them, and community.general.seport's decision over them: which of
// the given ports (or ranges) to add, modify or delete, port by port in the order given, as the module does.
import { pyRepr } from '../../engine/template/values.js';

/** One line of `semanage port -l -n`: "http_port_t    tcp      8009, 8008, 8443, 80, 81, 443, 488". */
export interface PortTypeLine {
  readonly setype: string;
  readonly proto: string;
  /** as semanage writes them: "80", or "8080-8085" for a range */
  readonly ports: readonly string[];
}

/** `semanage port -l -n` (or with -C, the local customizations only): one record per type and protocol. */
export function parsePortListing(text: string): PortTypeLine[] {
  const out: PortTypeLine[] = [];
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    const [setype, proto, ...rest] = words;
    if (setype === undefined || proto === undefined || rest.length === 0) continue;
    const ports = rest.join('').split(',').filter((p) => p !== '');
    out.push({ setype, proto, ports });
  }
  return out;
}

/** The ports a type has for a protocol, as written (seobject's get_all_by_type). */
export function portsOfType(listing: readonly PortTypeLine[], setype: string, proto: string): string[] {
  return listing.filter((l) => l.setype === setype && l.proto === proto).flatMap((l) => l.ports);
}

const keyOf = (low: bigint, high: bigint, proto: string): string => `${low}-${high}/${proto}`;

/** Every defined port range (low, high, protocol) of the listing, whatever its type (seobject's get_all). */
export function definedKeys(listing: readonly PortTypeLine[]): Set<string> {
  const keys = new Set<string>();
  for (const l of listing) {
    for (const p of l.ports) {
      const r = portRange(p);
      if ('low' in r) keys.add(keyOf(r.low, r.high, l.proto));
    }
  }
  return keys;
}

/** Python's int() of a text in base 10: blanks around, a sign, underscores between digits. */
function pythonInt(text: string): bigint | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
  return BigInt(t.replaceAll('_', ''));
}

/** The range a port text names as seport reads it ("80" is 80-80); the error Python would raise otherwise. */
export function portRange(port: string): { readonly low: bigint; readonly high: bigint } | { readonly error: string } {
  const dash = port.indexOf('-');
  const pieces = dash < 0 ? [port, port] : [port.slice(0, dash), port.slice(dash + 1)];
  const [a = '', b = ''] = pieces;
  const low = pythonInt(a);
  if (low === undefined) return { error: intError(a) };
  const high = pythonInt(b);
  if (high === undefined) return { error: intError(b) };
  return { low, high };
}

function intError(piece: string): string {
  return `ValueError: invalid literal for int() with base 10: ${pyRepr(piece)}\n`;
}

export interface PortAction {
  readonly op: 'add' | 'modify' | 'delete';
  readonly port: string;
}

export interface PortPlanInput {
  readonly ports: readonly string[];
  readonly proto: string;
  readonly setype: string;
  readonly state: 'present' | 'absent';
  /** the ports of setype and proto, from the whole policy or (local) its local customizations */
  readonly ofType: readonly string[];
  /** every defined range (definedKeys of the whole policy) */
  readonly defined: ReadonlySet<string>;
  readonly check: boolean;
}

export interface PortPlan {
  readonly changed: boolean;
  /** the ports that change, in order (in check mode too) */
  readonly changing: readonly string[];
  readonly actions: readonly PortAction[];
  /** the failure after those actions: a port that is not a number (Ansible then stops there) */
  readonly error?: string | undefined;
}

/**
 * seport's loop. present: a port already listed (as written) for the type is kept; another is added, or modified
 * when its range is defined with another type. absent: a port listed for the type is deleted. Check mode decides
 * the same without reading the port as a number.
 */
export function planPorts(input: PortPlanInput): PortPlan {
  const actions: PortAction[] = [];
  const changing: string[] = [];
  if (input.state === 'absent') {
    for (const port of input.ports) {
      if (!input.ofType.includes(port)) continue;
      changing.push(port);
      actions.push({ op: 'delete', port });
    }
    return { changed: changing.length > 0, changing, actions };
  }
  // what this run defines counts as defined for the ports after it, as each of seport's commits does
  const defined = new Set(input.defined);
  for (const port of input.ports) {
    if (input.ofType.includes(port)) continue;
    changing.push(port);
    if (input.check) continue;
    const range = portRange(port);
    if ('error' in range) return { changed: true, changing, actions, error: range.error };
    const key = keyOf(range.low, range.high, input.proto);
    actions.push({ op: defined.has(key) ? 'modify' : 'add', port });
    defined.add(key);
  }
  return { changed: changing.length > 0, changing, actions };
}

/** The failure seport meets after its changes for state=present: the first port that is not a number. */
export function portNumberError(ports: readonly string[]): string | undefined {
  for (const port of ports) {
    const r = portRange(port);
    if ('error' in r) return r.error;
  }
  return undefined;
}

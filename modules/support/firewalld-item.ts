// What one firewalld task acts on, as firewall-cmd words: the option its --query-/--add-/--remove- take (service=http,
// port=80/tcp, masquerade), the state wanted, and the words Ansible's transaction adds to its msg. Pure data.

export type FirewallState = 'enabled' | 'disabled';

export interface FirewallItem {
  /** firewall-cmd's option without its verb: `service=http`, `rich-rule=...`, `masquerade` */
  readonly option: string;
  /** enabled or disabled after masquerade's and icmp_block_inversion's yes/no is applied */
  readonly want: FirewallState;
  /** --timeout applies to an immediate add (services, ports, protocols, rich rules, icmp blocks, forward ports) */
  readonly timed: boolean;
  /** an interface moves to the zone from any other (changeZoneOfInterface) */
  readonly moves: boolean;
  /** the transaction's own message once it changed something (Added masquerade to zone public) */
  readonly doneMsg?: string | undefined;
  /** the module's message after it (Changed service http to enabled) */
  readonly changedMsg?: string | undefined;
}

export interface FirewallRequest {
  readonly icmp_block?: string | undefined;
  readonly icmp_block_inversion?: string | undefined;
  readonly service?: string | undefined;
  readonly protocol?: string | undefined;
  readonly port?: string | undefined;
  readonly port_forward?: readonly Readonly<Record<string, unknown>>[] | undefined;
  readonly rich_rule?: string | undefined;
  readonly source?: string | undefined;
  readonly interface?: string | undefined;
  readonly masquerade?: string | undefined;
  readonly target?: string | undefined;
  readonly state: 'absent' | 'disabled' | 'enabled' | 'present';
}

/** Python's boolean() of a yes/no string (masquerade, icmp_block_inversion); undefined when it is neither. */
function yesNo(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (['yes', 'on', '1', 'true', 't', 'y'].includes(v)) return true;
  if (['no', 'off', '0', 'false', 'f', 'n'].includes(v)) return false;
  return undefined;
}

/** enabled when the state and the yes/no agree (masquerade: no with state disabled enables it, as in Ansible) */
function inverted(state: string, value: string): FirewallState {
  return (state === 'enabled') === (yesNo(value) ?? true) ? 'enabled' : 'disabled';
}

/** The item a task acts on, its failure message, or undefined for a zone-level task (no item: the zone itself). */
export function firewallItem(p: FirewallRequest, zone: string): FirewallItem | string | undefined {
  const want: FirewallState = p.state === 'enabled' || p.state === 'present' ? 'enabled' : 'disabled';
  const plain = (option: string, changed: string, timed = true): FirewallItem => ({ option, want, timed, moves: false, changedMsg: `Changed ${changed} to ${p.state}` });
  if (p.icmp_block !== undefined) return plain(`icmp-block=${p.icmp_block}`, `icmp-block ${p.icmp_block}`);
  if (p.icmp_block_inversion !== undefined) {
    return { option: 'icmp-block-inversion', want: inverted(p.state, p.icmp_block_inversion), timed: false, moves: false, changedMsg: `Changed icmp-block-inversion ${p.icmp_block_inversion} to ${p.state}` };
  }
  if (p.service !== undefined) return plain(`service=${p.service}`, `service ${p.service}`);
  if (p.protocol !== undefined) return plain(`protocol=${p.protocol}`, `protocol ${p.protocol}`);
  if (p.source !== undefined) {
    return { option: `source=${p.source}`, want, timed: false, moves: false, doneMsg: want === 'enabled' ? `Added ${p.source} to zone ${zone}` : `Removed ${p.source} from zone ${zone}` };
  }
  if (p.port !== undefined) {
    const [port = '', proto = ''] = p.port.trim().split('/');
    if (!p.port.includes('/') || proto === '') return 'improper port format (missing protocol?)';
    return plain(`port=${port}/${proto}`, `port ${port}/${proto}`);
  }
  if (p.port_forward !== undefined) return forwardPort(p.port_forward, p.state, want);
  if (p.rich_rule !== undefined) return plain(`rich-rule=${p.rich_rule}`, `rich_rule ${p.rich_rule}`);
  if (p.interface !== undefined) {
    return { option: `interface=${p.interface}`, want, timed: false, moves: true, doneMsg: want === 'enabled' ? `Changed ${p.interface} to zone ${zone}` : `Removed ${p.interface} from zone ${zone}` };
  }
  if (p.masquerade !== undefined) {
    const w = inverted(p.state, p.masquerade);
    return { option: 'masquerade', want: w, timed: false, moves: false, doneMsg: w === 'enabled' ? `Added masquerade to zone ${zone}` : `Removed masquerade from zone ${zone}` };
  }
  return undefined;
}

function forwardPort(list: readonly Readonly<Record<string, unknown>>[], state: string, want: FirewallState): FirewallItem | string {
  if (list.length > 1) return 'Only one port forward supported at a time';
  const f = list[0] ?? {};
  if (f.port === undefined) return 'port must be specified for port forward';
  if (f.proto === undefined) return 'proto udp/tcp must be specified for port forward';
  if (f.toport === undefined) return 'toport must be specified for port forward';
  const toaddr = f.toaddr === undefined ? '' : word(f.toaddr);
  const spec = `port=${word(f.port)}:proto=${word(f.proto)}:toport=${word(f.toport)}${toaddr === '' ? '' : `:toaddr=${toaddr}`}`;
  const label = `port=${word(f.port)}:proto=${word(f.proto)}:toport=${word(f.toport)}:toaddr=${toaddr}`;
  return { option: `forward-port=${spec}`, want, timed: true, moves: false, changedMsg: `Changed port_forward ${label} to ${state}` };
}

/** A forward port's field as Python's str() gives a number or a string. */
function word(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** The words Ansible's transaction starts its msg with, by where it acts. */
export function operationWords(permanent: boolean, immediate: boolean): string {
  if (permanent && immediate) return 'Permanent and Non-Permanent(immediate) operation';
  return permanent ? 'Permanent operation' : 'Non-permanent operation';
}

export const NOT_PERMANENT = "Zone operations must be permanent. Make sure you didn't set the 'permanent' flag to 'false' or the 'immediate' flag to 'true'.";

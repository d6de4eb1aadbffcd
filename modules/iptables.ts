// iptables: one rule, a chain's policy, a flush, or a chain of its own, as Ansible's module builds the rule's words
// and decides: `iptables -C` tells whether the rule is there, `-L` the chain and its policy. Each value is one word
// of the command line, never shell text. Assumes iptables 1.6 or later (wait takes seconds), as on EL8+ and Debian 10+.
import { Type, type Static } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
import { choice } from './common/schema.js';
import { defineModule, type Plan } from './contract.js';

const str = (description: string) => Type.Optional(Type.String({ description }));
const list = (description: string) => Type.Array(Type.String(), { description, default: [] });

const params = Type.Object({
  table: choice(['filter', 'nat', 'mangle', 'raw', 'security'], { description: 'The table.', default: 'filter' }),
  state: choice(['absent', 'present'], { description: 'Whether the rule is there.', default: 'present' }),
  action: choice(['append', 'insert'], { description: 'Where a new rule goes: the end of the chain, or rule_num (default the start).', default: 'append' }),
  ip_version: choice(['ipv4', 'ipv6'], { description: 'iptables or ip6tables.', default: 'ipv4' }),
  chain: str('The chain (INPUT, FORWARD, a chain of your own, ...).'),
  rule_num: str('With action insert: the position.'),
  protocol: str('-p: tcp, udp, icmp, all, ... (! negates).'),
  wait: str('-w: seconds to wait for the xtables lock.'),
  source: str('-s: the source address or network.'),
  to_source: str('--to-source (SNAT).'),
  destination: str('-d: the destination address or network.'),
  to_destination: str('--to-destination (DNAT).'),
  match: list('-m: match extensions.'),
  tcp_flags: Type.Optional(
    Type.Object(
      {
        flags: Type.Optional(Type.Array(Type.String(), { description: 'The flags examined (SYN, ACK, ...).' })),
        flags_set: Type.Optional(Type.Array(Type.String(), { description: 'Those of them that must be set.' })),
      },
      { description: '--tcp-flags: the flags examined and those set.' },
    ),
  ),
  jump: str('-j: the target (ACCEPT, DROP, a chain, ...).'),
  gateway: str('--gateway, with jump TEE.'),
  log_prefix: str('--log-prefix (jump LOG).'),
  log_level: Type.Optional(choice(['0', '1', '2', '3', '4', '5', '6', '7', 'emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'], { description: '--log-level (jump LOG).' })),
  goto: str('-g: continue in this chain.'),
  in_interface: str('-i: the incoming interface.'),
  out_interface: str('-o: the outgoing interface.'),
  fragment: str('-f.'),
  set_counters: str('-c: packet and byte counters.'),
  source_port: str('--source-port.'),
  destination_port: str('--destination-port.'),
  destination_ports: list('--dports with the multiport match.'),
  to_ports: str('--to-ports (REDIRECT, MASQUERADE).'),
  set_dscp_mark: str('--set-dscp.'),
  set_dscp_mark_class: str('--set-dscp-class.'),
  comment: str('--comment, with the comment match.'),
  ctstate: list('--ctstate (conntrack) or --state (state match): NEW, ESTABLISHED, ...'),
  src_range: str('--src-range (iprange).'),
  dst_range: str('--dst-range (iprange).'),
  match_set: str('--match-set (set).'),
  match_set_flags: Type.Optional(choice(['src', 'dst', 'src,dst', 'dst,src'], { description: 'The flags of match_set.' })),
  limit: str('--limit (limit match).'),
  limit_burst: str('--limit-burst.'),
  uid_owner: str('--uid-owner (owner match).'),
  gid_owner: str('--gid-owner (owner match).'),
  reject_with: str('--reject-with (jump REJECT).'),
  icmp_type: str('--icmp-type / --icmpv6-type.'),
  syn: choice(['ignore', 'match', 'negate'], { description: '--syn: match (or negate) TCP SYN packets.', default: 'ignore' }),
  flush: Type.Boolean({ description: 'Flush the chain (or the table).', default: false }),
  policy: Type.Optional(choice(['ACCEPT', 'DROP', 'QUEUE', 'RETURN'], { description: "The chain's policy." })),
  chain_management: Type.Boolean({ description: 'Create the chain for a rule, and delete it with state absent and no rule.', default: false }),
});
type Params = Static<typeof params>;

function param(rule: string[], value: string | undefined, flag: string): void {
  if (value === undefined) return;
  if (value.startsWith('!')) rule.push('!', flag, value.slice(1));
  else rule.push(flag, value);
}

function matchFlag(rule: string[], value: string | undefined, flag: string, negatable: boolean): void {
  if (value === 'match') rule.push(flag);
  else if (negatable && value === 'negate') rule.push('!', flag);
}

function csv(rule: string[], values: readonly string[], flag: string): void {
  if (values.length > 0) rule.push(flag, values.join(','));
}

function matchOn(rule: string[], when: unknown, match: string): void {
  if (when !== undefined && when !== '' && !(Array.isArray(when) && when.length === 0)) rule.push('-m', match);
}

/** Ansible's construct_rule: the rule's words, in its order. */
export function ruleWords(p: Params, jump: string | undefined = p.jump): string[] {
  const r: string[] = [];
  if (p.wait) r.push('-w', p.wait);
  param(r, p.protocol, '-p');
  param(r, p.source, '-s');
  param(r, p.destination, '-d');
  for (const m of p.match) param(r, m, '-m');
  if (p.tcp_flags?.flags && p.tcp_flags.flags_set) r.push('--tcp-flags', p.tcp_flags.flags.join(','), p.tcp_flags.flags_set.join(','));
  param(r, jump, '-j');
  if (jump?.toLowerCase() === 'tee') param(r, p.gateway, '--gateway');
  param(r, p.log_prefix, '--log-prefix');
  param(r, p.log_level, '--log-level');
  param(r, p.to_destination, '--to-destination');
  matchOn(r, p.destination_ports, 'multiport');
  csv(r, p.destination_ports, '--dports');
  param(r, p.to_source, '--to-source');
  param(r, p.goto, '-g');
  param(r, p.in_interface, '-i');
  param(r, p.out_interface, '-o');
  param(r, p.fragment, '-f');
  param(r, p.set_counters, '-c');
  param(r, p.source_port, '--source-port');
  param(r, p.destination_port, '--destination-port');
  param(r, p.to_ports, '--to-ports');
  param(r, p.set_dscp_mark, '--set-dscp');
  param(r, p.set_dscp_mark_class, '--set-dscp-class');
  matchFlag(r, p.syn, '--syn', true);
  if (p.match.includes('conntrack')) csv(r, p.ctstate, '--ctstate');
  else if (p.match.includes('state')) csv(r, p.ctstate, '--state');
  else if (p.ctstate.length > 0) {
    r.push('-m', 'conntrack');
    csv(r, p.ctstate, '--ctstate');
  }
  if (p.match.includes('iprange')) {
    param(r, p.src_range, '--src-range');
    param(r, p.dst_range, '--dst-range');
  } else if (p.src_range || p.dst_range) {
    r.push('-m', 'iprange');
    param(r, p.src_range, '--src-range');
    param(r, p.dst_range, '--dst-range');
  }
  if (p.match.includes('set')) {
    param(r, p.match_set, '--match-set');
    if (p.match_set_flags !== undefined) r.push(p.match_set_flags);
  } else if (p.match_set) {
    r.push('-m', 'set');
    param(r, p.match_set, '--match-set');
    if (p.match_set_flags !== undefined) r.push(p.match_set_flags);
  }
  matchOn(r, p.limit || p.limit_burst, 'limit');
  param(r, p.limit, '--limit');
  param(r, p.limit_burst, '--limit-burst');
  matchOn(r, p.uid_owner, 'owner');
  matchFlag(r, p.uid_owner, '--uid-owner', true);
  param(r, p.uid_owner, '--uid-owner');
  matchOn(r, p.gid_owner, 'owner');
  matchFlag(r, p.gid_owner, '--gid-owner', true);
  param(r, p.gid_owner, '--gid-owner');
  if (jump === undefined && p.reject_with) r.push('-j', 'REJECT');
  param(r, p.reject_with, '--reject-with');
  param(r, p.icmp_type, p.ip_version === 'ipv6' ? '--icmpv6-type' : '--icmp-type');
  matchOn(r, p.comment, 'comment');
  param(r, p.comment, '--comment');
  return r;
}

const bin = (p: Params): string => (p.ip_version === 'ipv6' ? 'ip6tables' : 'iptables');

/** iptables -t TABLE ACTION CHAIN [rule_num] [rule...], as Ansible's push_arguments. */
function command(p: Params, action: string, rule?: readonly string[]): string {
  const words = [bin(p), '-t', p.table, action, p.chain ?? ''];
  if (action === '-I' && p.rule_num) words.push(p.rule_num);
  return shellJoin([...words, ...(rule ?? [])]);
}

/** The jump a logging rule gets (LOG when none is given), or the message when another is. */
function effectiveJump(p: Params): string | undefined | { readonly error: string } {
  if (!p.log_prefix && !p.log_level) return p.jump;
  if (p.jump === undefined) return 'LOG';
  return p.jump === 'LOG' ? 'LOG' : { error: 'Logging options can only be used with the LOG jump target.' };
}

export const iptablesModule = defineModule({
  name: 'iptables',
  short: 'Manage one iptables rule, a chain policy, a flush, or a chain',
  params,
  mutuallyExclusive: [
    ['set_dscp_mark', 'set_dscp_mark_class'],
    ['flush', 'policy'],
  ],
  examples: `- name: Accept SSH
  iptables:
    chain: INPUT
    protocol: tcp
    destination_port: "22"
    ctstate: [NEW]
    jump: ACCEPT
    comment: ssh
`,
  probe(p) {
    const jump = effectiveJump(p);
    const probes: Record<string, string> = { version: `${bin(p)} --version` };
    if (p.flush || typeof jump === 'object') return probes;
    if (p.chain === undefined) return probes;
    probes.list = command(p, '-L');
    if (p.policy === undefined) probes.check = command(p, '-C', ruleWords(p, jump));
    return probes;
  },
  plan(p, observed): Plan {
    const data = { ip_version: p.ip_version, table: p.table, chain: p.chain ?? null, flush: p.flush, rule: ruleWords(p).join(' '), state: p.state, chain_management: p.chain_management };
    if (!p.flush && p.chain === undefined) return { kind: 'fail', msg: 'Either chain or flush parameter must be specified.' };
    const jump = effectiveJump(p);
    if (typeof jump === 'object') return { kind: 'fail', msg: jump.error };
    if (p.jump?.toLowerCase() === 'tee' && p.gateway === undefined) return { kind: 'fail', msg: `jump is ${p.jump} but all of the following are missing: gateway` };
    const version = observed.version;
    if (version?.code !== 0) return { kind: 'fail', msg: version?.code === 127 ? `Failed to find required executable "${bin(p)}"` : (version?.stderr ?? '').trim() };
    if (p.flush) {
      const words = [bin(p), '-t', p.table, '-F', ...(p.chain === undefined ? [] : [p.chain])];
      return { kind: 'change', summary: `flush ${p.chain ?? `table ${p.table}`}`, steps: [{ cmd: shellJoin(words), describe: `flush ${p.chain ?? p.table}` }], data };
    }
    const listed = observed.list;
    if (p.policy !== undefined) {
      if (listed?.code !== 0) return { kind: 'fail', msg: (listed?.stderr ?? '').trim() };
      const current = /\(policy ([A-Z]+)\)/.exec(listed.stdout.split('\n')[0] ?? '')?.[1];
      if (current === undefined) return { kind: 'fail', msg: "Can't detect current policy" };
      if (current === p.policy) return { kind: 'ok', reason: `${p.chain ?? ''} policy is ${current}`, data };
      return { kind: 'change', summary: `${p.chain ?? ''} policy ${current} -> ${p.policy}`, steps: [{ cmd: `${command(p, '-P')} ${p.policy}`, describe: `policy ${p.policy}` }], data };
    }
    const chainPresent = listed?.code === 0;
    if (p.state === 'absent' && data.rule === '') {
      if (!chainPresent) return { kind: 'ok', reason: `no chain ${p.chain ?? ''}`, data };
      const steps = p.chain_management ? [{ cmd: command(p, '-X'), describe: `delete chain ${p.chain ?? ''}` }] : [];
      return { kind: 'change', summary: `delete chain ${p.chain ?? ''}`, steps, data };
    }
    const present = observed.check?.code === 0;
    const wanted = p.state === 'present';
    if (present === wanted) return { kind: 'ok', reason: `the rule is ${wanted ? '' : 'not '}in ${p.chain ?? ''}`, data };
    const rule = ruleWords(p, jump);
    if (!wanted) return { kind: 'change', summary: `delete the rule from ${p.chain ?? ''}`, steps: [{ cmd: command(p, '-D', rule), describe: 'iptables -D' }], data };
    const steps = [];
    if (!chainPresent && p.chain_management) steps.push({ cmd: command(p, '-N'), describe: `create chain ${p.chain ?? ''}` });
    steps.push(p.action === 'insert' ? { cmd: command(p, '-I', rule), describe: 'iptables -I' } : { cmd: command(p, '-A', rule), describe: 'iptables -A' });
    return { kind: 'change', summary: `${p.action} the rule to ${p.chain ?? ''}`, steps, data };
  },
});

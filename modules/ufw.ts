// ufw (community.general): the firewall's state, default policies, logging and rules, as Ansible's module does it:
// `ufw status verbose` and the rules files before, the ufw commands (each value one word), then both again: changed
// when they differ. The commands go in Ansible's order: state, default, rule, logging. In check mode a rule is
// tried with --dry-run and its tuples compared with the rules files.
import { Type, type Static } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
import { aliasOf, choice } from './common/schema.js';
import { defineModule, type ActResult, type HostSession } from './contract.js';
import { readLines } from './common/read-lines.js';

const params = Type.Object({
  state: Type.Optional(choice(['enabled', 'disabled', 'reloaded', 'reset'], { description: 'enabled starts ufw (and at boot), disabled stops it, reloaded reloads, reset resets.' })),
  default: Type.Optional(choice(['allow', 'deny', 'reject'], { description: 'The default policy (for direction).' })),
  policy: aliasOf('default', Type.Optional(choice(['allow', 'deny', 'reject'], { description: 'Alias of default.' }))),
  logging: Type.Optional(choice(['full', 'high', 'low', 'medium', 'off', 'on'], { description: 'Logging, and its level.' })),
  direction: Type.Optional(choice(['in', 'incoming', 'out', 'outgoing', 'routed'], { description: 'The direction of a rule (in, out) or of a default (incoming, outgoing, routed).' })),
  delete: Type.Boolean({ description: 'Delete the rule.', default: false }),
  route: Type.Boolean({ description: 'A routed (forwarded) rule.', default: false }),
  insert: Type.Optional(Type.Integer({ description: 'Insert the rule at this position (relative to insert_relative_to).' })),
  insert_relative_to: choice(['zero', 'first-ipv4', 'last-ipv4', 'first-ipv6', 'last-ipv6'], { description: 'What insert counts from.', default: 'zero' }),
  rule: Type.Optional(choice(['allow', 'deny', 'limit', 'reject'], { description: 'The rule.' })),
  interface: Type.Optional(Type.String({ description: 'The interface (with direction).' })),
  if: aliasOf('interface', Type.Optional(Type.String({ description: 'Alias of interface.' }))),
  interface_in: Type.Optional(Type.String({ description: 'The incoming interface.' })),
  if_in: aliasOf('interface_in', Type.Optional(Type.String({ description: 'Alias of interface_in.' }))),
  interface_out: Type.Optional(Type.String({ description: 'The outgoing interface.' })),
  if_out: aliasOf('interface_out', Type.Optional(Type.String({ description: 'Alias of interface_out.' }))),
  log: Type.Boolean({ description: 'Log the packets the rule matches.', default: false }),
  from_ip: Type.String({ description: 'The source address or network.', default: 'any' }),
  from: aliasOf('from_ip', Type.Optional(Type.String({ description: 'Alias of from_ip.' }))),
  src: aliasOf('from_ip', Type.Optional(Type.String({ description: 'Alias of from_ip.' }))),
  from_port: Type.Optional(Type.String({ description: 'The source port.' })),
  to_ip: Type.String({ description: 'The destination address or network.', default: 'any' }),
  dest: aliasOf('to_ip', Type.Optional(Type.String({ description: 'Alias of to_ip.' }))),
  to: aliasOf('to_ip', Type.Optional(Type.String({ description: 'Alias of to_ip.' }))),
  to_port: Type.Optional(Type.String({ description: 'The destination port (or a range, 6000:6010).' })),
  port: aliasOf('to_port', Type.Optional(Type.String({ description: 'Alias of to_port.' }))),
  proto: Type.Optional(choice(['ah', 'any', 'esp', 'ipv6', 'tcp', 'udp', 'gre', 'igmp'], { description: 'The protocol.' })),
  protocol: aliasOf('proto', Type.Optional(choice(['ah', 'any', 'esp', 'ipv6', 'tcp', 'udp', 'gre', 'igmp'], { description: 'Alias of proto.' }))),
  name: Type.Optional(Type.String({ description: 'An application profile (OpenSSH, ...).' })),
  app: aliasOf('name', Type.Optional(Type.String({ description: 'Alias of name.' }))),
  comment: Type.Optional(Type.String({ description: 'A comment on the rule.' })),
});
type Params = Static<typeof params>;

const RULES_FILES = ['/lib/ufw/user.rules', '/lib/ufw/user6.rules', '/etc/ufw/user.rules', '/etc/ufw/user6.rules', '/var/lib/ufw/user.rules', '/var/lib/ufw/user6.rules'];
const IPV4 = /((25[0-5]|(2[0-4]|1?[0-9])?[0-9])\.){3}(25[0-5]|(2[0-4]|1?[0-9])?[0-9])/;
const IPV6 = /([0-9a-fA-F]{1,4}:){1,7}|::/;

const linesWith = (re: RegExp, text: string): string => readLines(text).filter((l) => re.test(l)).join('');

/** One ufw command, LANG=C as Ansible runs it; a failure carries ufw's words. */
async function ufw(host: HostSession, argv: readonly string[], cmds: string[], ignoreError = false): Promise<string> {
  const line = argv.join(' ');
  cmds.push(line);
  const out = await host.exec(`LANG=C ${shellJoin(argv)}`);
  if (out.code !== 0 && !ignoreError) throw new UfwFailure(out.stderr || out.stdout);
  return out.stdout;
}

class UfwFailure extends Error {}

/** The rule's words after `ufw [--dry-run]`, as Ansible's module builds them. */
export function ruleWords(p: Params, rule: string, insertTo: number | undefined): string[] {
  const w: string[] = [];
  if (p.route) w.push('route');
  if (p.delete) w.push('delete');
  if (insertTo !== undefined) w.push('insert', String(insertTo));
  w.push(rule);
  if (p.direction !== undefined) w.push(p.direction);
  const iface = p.interface ?? p.if;
  const ifIn = p.interface_in ?? p.if_in;
  const ifOut = p.interface_out ?? p.if_out;
  if (iface) w.push('on', iface);
  if (ifIn) w.push('in', 'on', ifIn);
  if (ifOut) w.push('out', 'on', ifOut);
  if (p.log) w.push('log');
  const from = p.from ?? p.src ?? p.from_ip;
  const to = p.to ?? p.dest ?? p.to_ip;
  const toPort = p.to_port ?? p.port;
  if (from) w.push('from', from);
  if (p.from_port) w.push('port', p.from_port);
  if (to) w.push('to', to);
  if (toPort) w.push('port', toPort);
  const proto = p.proto ?? p.protocol;
  if (proto) w.push('proto', proto);
  const app = p.name ?? p.app;
  if (app) w.push('app', app);
  return w;
}

/** Where `insert` lands, counted from insert_relative_to over `ufw status numbered`, as Ansible counts it. */
export function insertPosition(p: Params, numbered: string): number | undefined {
  if (p.insert === undefined || p.delete) return undefined;
  if (p.insert_relative_to === 'zero') return p.insert;
  const rules = numbered
    .split('\n')
    .map((l) => [/^\[ *([0-9]+)\] /.exec(l), l.includes('(v6)')] as const)
    .filter((x): x is readonly [RegExpExecArray, boolean] => x[0] !== null)
    .map(([m, v6]) => ({ no: Number(m[1]), v6 }));
  const last = Math.max(0, ...rules.map((r) => r.no));
  const v4 = rules.filter((r) => !r.v6).map((r) => r.no);
  const hasV6 = rules.some((r) => r.v6);
  const relativeTo = {
    'first-ipv4': 1,
    'last-ipv4': v4.length > 0 ? Math.max(...v4) : 1,
    'first-ipv6': v4.length > 0 ? Math.max(...v4) + 1 : 1,
    'last-ipv6': hasV6 ? last : last + 1,
  }[p.insert_relative_to];
  const at = p.insert + relativeTo;
  return at > last ? undefined : at;
}

async function apply(p: Params, host: HostSession, check: boolean): Promise<ActResult> {
  const cmds: string[] = [];
  const preState = await ufw(host, ['ufw', 'status', 'verbose'], cmds);
  const preRules = await ufw(host, ['grep', '-h', '^### tuple', ...RULES_FILES], cmds, true);
  const dry = check ? ['--dry-run'] : [];
  let changed = false;
  const def = p.default ?? p.policy;
  if (p.state !== undefined) {
    if (p.state === 'reloaded' || p.state === 'reset') changed = true;
    const enabled = preState.includes(' active');
    if (check) changed ||= (p.state === 'disabled' && enabled) || (p.state === 'enabled' && !enabled);
    else await ufw(host, ['ufw', '-f', { enabled: 'enable', disabled: 'disable', reloaded: 'reload', reset: 'reset' }[p.state]], cmds);
  }
  if (def !== undefined) {
    if (!['outgoing', 'incoming', 'routed', undefined].includes(p.direction)) return failed('For default, direction must be one of "outgoing", "incoming" and "routed", or direction must not be specified.', cmds);
    if (check) {
      const m = /Default: (deny|allow|reject) \(incoming\), (deny|allow|reject) \(outgoing\), (deny|allow|reject|disabled) \(routed\)/.exec(preState);
      const current = m === null ? undefined : { incoming: m[1], outgoing: m[2], routed: m[3] }[(p.direction ?? 'incoming') as 'incoming' | 'outgoing' | 'routed'];
      if (current === undefined || (current !== def && current !== 'disabled')) changed = true;
    } else await ufw(host, ['ufw', 'default', def, ...(p.direction === undefined ? [] : [p.direction])], cmds);
  }
  if (p.rule !== undefined) {
    if (!['in', 'out', undefined].includes(p.direction)) return failed('For rules, direction must be one of "in" and "out", or direction must not be specified.', cmds);
    if (!p.route && (p.interface_in ?? p.if_in) && (p.interface_out ?? p.if_out)) return failed('Only route rules can combine interface_in and interface_out', cmds);
    const numbered = p.insert !== undefined && p.insert_relative_to !== 'zero' ? (await host.exec('LANG=C ufw status numbered')).stdout : '';
    const words = ruleWords(p, p.rule, insertPosition(p, numbered));
    const version = /^ufw.+(\d+)\.(\d+)(?:\.(\d+))?.*$/m.exec(await ufw(host, ['ufw', '--version'], cmds));
    if (version === null) return failed('Failed to get ufw version.', cmds);
    if (p.comment !== undefined && (Number(version[1]) > 0 || Number(version[2]) >= 35)) words.push('comment', p.comment);
    const out = await ufw(host, ['ufw', ...dry, ...words], cmds);
    if (check) {
      const lines = readLines(out);
      const skipping = lines.filter((l) => l.includes('Skipping')).length;
      if (!(skipping > 0 && skipping === lines.length)) {
        const tuples = lines.filter((l) => l.startsWith('### tuple')).join('');
        const from = p.from ?? p.src ?? p.from_ip;
        const to = p.to ?? p.dest ?? p.to_ip;
        const startsV4 = (s: string): boolean => new RegExp(`^${IPV4.source}`).test(s);
        const startsV6 = (s: string): boolean => new RegExp(`^(${IPV6.source})`).test(s);
        if (startsV4(from) || startsV4(to)) changed ||= linesWith(IPV4, preRules) !== linesWith(IPV4, tuples);
        else if (startsV6(from) || startsV6(to)) changed ||= linesWith(IPV6, preRules) !== linesWith(IPV6, tuples);
        else changed ||= preRules !== tuples;
      }
    }
  }
  if (p.logging !== undefined) {
    const m = /Logging: (on|off)(?: \(([a-z]+)\))?/.exec(preState);
    if (m === null) changed = true;
    else if (p.logging !== 'off') changed ||= m[1] === 'off' || (p.logging !== 'on' && p.logging !== m[2]);
    else changed ||= m[1] !== 'off';
    if (!check) await ufw(host, ['ufw', 'logging', p.logging], cmds);
  }
  if (check) return { status: changed ? 'changed' : 'ok', msg: '', data: { commands: cmds } };
  const postState = await ufw(host, ['ufw', 'status', 'verbose'], cmds);
  if (!changed) {
    const postRules = await ufw(host, ['grep', '-h', '^### tuple', ...RULES_FILES], cmds, true);
    changed = preState !== postState || preRules !== postRules;
  }
  const msg = postState.trimEnd();
  return { status: changed ? 'changed' : 'ok', msg, data: { commands: cmds, msg } };
}

function failed(msg: string, cmds: readonly string[]): ActResult {
  return { status: 'failed', msg, data: { commands: cmds } };
}

export const ufwModule = defineModule({
  name: 'ufw',
  aliases: ['community.general.ufw'],
  short: 'Manage the ufw firewall: its state, default policies, logging and rules',
  params,
  mutuallyExclusive: [
    ['name', 'proto', 'logging'],
    ['direction', 'interface_in'],
    ['direction', 'interface_out'],
  ],
  requiredOneOf: [['state', 'default', 'policy', 'rule', 'logging']],
  examples: `- name: SSH allowed, rate-limited
  ufw: { rule: limit, port: "22", proto: tcp }

- name: Everything else denied, the firewall on
  ufw: { state: enabled, policy: deny }
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'ufw is carried out by its act, not planned' }),
  async act(p, host, ctx) {
    if ((p.interface ?? p.if) !== undefined && p.direction === undefined) return failed('missing parameter(s) required by \'interface\': direction', []);
    try {
      return await apply(p, host, ctx.check);
    } catch (err) {
      if (err instanceof UfwFailure) return failed(err.message, []);
      throw err;
    }
  },
});


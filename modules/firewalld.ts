// firewalld (ansible.posix.firewalld): a service, port, protocol, rich rule, source, interface, masquerade, icmp
// block, forward port or target of a zone, or the zone itself, enabled or disabled in the permanent configuration
// and/or the running firewall, with firewall-cmd (firewall-offline-cmd when firewalld is not running), deciding and
// wording as Ansible's FirewallTransaction does. One probe reads both configurations.
import { Type, type Static } from '@sinclair/typebox';
import { quote, shellJoin } from '../engine/core/quote.js';
import { choice } from './common/schema.js';
import { defineModule, type Plan, type Step } from './contract.js';
import { firewallItem, NOT_PERMANENT, operationWords, type FirewallItem } from './support/firewalld-item.js';

const str = (description: string) => Type.Optional(Type.String({ description }));

const params = Type.Object({
  service: str('A service name, as firewall-cmd --get-services lists them.'),
  port: str('A port or range with its protocol: 8080/tcp, 6000-6010/udp.'),
  protocol: str('A protocol name or number.'),
  rich_rule: str('A rich rule, in firewalld\'s rich language.'),
  source: str('A source address or network (needs permanent).'),
  interface: str('A network interface (needs zone): moved into the zone.'),
  masquerade: str('yes or no: masquerading of the zone.'),
  icmp_block: str('An ICMP type to block.'),
  icmp_block_inversion: str('yes or no: inversion of the zone\'s ICMP blocks.'),
  port_forward: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'One forward port: port, proto, toport and optionally toaddr.' })),
  target: Type.Optional(choice(['default', 'ACCEPT', 'DROP', '%%REJECT%%'], { description: 'The zone\'s target (needs zone and permanent).' })),
  zone: str('The zone; the default zone when omitted.'),
  permanent: Type.Optional(Type.Boolean({ description: 'Change the permanent configuration.' })),
  immediate: Type.Boolean({ description: 'Change the running firewall too (the default when permanent is not set).', default: false }),
  state: choice(['absent', 'disabled', 'enabled', 'present'], { description: 'enabled/disabled for what the task names; present/absent for a zone itself (or its target).' }),
  timeout: Type.Integer({ description: 'Seconds an immediate addition lasts (0: until reload).', default: 0 }),
  offline: Type.Optional(Type.Boolean({ description: 'Accepted for compatibility: kplay works offline whenever firewalld is not running.' })),
});

type Params = Static<typeof params>;

/** What the task works on: one item of a zone, the zone's target, or the zone itself. */
type Subject = { readonly kind: 'item'; readonly item: FirewallItem } | { readonly kind: 'target'; readonly target: string } | { readonly kind: 'zone' };

/** The probe: online or offline, the zone, then the permanent and running state of the subject. */
function probeScript(p: Params, subject: Subject): string {
  const lines = [
    'command -v firewall-cmd >/dev/null 2>&1 || { echo nofw; exit 0; }',
    'if firewall-cmd --state >/dev/null 2>&1; then echo online; fc=firewall-cmd; perm=--permanent; else echo offline; fc=firewall-offline-cmd; perm=; fi',
    p.zone !== undefined ? `zone=${quote(p.zone)}` : 'zone=$("$fc" --get-default-zone) || exit 1',
    `printf 'zone %s\\n' "$zone"`,
    'e=$(mktemp) || exit 1',
    `trap 'rm -f "$e"' EXIT`,
    // a query exits 0 (yes) or 1 (no); anything else is firewalld's error, printed for the plan
    'q() { what=$1; shift; "$@" >/dev/null 2>"$e"; rc=$?; printf \'%s %s\\n\' "$what" "$rc"; [ "$rc" -le 1 ] || sed "s/^/${what}_err /" "$e"; }',
  ];
  if (subject.kind === 'item') {
    const query = quote(`--query-${subject.item.option}`);
    lines.push(`q perm "$fc" $perm --zone="$zone" ${query}`);
    lines.push(`[ "$fc" = firewall-cmd ] && q now firewall-cmd --zone="$zone" ${query}`);
  } else if (subject.kind === 'target') {
    lines.push(`printf 'target %s\\n' "$("$fc" $perm --zone="$zone" --get-target 2>&1)"`);
  } else {
    lines.push(`printf 'zones %s\\n' "$("$fc" $perm --get-zones 2>&1)"`);
  }
  lines.push('exit 0');
  return lines.join('\n');
}

function subjectOf(p: Params, zone: string): Subject | string {
  const item = firewallItem(p, zone);
  if (typeof item === 'string') return item;
  if (item !== undefined) return { kind: 'item', item };
  if (p.target !== undefined) return { kind: 'target', target: p.target };
  return { kind: 'zone' };
}

/** A parameter another needs, missing (Ansible's required_by, checked before anything else); or undefined. */
function requiredByProblem(p: Params): string | undefined {
  if (p.interface !== undefined && p.zone === undefined) return "missing parameter(s) required by 'interface': zone";
  if (p.target !== undefined && p.zone === undefined) return "missing parameter(s) required by 'target': zone";
  if (p.source !== undefined && p.permanent === undefined) return "missing parameter(s) required by 'source': permanent";
  return undefined;
}

interface Observed {
  readonly online: boolean;
  readonly zone: string;
  readonly lines: ReadonlyMap<string, string>;
  readonly errors: readonly string[];
}

function readProbe(stdout: string): Observed | 'nofw' {
  const lines = new Map<string, string>();
  const errors: string[] = [];
  let online = false;
  for (const line of stdout.split('\n')) {
    if (line === 'nofw') return 'nofw';
    if (line === 'online') online = true;
    const sp = line.indexOf(' ');
    if (sp < 0) continue;
    const key = line.slice(0, sp);
    if (key.endsWith('_err')) errors.push(line.slice(sp + 1).replace(/^Error: /, ''));
    else lines.set(key, line.slice(sp + 1));
  }
  return { online, zone: lines.get('zone') ?? '', lines, errors };
}

/** firewalld's error as Ansible's action_handler words it (with its hint for an unknown service). */
function errorMessage(errors: readonly string[]): string {
  const e = errors.join('\n');
  const hint = e.includes('INVALID_SERVICE') ? ' Services are defined by port/tcp relationship and named as they are in /etc/services (on most systems)' : '';
  return `ERROR: Exception caught: ${e}${hint}`;
}

const FAILED_LIB = 'firewalld is not installed on the host (no firewall-cmd). Version 0.2.11 or newer required (0.3.9 or newer for offline operations)';

export const firewalldModule = defineModule({
  name: 'firewalld',
  aliases: ['ansible.posix.firewalld'],
  short: 'Enable or disable a service, port, rule, source, interface or masquerading of a firewalld zone (permanent and/or running), or add or remove a zone',
  params,
  mutuallyExclusive: [['icmp_block', 'icmp_block_inversion', 'service', 'protocol', 'port', 'port_forward', 'rich_rule', 'interface', 'masquerade', 'source', 'target']],
  examples: `- name: Open HTTPS now and after a reload
  firewalld:
    service: https
    permanent: true
    immediate: true
    state: enabled

- name: A port in the internal zone
  ansible.posix.firewalld: { port: 8443/tcp, zone: internal, permanent: true, state: enabled }
`,
  probe(p): Record<string, string> {
    const subject = subjectOf(p, p.zone ?? '');
    return typeof subject === 'string' || requiredByProblem(p) !== undefined ? {} : { fw: probeScript(p, subject) };
  },
  plan(p, observed, ctx): Plan {
    const required = requiredByProblem(p);
    if (required !== undefined) return { kind: 'fail', msg: required };
    const out = observed.fw;
    // a port without its protocol: no probe was made
    const early = subjectOf(p, p.zone ?? '');
    if (out === undefined) return { kind: 'fail', msg: typeof early === 'string' ? early : 'the firewall was not read' };
    const seen = readProbe(out.stdout);
    if (seen === 'nofw') return { kind: 'fail', msg: FAILED_LIB };
    if (out.code !== 0) return { kind: 'fail', msg: `firewall-cmd failed: ${out.stderr.trim()}` };
    const permanent = p.permanent === true;
    // neither permanent nor immediate: immediate, as the module's documentation says
    const immediate = p.immediate || !permanent;
    if (immediate && !seen.online) return { kind: 'fail', msg: 'firewall is not currently running, unable to perform immediate actions without a running firewall daemon' };
    const subject = subjectOf(p, seen.zone);
    if (typeof subject === 'string') return { kind: 'fail', msg: subject };
    if (subject.kind === 'item' && (p.state === 'absent' || p.state === 'present')) return { kind: 'fail', msg: 'absent and present state can only be used in zone level operations' };
    return planSubject(subject, p, seen, permanent, immediate, ctx.check);
  },
});

function planSubject(subject: Subject, p: Params, seen: Observed, permanent: boolean, immediate: boolean, check: boolean): Plan {
  if (seen.errors.length > 0) {
    // an unknown service, permanent only: Ansible's settings call fails after its words, with firewalld's D-Bus text
    const unknownService = p.service !== undefined && permanent && !immediate && seen.online && seen.errors.some((e) => e.startsWith('INVALID_SERVICE'));
    const errors = unknownService ? [`org.fedoraproject.FirewallD1.Exception: INVALID_SERVICE: Zone '${seen.zone}': '${p.service ?? ''}' not among existing services ${operationWords(true, false)},`] : seen.errors;
    return { kind: 'fail', msg: errorMessage(errors) };
  }
  const fc = seen.online ? 'firewall-cmd' : 'firewall-offline-cmd';
  const perm = seen.online ? ['--permanent'] : [];
  const zone = `--zone=${seen.zone}`;
  const offline = seen.online ? [] : ['(offline operation: only on-disk configs were altered)'];
  const words = [operationWords(permanent, immediate)];
  const result = (changed: boolean, after: readonly string[], steps: Step[]): Plan => {
    const msg = [...words, ...(changed ? after : []), ...offline].join(', ');
    // a predicted change returns no words in Ansible (exit_json(changed=True))
    return changed ? { kind: 'change', summary: msg, steps, data: { msg: check ? '' : msg } } : { kind: 'ok', reason: msg, data: { msg } };
  };
  if (subject.kind !== 'item') {
    if (immediate) return { kind: 'fail', msg: NOT_PERMANENT };
    if (subject.kind === 'target') {
      const want = p.state === 'enabled' || p.state === 'present' ? subject.target : 'default';
      const have = seen.lines.get('target') ?? '';
      const done = want === 'default' ? `Reset zone ${seen.zone} target to default` : `Set zone ${seen.zone} target to ${subject.target}`;
      return result(have !== want, [done], [{ cmd: shellJoin([fc, ...perm, zone, `--set-target=${want}`]), describe: `set the target of zone ${seen.zone} to ${want}` }]);
    }
    const exists = (seen.lines.get('zones') ?? '').split(/\s+/).includes(seen.zone);
    const want = p.state === 'present';
    const verb = want ? `--new-zone=${seen.zone}` : `--delete-zone=${seen.zone}`;
    return result(exists !== want, [`${want ? 'Added' : 'Removed'} zone ${seen.zone}`, `Changed zone ${seen.zone} to ${p.state}`], [{ cmd: shellJoin([fc, ...perm, verb]), describe: `${want ? 'add' : 'remove'} zone ${seen.zone}` }]);
  }
  const item = subject.item;
  const enabled = item.want === 'enabled';
  const on = (where: 'perm' | 'now'): boolean => seen.lines.get(where) === '0';
  const steps: Step[] = [];
  const act = (extra: readonly string[], isPermanent: boolean): Step => {
    const verb = enabled ? (item.moves ? `--change-${item.option}` : `--add-${item.option}`) : `--remove-${item.option}`;
    const timeout = enabled && !isPermanent && item.timed && p.timeout > 0 ? [`--timeout=${p.timeout}`] : [];
    return { cmd: shellJoin([fc, ...extra, zone, verb, ...timeout]), describe: `${enabled ? 'enable' : 'disable'} ${item.option} in zone ${seen.zone}${isPermanent ? ' (permanent)' : ''}` };
  };
  if (permanent && on('perm') !== enabled) steps.push(act(perm, true));
  if (immediate && on('now') !== enabled) steps.push(act([], false));
  const after = [item.doneMsg, item.changedMsg].filter((m): m is string => m !== undefined);
  return result(steps.length > 0, after, steps);
}

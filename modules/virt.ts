// virt: libvirt guests through `virsh` on the host: define (idempotent on normalised XML), state, autostart, facts.
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { operand } from './common/schema.js';
import { defineModule, type Observed, type Plan, type Step } from './contract.js';
import { ansibleState, planDomainState } from './support/domain-state.js';
import { DOMAIN, defineStep, manageTarget, objectName, wouldDo as wouldDoOf } from './support/libvirt-define.js';
import { inheritGenerated, libvirtXmlDifference } from './support/libvirt-xml.js';
import { classifyVirsh, libvirtMissing, parseVirshNames, parseVirshTable, virsh } from './support/virsh.js';

const params = Type.Object({
  name: Type.Optional(operand('Name of the guest. Required unless command is list_vms or info, or xml holds a <name>.')),
  state: Type.Optional(
    Type.Union([Type.Literal('running'), Type.Literal('shutdown'), Type.Literal('destroyed'), Type.Literal('paused'), Type.Literal('undefined')], {
      description:
        'Wanted state of the guest. shutdown sends an ACPI shutdown and waits shutdown_timeout seconds; destroyed powers it off at once; undefined removes its definition (destroying it first when it runs).',
    }),
  ),
  command: Type.Optional(
    Type.Union([Type.Literal('define'), Type.Literal('list_vms'), Type.Literal('info'), Type.Literal('get_xml'), Type.Literal('status')], {
      description:
        'define: define (or redefine) the guest from xml. list_vms, info, get_xml, status: read-only, return data (with state, list_vms lists only guests in that state).',
    }),
  ),
  xml: Type.Optional(
    Type.String({
      description:
        'Domain XML to define. Idempotent: only what this XML specifies is compared with the inactive definition; the uuid, MAC addresses and defaults libvirt adds are ignored and kept on redefinition.',
    }),
  ),
  autostart: Type.Optional(Type.Boolean({ description: 'Start the guest when the host boots.' })),
  uri: Type.String({ description: 'libvirt connection URI.', default: 'qemu:///system' }),
  shutdown_timeout: Type.Integer({
    description: 'With state shutdown: seconds to wait for the guest to power off after the ACPI request (0: do not wait).',
    default: 60,
    minimum: 0,
  }),
  force: Type.Boolean({
    description: 'With state shutdown: destroy the guest when it has not powered off after shutdown_timeout (guests that ignore ACPI).',
    default: false,
  }),
});
type Params = Static<typeof params>;

const READ_ONLY = new Set(['list_vms', 'info', 'get_xml', 'status']);

export const virtModule = defineModule({
  name: 'virt',
  short: 'Manage libvirt guests (define, start, stop, autostart) and read their state through virsh',
  examples: `- name: Define and start a guest
  virt:
    name: demo
    xml: "{{ lookup('template', 'demo.xml.j2') }}"
    state: running
    autostart: true

- name: Shut a guest down, forcing it off after 2 minutes
  virt:
    name: demo
    state: shutdown
    shutdown_timeout: 120
    force: true

- name: List running guests
  virt:
    command: list_vms
    state: running
  register: running_vms
`,
  params,
  probe(p) {
    const probes: Record<string, string> = {};
    const name = objectName(p);
    if (p.command === 'list_vms') probes.list = virsh(p.uri, 'list', '--name', ...listFilter(p.state));
    else if (p.command === 'info' && name === undefined) {
      const v = virsh(p.uri).trimEnd();
      probes.list = `names=$(${v} list --all --name) || exit $?
printf '%s\\n' "$names" | while IFS= read -r d; do [ -n "$d" ] || continue; printf '### %s\\n' "$d"; ${v} dominfo "$d"; done`;
    } else if (name !== undefined) {
      probes.dominfo = virsh(p.uri, 'dominfo', name);
      if (p.xml !== undefined) probes.xml = virsh(p.uri, 'dumpxml', '--inactive', name);
      if (p.command === 'get_xml') probes.xml = virsh(p.uri, 'dumpxml', name);
    }
    return probes;
  },
  plan(p, observed) {
    if (p.command !== undefined && READ_ONLY.has(p.command)) return readOnly(p, observed);
    return manage(p, observed);
  },
});

function listFilter(state: Params['state']): string[] {
  if (state === 'running') return ['--state-running'];
  if (state === 'paused') return ['--state-paused'];
  if (state === 'shutdown' || state === 'destroyed') return ['--state-shutoff'];
  return ['--all'];
}

function readOnly(p: Params, observed: Observed): Plan {
  const name = objectName(p);
  const command = p.command ?? 'info';
  const probe = classifyVirsh(observed.list ?? observed.dominfo);
  const wouldDo = `${command} ${name ?? 'guests'}`;
  if (probe.kind === 'no-virsh' || probe.kind === 'no-daemon') return libvirtMissing(probe, p.uri, wouldDo);
  if (probe.kind === 'not-found') return { kind: 'fail', msg: `guest ${name ?? ''} is not defined (${p.uri})` };
  if (probe.kind === 'error') return { kind: 'fail', msg: probe.msg };
  if (command === 'list_vms') {
    const names = parseVirshNames(probe.stdout);
    return { kind: 'ok', reason: `${names.length} guest${names.length === 1 ? '' : 's'}`, data: { list_vms: names } };
  }
  if (command === 'status') {
    const state = ansibleState(parseVirshTable(probe.stdout).State ?? '');
    return { kind: 'ok', reason: `guest ${name ?? ''} is ${state}`, data: { status: state } };
  }
  if (command === 'get_xml') {
    const xml = classifyVirsh(observed.xml);
    if (xml.kind !== 'ok') return { kind: 'fail', msg: xml.kind === 'error' || xml.kind === 'no-daemon' ? xml.msg : `cannot read the XML of ${name ?? ''}` };
    return { kind: 'ok', reason: `XML of guest ${name ?? ''}`, data: { get_xml: xml.stdout } };
  }
  // guests are named by users: `__proto__` is a guest like any other
  const info: Record<string, DomainInfo> = dict();
  if (name !== undefined) info[name] = domainInfo(parseVirshTable(probe.stdout));
  else for (const [n, table] of splitSections(probe.stdout)) info[n] = domainInfo(parseVirshTable(table));
  return { kind: 'ok', reason: `information on ${Object.keys(info).length} guest(s)`, data: { info } };
}

interface DomainInfo {
  readonly state: string;
  readonly autostart: boolean;
  readonly persistent: boolean;
  readonly uuid: string;
  readonly memory_kib: number;
  readonly max_memory_kib: number;
  readonly vcpus: number;
}

function domainInfo(t: Record<string, string>): DomainInfo {
  return {
    state: ansibleState(t.State ?? ''),
    autostart: t.Autostart === 'enable',
    persistent: t.Persistent === 'yes',
    uuid: t.UUID ?? '',
    memory_kib: Number.parseInt(t['Used memory'] ?? '0', 10),
    max_memory_kib: Number.parseInt(t['Max memory'] ?? '0', 10),
    vcpus: Number.parseInt(t['CPU(s)'] ?? '0', 10),
  };
}

/** "### name" headed sections of the info-for-all probe. */
function splitSections(stdout: string): [string, string][] {
  return stdout
    .split(/^### /m)
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const nl = s.indexOf('\n');
      return [s.slice(0, nl < 0 ? s.length : nl).trim(), nl < 0 ? '' : s.slice(nl + 1)];
    });
}

function manage(p: Params, observed: Observed): Plan {
  const target = manageTarget(DOMAIN, p);
  if ('fail' in target) return { kind: 'fail', msg: target.fail };
  const { name } = target;
  const defining = p.xml !== undefined;
  const wouldDo = wouldDoOf(DOMAIN, name, defining, p);
  const probe = classifyVirsh(observed.dominfo);
  if (probe.kind === 'no-virsh' || probe.kind === 'no-daemon') return libvirtMissing(probe, p.uri, wouldDo);
  if (probe.kind === 'error') return { kind: 'fail', msg: probe.msg };
  const exists = probe.kind === 'ok';
  const info = probe.kind === 'ok' ? parseVirshTable(probe.stdout) : {};

  if (!exists && p.state === 'undefined') return { kind: 'ok', reason: `guest ${name} is not defined` };
  if (!exists && !defining) {
    return { kind: 'fail', msg: `guest ${name} is not defined (${p.uri}): give its xml to define it`, missingPrerequisite: wouldDo };
  }

  const steps: Step[] = [];
  const changes: string[] = [];
  const stateNow = info.State ?? 'shut off';
  if (p.xml !== undefined && p.state !== 'undefined') {
    if (!exists) {
      steps.push(defineStep(DOMAIN, p.uri, name, p.xml));
      changes.push(`define ${name}`);
    } else {
      const current = classifyVirsh(observed.xml);
      if (current.kind !== 'ok') return { kind: 'fail', msg: current.kind === 'error' || current.kind === 'no-daemon' ? current.msg : `cannot read the definition of ${name}` };
      const difference = libvirtXmlDifference(p.xml, current.stdout);
      if (difference !== undefined) {
        const xml = inheritGenerated(p.xml, current.stdout, ['uuid', 'devices/interface/mac']);
        steps.push(defineStep(DOMAIN, p.uri, name, xml));
        changes.push(`redefine ${name} (${difference})${stateNow === 'shut off' ? '' : ': takes effect when the guest next boots'}`);
      }
    }
  }
  if (p.state !== undefined) {
    const s = planDomainState(p.uri, name, stateNow, p.state, { timeout: p.shutdown_timeout, force: p.force });
    steps.push(...s.steps);
    changes.push(...s.changes);
  }
  if (p.autostart !== undefined && p.state !== 'undefined' && (info.Autostart === 'enable') !== p.autostart) {
    steps.push({ cmd: p.autostart ? virsh(p.uri, 'autostart', name) : virsh(p.uri, 'autostart', '--disable', name), describe: `${p.autostart ? 'enable' : 'disable'} autostart of ${name}` });
    changes.push(`autostart ${p.autostart ? 'on' : 'off'}`);
  }
  const data = { name, state: exists ? ansibleState(stateNow) : 'undefined', autostart: info.Autostart === 'enable' };
  if (steps.length === 0) return { kind: 'ok', reason: okReason(name, p, stateNow), data };
  return { kind: 'change', summary: changes.join(', '), steps, data };
}

function okReason(name: string, p: Params, stateNow: string): string {
  const parts = [`guest ${name} is ${p.xml !== undefined ? 'defined as given' : 'defined'}`];
  if (p.state !== undefined) parts.push(`is ${ansibleState(stateNow)}`);
  if (p.autostart !== undefined) parts.push(`autostart ${p.autostart ? 'on' : 'off'}`);
  return parts.join(', ');
}

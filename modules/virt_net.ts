// virt_net: libvirt networks through `virsh` on the host: define (idempotent on normalised XML), start, stop,
// autostart, undefine, and read-only listing.
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { operand } from './common/schema.js';
import { defineModule, type Observed, type Plan, type Step } from './contract.js';
import { NETWORK, defineStep, manageTarget, objectName, wouldDo as wouldDoOf } from './support/libvirt-define.js';
import { inheritGenerated, libvirtXmlDifference } from './support/libvirt-xml.js';
import { classifyVirsh, libvirtMissing, parseVirshNames, parseVirshTable, virsh } from './support/virsh.js';

const params = Type.Object({
  name: Type.Optional(operand('Name of the network. Required unless command is list_nets, or xml holds a <name>.')),
  state: Type.Optional(
    Type.Union([Type.Literal('present'), Type.Literal('active'), Type.Literal('inactive'), Type.Literal('absent')], {
      description: 'present: defined (from xml when missing or different); active: defined and started; inactive: stopped; absent: stopped and undefined.',
    }),
  ),
  command: Type.Optional(
    Type.Union([Type.Literal('define'), Type.Literal('list_nets'), Type.Literal('info'), Type.Literal('get_xml')], {
      description: 'define: define (or redefine) the network from xml. list_nets, info, get_xml: read-only, return data.',
    }),
  ),
  xml: Type.Optional(
    Type.String({
      description: 'Network XML to define. Idempotent: only what this XML specifies is compared; the uuid, bridge MAC and defaults libvirt adds are ignored and kept.',
    }),
  ),
  autostart: Type.Optional(Type.Boolean({ description: 'Start the network when the host boots.' })),
  uri: Type.String({ description: 'libvirt connection URI.', default: 'qemu:///system' }),
});
type Params = Static<typeof params>;

export const virtNetModule = defineModule({
  name: 'virt_net',
  short: 'Manage libvirt networks (define, start, stop, autostart, undefine) through virsh',
  examples: `- name: Define, start and autostart an isolated network
  virt_net:
    name: labnet
    xml: |
      <network>
        <name>labnet</name>
        <bridge name='virbr10'/>
        <ip address='192.168.110.1' netmask='255.255.255.0'/>
      </network>
    state: active
    autostart: true

- name: List networks
  virt_net:
    command: list_nets
  register: nets
`,
  params,
  probe(p) {
    if (p.command === 'list_nets') return { list: virsh(p.uri, 'net-list', '--all', '--name') };
    const name = objectName(p);
    if (name === undefined) return {};
    const probes: Record<string, string> = { info: virsh(p.uri, 'net-info', name) };
    if (p.xml !== undefined) probes.xml = virsh(p.uri, 'net-dumpxml', '--inactive', name);
    if (p.command === 'get_xml') probes.xml = virsh(p.uri, 'net-dumpxml', name);
    return probes;
  },
  plan(p, observed) {
    if (p.command === 'list_nets' || p.command === 'info' || p.command === 'get_xml') return readOnly(p, observed);
    return manage(p, observed);
  },
});

function readOnly(p: Params, observed: Observed): Plan {
  const name = objectName(p);
  if (p.command !== 'list_nets' && name === undefined) return { kind: 'fail', msg: `command ${p.command ?? ''} needs name` };
  const probe = classifyVirsh(observed.list ?? observed.info);
  if (probe.kind === 'no-virsh' || probe.kind === 'no-daemon') return libvirtMissing(probe, p.uri, `${p.command ?? 'info'} ${name ?? 'networks'}`);
  if (probe.kind === 'not-found') return { kind: 'fail', msg: `network ${name ?? ''} is not defined (${p.uri})` };
  if (probe.kind === 'error') return { kind: 'fail', msg: probe.msg };
  if (p.command === 'list_nets') {
    const names = parseVirshNames(probe.stdout);
    return { kind: 'ok', reason: `${names.length} network${names.length === 1 ? '' : 's'}`, data: { list_nets: names } };
  }
  if (p.command === 'get_xml') {
    const xml = classifyVirsh(observed.xml);
    if (xml.kind !== 'ok') return { kind: 'fail', msg: `cannot read the XML of network ${name ?? ''}` };
    return { kind: 'ok', reason: `XML of network ${name ?? ''}`, data: { get_xml: xml.stdout } };
  }
  const t = parseVirshTable(probe.stdout);
  const info = { name: t.Name ?? name, uuid: t.UUID ?? '', active: t.Active === 'yes', persistent: t.Persistent === 'yes', autostart: t.Autostart === 'yes', bridge: t.Bridge ?? '' };
  return { kind: 'ok', reason: `network ${name ?? ''} is ${info.active ? 'active' : 'inactive'}`, data: { info } };
}

function manage(p: Params, observed: Observed): Plan {
  const target = manageTarget(NETWORK, p);
  if ('fail' in target) return { kind: 'fail', msg: target.fail };
  const { name } = target;
  const defining = p.xml !== undefined && p.state !== 'absent';
  const wouldDo = wouldDoOf(NETWORK, name, defining, p);
  const probe = classifyVirsh(observed.info);
  if (probe.kind === 'no-virsh' || probe.kind === 'no-daemon') return libvirtMissing(probe, p.uri, wouldDo);
  if (probe.kind === 'error') return { kind: 'fail', msg: probe.msg };
  const exists = probe.kind === 'ok';
  const t = probe.kind === 'ok' ? parseVirshTable(probe.stdout) : {};
  const active = t.Active === 'yes';
  const step = (describe: string, ...args: string[]): Step => ({ cmd: virsh(p.uri, ...args, name), describe });

  if (p.state === 'absent') {
    if (!exists) return { kind: 'ok', reason: `network ${name} is not defined` };
    const steps: Step[] = [];
    if (active) steps.push(step(`stop network ${name}`, 'net-destroy'));
    if (t.Persistent !== 'no') steps.push(step(`undefine network ${name}`, 'net-undefine'));
    return { kind: 'change', summary: `remove network ${name}`, steps };
  }
  if (!exists && !defining) {
    if (p.state === 'inactive') return { kind: 'ok', reason: `network ${name} is not defined, so not active` };
    return { kind: 'fail', msg: `network ${name} is not defined (${p.uri}): give its xml to define it`, missingPrerequisite: wouldDo };
  }

  const steps: Step[] = [];
  const changes: string[] = [];
  if (p.xml !== undefined) {
    if (!exists) {
      steps.push(defineStep(NETWORK, p.uri, name, p.xml));
      changes.push(`define ${name}`);
    } else {
      const current = classifyVirsh(observed.xml);
      if (current.kind !== 'ok') return { kind: 'fail', msg: `cannot read the definition of network ${name}` };
      const difference = libvirtXmlDifference(p.xml, current.stdout);
      if (difference !== undefined) {
        const xml = inheritGenerated(p.xml, current.stdout, ['uuid', 'mac', 'bridge']);
        steps.push(defineStep(NETWORK, p.uri, name, xml));
        changes.push(`redefine ${name} (${difference})${active ? ': takes effect when the network restarts' : ''}`);
      }
    }
  }
  if (p.state === 'active' && !active) {
    steps.push(step(`start network ${name}`, 'net-start'));
    changes.push(`start ${name}`);
  }
  if (p.state === 'inactive' && active) {
    steps.push(step(`stop network ${name}`, 'net-destroy'));
    changes.push(`stop ${name}`);
  }
  if (p.autostart !== undefined && (t.Autostart === 'yes') !== p.autostart) {
    steps.push(p.autostart ? step(`enable autostart of network ${name}`, 'net-autostart') : step(`disable autostart of network ${name}`, 'net-autostart', '--disable'));
    changes.push(`autostart ${p.autostart ? 'on' : 'off'}`);
  }
  const data = { name, active, autostart: t.Autostart === 'yes' };
  if (steps.length === 0) {
    const parts = [`network ${name} is defined${p.xml !== undefined ? ' as given' : ''}`, active ? 'active' : 'inactive'];
    if (p.autostart !== undefined) parts.push(`autostart ${p.autostart ? 'on' : 'off'}`);
    return { kind: 'ok', reason: parts.join(', '), data };
  }
  return { kind: 'change', summary: changes.join(', '), steps, data };
}

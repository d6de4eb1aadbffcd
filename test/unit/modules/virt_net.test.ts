// virt_net: plans from virsh outputs as data, redefinition keeping generated parts, info data.
import { describe, expect, it } from 'vitest';
import { libvirtXmlDifference } from '../../../modules/support/libvirt-xml.js';
import { virtNetModule } from '../../../modules/virt_net.js';
import { fixture, itPlans, observed, planContext, withDefaults, type PlanCase } from './fixtures/kvm/harness.js';
import * as v from './fixtures/kvm/virsh-outputs.js';

const wanted = fixture('network-labnet.xml');
const stored = fixture('network-labnet-inactive.xml');
const V = 'virsh -c qemu:///system';

const cases: readonly PlanCase[] = [
  {
    name: 'define, start and autostart a new network',
    params: { xml: wanted, state: 'active', autostart: true },
    observed: { info: { code: 1, stderr: v.networkNotFound }, xml: { code: 1, stderr: v.networkNotFound } },
    expected: { kind: 'change', cmds: [`${V} net-define /dev/stdin`, `${V} net-start labnet`, `${V} net-autostart labnet`], stdin: [wanted, undefined, undefined] },
  },
  {
    name: 'same network with uuid, bridge, MAC and NAT defaults, active: ok',
    params: { xml: wanted, state: 'active', autostart: false },
    observed: { info: v.netInfoActive, xml: stored },
    expected: { kind: 'ok', reason: 'network labnet is defined as given, active, autostart off' },
  },
  {
    name: 'changed DHCP range: redefine, applies on restart',
    params: { xml: wanted.replace('.100', '.200'), state: 'active' },
    observed: { info: v.netInfoActive, xml: stored },
    expected: { kind: 'change', cmds: [`${V} net-define /dev/stdin`], summary: /takes effect when the network restarts/ },
  },
  { name: 'inactive -> active', params: { name: 'labnet', state: 'active' }, observed: { info: v.netInfoInactive }, expected: { kind: 'change', cmds: [`${V} net-start labnet`] } },
  { name: 'active -> inactive', params: { name: 'labnet', state: 'inactive' }, observed: { info: v.netInfoActive }, expected: { kind: 'change', cmds: [`${V} net-destroy labnet`] } },
  { name: 'absent: stop then undefine', params: { name: 'labnet', state: 'absent' }, observed: { info: v.netInfoActive }, expected: { kind: 'change', cmds: [`${V} net-destroy labnet`, `${V} net-undefine labnet`] } },
  { name: 'absent, not defined: ok', params: { name: 'labnet', state: 'absent' }, observed: { info: { code: 1, stderr: v.networkNotFound } }, expected: { kind: 'ok', reason: 'network labnet is not defined' } },
  {
    name: 'active without xml for a missing network: fail, may be defined earlier',
    params: { name: 'labnet', state: 'active' },
    observed: { info: { code: 1, stderr: v.networkNotFound } },
    expected: { kind: 'fail', msg: /not defined/, missingPrerequisite: 'active (network labnet)' },
  },
  {
    name: 'libvirtd not running: predicted in check mode',
    params: { xml: wanted, state: 'active' },
    observed: { info: { code: 1, stderr: v.noSocket }, xml: { code: 1, stderr: v.noSocket } },
    expected: { kind: 'fail', msg: /cannot connect to libvirt/, missingPrerequisite: /define labnet, active/ },
  },
  { name: 'list_nets', params: { command: 'list_nets' }, observed: { list: 'default\nlabnet\n' }, expected: { kind: 'ok', reason: '2 networks' } },
  { name: 'info', params: { name: 'labnet', command: 'info' }, observed: { info: v.netInfoActive }, expected: { kind: 'ok', reason: 'network labnet is active' } },
];

const params = (p: Record<string, unknown>): never => withDefaults(virtNetModule, p);

describe('virt_net plan', () => {
  itPlans(virtNetModule, cases);

  it('a redefinition keeps uuid, bridge and MAC', () => {
    const plan = virtNetModule.plan(params({ xml: wanted.replace('.100', '.200') }), observed({ info: v.netInfoInactive, xml: stored }), planContext());
    const stdin = plan.kind === 'change' ? String(plan.steps[0]?.stdin) : '';
    expect(stdin).toContain('<uuid>8f1e2ad0-6d64-4b0e-9d4c-3a2b1c0d9e8f</uuid>');
    expect(stdin).toContain("<bridge name='virbr1' stp='on' delay='0'/>");
    expect(stdin).toContain("<mac address='52:54:00:1f:a2:7c'/>");
  });

  it('the stored network compares equal to the user XML', () => {
    expect(libvirtXmlDifference(wanted, stored)).toBeUndefined();
    expect(libvirtXmlDifference(wanted.replace("mode='nat'", "mode='route'"), stored)).toBe('/network/forward/@mode: wanted "route", found "nat"');
  });

  it('info data', () => {
    const plan = virtNetModule.plan(params({ name: 'labnet', command: 'info' }), observed({ info: v.netInfoActive }), planContext());
    expect(plan.data).toEqual({ info: { name: 'labnet', uuid: '8f1e2ad0-6d64-4b0e-9d4c-3a2b1c0d9e8f', active: true, persistent: true, autostart: false, bridge: 'virbr1' } });
  });

  it('documents every parameter', () => {
    for (const [k, s] of Object.entries(virtNetModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
  });
});

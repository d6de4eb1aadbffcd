// The parameter checks virt and virt_net share: every message pinned, for a guest and for a network.
import { describe, expect, it } from 'vitest';
import { DOMAIN, NETWORK, defineStep, manageTarget, objectName, wouldDo, type DefineParams, type LibvirtKind } from '../../../modules/support/libvirt-define.js';

const domain = '<domain type="kvm"><name>demo</name></domain>';
const network = '<network><name>labnet</name></network>';

const targets: readonly { name: string; kind: LibvirtKind; params: DefineParams; expected: { name: string } | { fail: string } }[] = [
  { name: 'define without xml', kind: DOMAIN, params: { name: 'demo', command: 'define' }, expected: { fail: 'command define needs xml' } },
  { name: 'nothing asked', kind: NETWORK, params: { name: 'labnet' }, expected: { fail: 'expected state, command, autostart or xml' } },
  { name: 'broken xml', kind: DOMAIN, params: { xml: '<domain>' }, expected: { fail: expect.stringMatching(/^xml: /) as unknown as string } },
  { name: 'network xml for a guest', kind: DOMAIN, params: { xml: network }, expected: { fail: 'xml: the root element is <network>, not <domain>' } },
  { name: 'guest xml for a network', kind: NETWORK, params: { xml: domain }, expected: { fail: 'xml: the root element is <domain>, not <network>' } },
  { name: 'domain without a name', kind: DOMAIN, params: { xml: '<domain/>' }, expected: { fail: 'xml: the domain has no <name>' } },
  { name: 'network without a name', kind: NETWORK, params: { xml: '<network/>' }, expected: { fail: 'xml: the network has no <name>' } },
  { name: 'name differs', kind: NETWORK, params: { name: 'other', xml: network }, expected: { fail: 'xml: <name>labnet</name> differs from name other' } },
  { name: 'no name at all', kind: DOMAIN, params: { state: 'running' }, expected: { fail: 'name is required (or an xml with a <name>)' } },
  { name: 'name from the xml', kind: NETWORK, params: { xml: network, state: 'active' }, expected: { name: 'labnet' } },
  { name: 'name parameter', kind: DOMAIN, params: { name: 'demo', autostart: false }, expected: { name: 'demo' } },
];

describe('manageTarget', () => {
  it.each(targets)('$name', ({ kind, params, expected }) => {
    expect(manageTarget(kind, params)).toEqual(expected);
  });
});

describe('objectName', () => {
  it('prefers the parameter, else the xml, else nothing (also for broken xml)', () => {
    expect(objectName({ name: 'x', xml: domain })).toBe('x');
    expect(objectName({ xml: domain })).toBe('demo');
    expect(objectName({ xml: '<domain>' })).toBeUndefined();
    expect(objectName({})).toBeUndefined();
  });
});

describe('wouldDo and defineStep', () => {
  it('names what the task would do and the object', () => {
    expect(wouldDo(DOMAIN, 'demo', true, { state: 'running', autostart: true })).toBe('define demo, running, autostart on (guest demo)');
    expect(wouldDo(NETWORK, 'labnet', false, { autostart: false })).toBe('autostart off (network labnet)');
  });
  it('defines from stdin with the kind’s virsh command', () => {
    expect(defineStep(DOMAIN, 'qemu:///system', 'demo', domain)).toEqual({ cmd: 'virsh -c qemu:///system define /dev/stdin', stdin: domain, describe: 'define guest demo' });
    expect(defineStep(NETWORK, 'qemu:///system', 'labnet', network)).toEqual({ cmd: 'virsh -c qemu:///system net-define /dev/stdin', stdin: network, describe: 'define network labnet' });
  });
});

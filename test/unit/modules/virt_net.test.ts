// virt_net's XML comparison as data: the network libvirt stored (uuid, bridge, MAC and NAT defaults added) equals the
// user's XML, and a real difference is named by its path. The module's plans are cases in
// test/unit/modules/cases/virt_net.yml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { libvirtXmlDifference } from '../../../modules/support/libvirt-xml.js';

const recorded = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'kvm', name), 'utf8');

describe('virt_net XML comparison', () => {
  it('the stored network compares equal to the user XML; a changed forward mode is named', () => {
    const wanted = recorded('network-labnet.xml');
    const stored = recorded('network-labnet-inactive.xml');
    expect(libvirtXmlDifference(wanted, stored)).toBeUndefined();
    expect(libvirtXmlDifference(wanted.replace("mode='nat'", "mode='route'"), stored)).toBe('/network/forward/@mode: wanted "route", found "nat"');
  });
});

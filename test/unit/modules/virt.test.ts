// virt's helpers as data: XML normalisation and comparison, the XML parser, virsh's tables and errors. The module's
// plans are cases in test/unit/modules/cases/virt.yml; its shell scripts under a real sh: test/local/modules/virt-scripts.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inheritGenerated, libvirtXmlDifference } from '../../../modules/support/libvirt-xml.js';
import { classifyVirsh, parseVirshTable } from '../../../modules/support/virsh.js';
import { parseXml, serializeXml } from '../../../modules/support/xml.js';
import * as v from './fixtures/kvm/virsh-outputs.js';

const recorded = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'kvm', name), 'utf8');
const wanted = recorded('domain-demo.xml');
const stored = recorded('domain-demo-inactive.xml');

describe('libvirt XML normalisation', () => {
  it('the same domain with uuid, MAC and libvirt defaults added compares equal', () => {
    expect(libvirtXmlDifference(wanted, stored)).toBeUndefined();
  });
  it('a changed memory differs (MiB vs KiB normalised)', () => {
    expect(libvirtXmlDifference(wanted.replace("<memory unit='MiB'>256", "<memory unit='GiB'>1"), stored)).toBe('/domain/memory: wanted "1048576", found "262144"');
  });
  it('the same memory in other units is equal', () => {
    expect(libvirtXmlDifference(wanted.replace("<memory unit='MiB'>256", '<memory>262144'), stored)).toBeUndefined();
    expect(libvirtXmlDifference(wanted.replace("<memory unit='MiB'>256", "<memory unit='bytes'>268435456"), stored)).toBeUndefined();
  });
  it('a MAC the user wrote is compared (case-insensitively)', () => {
    const withMac = wanted.replace('<source network', "<mac address='52:54:00:6B:3C:58'/><source network");
    expect(libvirtXmlDifference(withMac, stored)).toBeUndefined();
    expect(libvirtXmlDifference(withMac.replace('6B', '6C'), stored)).toMatch(/interface.*mac.*address/);
  });
  it('a missing device differs', () => {
    expect(libvirtXmlDifference(wanted.replace("<graphics type='vnc'/>", "<graphics type='vnc'/><sound model='ich9'/>"), stored)).toBe('/domain/devices/sound: missing');
  });
  it('a machine alias matches the versioned machine libvirt stores for it, and nothing else', () => {
    const os = (machine: string) => `<domain><name>g</name><os><type arch='x86_64' machine='${machine}'>hvm</type></os></domain>`;
    const cases: readonly [wanted: string, stored: string, same: boolean][] = [
      ['pc', 'pc-i440fx-7.2', true],
      ['pc', 'pc-i440fx-rhel7.6.0', true],
      ['q35', 'pc-q35-rhel8.6.0', true],
      ['virt', 'virt-8.2', true],
      ['pc-i440fx-7.2', 'pc-i440fx-7.2', true],
      ['pc', 'pc-q35-7.2', false],
      ['q35', 'pc-i440fx-7.2', false],
      ['pc-i440fx-6.2', 'pc-i440fx-7.2', false],
    ];
    for (const [w, a, same] of cases) {
      const d = libvirtXmlDifference(os(w), os(a));
      if (same) expect(d, `${w} vs ${a}`).toBeUndefined();
      else expect(d, `${w} vs ${a}`).toBe(`/domain/os/type/@machine: wanted "${w}", found "${a}"`);
    }
  });
  it('siblings may be in another order', () => {
    const two = "<d><c type='b'/><c type='a'/></d>";
    expect(libvirtXmlDifference("<d><c type='a'/><c type='b'/></d>", two)).toBeUndefined();
  });
  it('inheritGenerated adds uuid after <name> and MACs to interfaces the user left without one', () => {
    const out = inheritGenerated(wanted, stored, ['uuid', 'devices/interface/mac']);
    expect(out.indexOf('<uuid>')).toBeGreaterThan(out.indexOf('<name>'));
    expect(libvirtXmlDifference(out, stored)).toBeUndefined();
  });
});

describe('xml parser', () => {
  it('round-trips elements, attributes, text and entities; drops comments and declarations', () => {
    const doc = `<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&apos;q&apos;'><b>t &lt; u</b><c/><![CDATA[<raw>]]></a>`;
    const el = parseXml(doc);
    expect(el.attrs).toEqual({ x: '1 & 2', y: "'q'" });
    expect(serializeXml(el)).toBe("<a x='1 &amp; 2' y='&apos;q&apos;'><b>t &lt; u</b><c/>&lt;raw&gt;</a>");
  });
  it.each([
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a x=1/>', /needs a quoted value/],
    ['<a/><b/>', /content after the root element/],
    ['', /expected an element/],
  ])('rejects %j', (doc, msg) => {
    expect(() => parseXml(doc)).toThrow(msg);
  });
});

describe('virsh parsers', () => {
  it('dominfo table', () => {
    const t = parseVirshTable(v.dominfoRunning);
    expect(t.State).toBe('running');
    expect(t['Max memory']).toBe('262144 KiB');
    expect(t['Security label']).toBe('system_u:system_r:svirt_t:s0:c180,c927 (enforcing)');
  });
  it.each([
    [{ stdout: '', stderr: '', code: 127 }, 'no-virsh'],
    [{ stdout: '', stderr: v.noSocket, code: 1 }, 'no-daemon'],
    [{ stdout: '', stderr: v.domainNotFound, code: 1 }, 'not-found'],
    [{ stdout: '', stderr: v.networkNotFound, code: 1 }, 'not-found'],
    [{ stdout: '', stderr: 'error: internal error: something\n', code: 1 }, 'error'],
    [{ stdout: v.dominfoRunning, stderr: '', code: 0 }, 'ok'],
  ])('classifies %#', (o, kind) => {
    expect(classifyVirsh(o).kind).toBe(kind);
  });
});

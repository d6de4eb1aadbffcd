// virt: plans from virsh outputs as data, shutdown scripts, probes, XML normalisation and virsh parsers.
import { describe, expect, it } from 'vitest';
import { inheritGenerated, libvirtXmlDifference } from '../../../modules/support/libvirt-xml.js';
import { classifyVirsh, parseVirshTable } from '../../../modules/support/virsh.js';
import { parseXml, serializeXml } from '../../../modules/support/xml.js';
import { virtModule } from '../../../modules/virt.js';
import { fixture, itPlans, observed, parsesAsSh, planContext, withDefaults, type PlanCase } from './fixtures/kvm/harness.js';
import * as v from './fixtures/kvm/virsh-outputs.js';

const wanted = fixture('domain-demo.xml');
const stored = fixture('domain-demo-inactive.xml');
const V = 'virsh -c qemu:///system';

const cases: readonly PlanCase[] = [
  {
    name: 'define and start a new guest, autostart on',
    params: { xml: wanted, state: 'running', autostart: true },
    observed: { dominfo: { code: 1, stderr: v.domainNotFound }, xml: { code: 1, stderr: v.domainNotFound } },
    expected: { kind: 'change', cmds: [`${V} define /dev/stdin`, `${V} start demo`, `${V} autostart demo`], stdin: [wanted, undefined, undefined] },
  },
  {
    name: 'same guest defined with uuid, MAC and libvirt defaults, running, autostart on: ok',
    params: { name: 'demo', xml: wanted, state: 'running', autostart: false },
    observed: { dominfo: v.dominfoRunning, xml: stored },
    expected: { kind: 'ok', reason: 'guest demo is defined as given, is running, autostart off' },
  },
  {
    name: 'memory changed: redefine keeping uuid and MAC, takes effect at next boot',
    params: { xml: wanted.replace('256', '512'), state: 'running' },
    observed: { dominfo: v.dominfoRunning, xml: stored },
    expected: { kind: 'change', cmds: [`${V} define /dev/stdin`], summary: /redefine demo \(\/domain\/memory: wanted "524288", found "262144"\): takes effect when the guest next boots/ },
  },
  {
    name: 'EL 7 not-found message (two lines) is also "not defined"',
    params: { name: 'demo', state: 'undefined' },
    observed: { dominfo: { code: 1, stderr: v.domainNotFoundEl7 } },
    expected: { kind: 'ok', reason: 'guest demo is not defined' },
  },
  { name: 'shut off -> running: start', params: { name: 'demo', state: 'running' }, observed: { dominfo: v.dominfoShutOff }, expected: { kind: 'change', cmds: [`${V} start demo`] } },
  { name: 'paused -> running: resume', params: { name: 'demo', state: 'running' }, observed: { dominfo: v.dominfoPaused }, expected: { kind: 'change', cmds: [`${V} resume demo`] } },
  { name: 'running -> paused: suspend', params: { name: 'demo', state: 'paused' }, observed: { dominfo: v.dominfoRunning }, expected: { kind: 'change', cmds: [`${V} suspend demo`] } },
  { name: 'running -> destroyed', params: { name: 'demo', state: 'destroyed' }, observed: { dominfo: v.dominfoRunning }, expected: { kind: 'change', cmds: [`${V} destroy demo`] } },
  { name: 'shut off + destroyed: ok', params: { name: 'demo', state: 'destroyed' }, observed: { dominfo: v.dominfoShutOff }, expected: { kind: 'ok' } },
  { name: 'shut off + shutdown: ok', params: { name: 'demo', state: 'shutdown' }, observed: { dominfo: v.dominfoShutOff }, expected: { kind: 'ok' } },
  {
    name: 'running -> undefined: destroy, then undefine',
    params: { name: 'demo', state: 'undefined' },
    observed: { dominfo: v.dominfoRunning },
    expected: { kind: 'change', cmds: [`${V} destroy demo`, `${V} undefine --managed-save --nvram demo`] },
  },
  { name: 'autostart off on an autostarted guest', params: { name: 'demo', autostart: false }, observed: { dominfo: v.dominfoShutOff }, expected: { kind: 'change', cmds: [`${V} autostart --disable demo`] } },
  {
    name: 'virsh not installed: fail, predicted in check mode after an install',
    params: { xml: wanted, state: 'running' },
    observed: { dominfo: { code: 127, stderr: 'sh: 1: virsh: not found\n' }, xml: { code: 127 } },
    expected: { kind: 'fail', msg: /virsh was not found/, missingPrerequisite: 'define demo, running (guest demo) (once libvirt is installed and running)' },
  },
  {
    name: 'libvirtd not running: fail with its socket error, predicted in check mode',
    params: { name: 'demo', state: 'running' },
    observed: { dominfo: { code: 1, stderr: v.noSocket } },
    expected: { kind: 'fail', msg: /cannot connect to libvirt at qemu:\/\/\/system: error: failed to connect to the hypervisor; error: Failed to connect socket/, missingPrerequisite: /running \(guest demo\)/ },
  },
  {
    name: 'state without xml for a missing guest: fail, may be defined by an earlier task',
    params: { name: 'demo', state: 'running' },
    observed: { dominfo: { code: 1, stderr: v.domainNotFound } },
    expected: { kind: 'fail', msg: /guest demo is not defined/, missingPrerequisite: 'running (guest demo)' },
  },
  { name: 'xml name differs from name', params: { name: 'other', xml: wanted }, observed: {}, expected: { kind: 'fail', msg: /differs from name other/ } },
  { name: 'broken xml is a clear failure', params: { xml: '<domain><name>x</name>' }, observed: {}, expected: { kind: 'fail', msg: /^xml: element <domain> is not closed/ } },
  { name: 'list_vms returns names', params: { command: 'list_vms' }, observed: { list: v.listAllNames }, expected: { kind: 'ok', reason: '2 guests' } },
  { name: 'status', params: { name: 'demo', command: 'status' }, observed: { dominfo: v.dominfoShutOff }, expected: { kind: 'ok', reason: 'guest demo is shutdown' } },
];

const params = (p: Record<string, unknown>): never => withDefaults(virtModule, p);

describe('virt plan', () => {
  itPlans(virtModule, cases);

  it('a redefinition keeps the generated uuid and MAC address', () => {
    const plan = virtModule.plan(params({ xml: wanted.replace('256', '512') }), observed({ dominfo: v.dominfoShutOff, xml: stored }), planContext());
    expect(plan.kind).toBe('change');
    const stdin = plan.kind === 'change' ? String(plan.steps[0]?.stdin) : '';
    expect(stdin).toContain('<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>');
    expect(stdin).toContain("<mac address='52:54:00:6b:3c:58'/>");
    expect(stdin).toContain("<memory unit='MiB'>512</memory>");
  });

  it('shutdown waits, then destroys with force; the script is valid sh', () => {
    const plan = virtModule.plan(params({ name: 'demo', state: 'shutdown', shutdown_timeout: 30, force: true }), observed({ dominfo: v.dominfoRunning }), planContext());
    const cmd = plan.kind === 'change' ? (plan.steps[0]?.cmd ?? '') : '';
    expect(cmd).toContain(`${V} shutdown demo || exit $?`);
    expect(cmd).toContain(`while [ "$(${V} domstate demo)" != 'shut off' ]`);
    expect(cmd).toContain('-ge 30 ]; then virsh -c qemu:///system destroy demo; exit $?');
    expect(parsesAsSh(cmd)).toBe(true);
  });

  it('shutdown without force fails after the timeout, naming force', () => {
    const plan = virtModule.plan(params({ name: 'demo', state: 'shutdown' }), observed({ dominfo: v.dominfoRunning }), planContext());
    const cmd = plan.kind === 'change' ? (plan.steps[0]?.cmd ?? '') : '';
    expect(cmd).toContain("'guest demo did not shut down within 60s (it may ignore ACPI): set force: true to destroy it' >&2; exit 1");
    expect(parsesAsSh(cmd)).toBe(true);
  });

  it('probes dominfo and the inactive XML; info for all guests in one probe', () => {
    expect(virtModule.probe?.(params({ xml: wanted, state: 'running' }), planContext())).toEqual({ dominfo: `${V} dominfo demo`, xml: `${V} dumpxml --inactive demo` });
    const all = virtModule.probe?.(params({ command: 'info' }), planContext()) ?? {};
    expect(Object.keys(all)).toEqual(['list']);
    expect(parsesAsSh(all.list ?? '')).toBe(true);
  });

  it('info for all guests parses each section', () => {
    const out = `### demo\n${v.dominfoRunning}### web01\n${v.dominfoShutOff.replace('Name:           demo', 'Name:           web01')}`;
    const plan = virtModule.plan(params({ command: 'info' }), observed({ list: out }), planContext());
    expect(plan.data).toEqual({
      info: {
        demo: { state: 'running', autostart: false, persistent: true, uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0', memory_kib: 262144, max_memory_kib: 262144, vcpus: 1 },
        web01: { state: 'shutdown', autostart: true, persistent: true, uuid: '4dea22b3-1d52-d8f3-2516-782e98ab3fa0', memory_kib: 262144, max_memory_kib: 262144, vcpus: 1 },
      },
    });
  });

  it('documents every parameter', () => {
    for (const [k, s] of Object.entries(virtModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
  });
});

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

// cpuflags: read-only plans from /proc/cpuinfo samples, its probes, and the cpuinfo parsers (x86 and ARM).
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { cpuflagsModule } from '../../../modules/cpuflags.js';
import { parseCpuinfo, parseNested } from '../../../modules/support/cpuinfo.js';
import { expectation, fixture, observed, parsesAsSh, planContext, view, type Expected, type ProbeLiteral } from './fixtures/kvm/harness.js';

// captured on this machine: an Intel guest whose hypervisor does not expose VT-x
const intelNoVmx = fixture('cpuinfo-intel-host.out');
// what the lab's --cpu vmx does: the same CPU with vmx added to its flags
const intelVmx = intelNoVmx.replace(/^flags\s*:/m, (m) => `${m} vmx`);
const amd = `vendor_id\t: AuthenticAMD\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr svm npt lm\n`;

const cases: readonly { name: string; params?: Record<string, unknown>; observed: Record<string, ProbeLiteral>; expected: Expected; data?: Record<string, unknown> }[] = [
  {
    name: 'Intel with VT-x, /dev/kvm, nested on',
    observed: { cpuinfo: intelVmx, kvm: 'yes\n', nested: 'Y\n' },
    expected: { kind: 'ok', reason: 'CPU has vmx (Intel VT-x); /dev/kvm present, nested virtualization on' },
    data: { vendor: 'GenuineIntel', virtualization: 'vmx', kvm_device: true, nested: true },
  },
  {
    name: 'AMD with AMD-V, kvm_amd nested 0, no /dev/kvm',
    observed: { cpuinfo: amd, kvm: 'no\n', nested: '0\n' },
    expected: { kind: 'ok', reason: /svm \(AMD-V\).*\/dev\/kvm missing.*nested virtualization off/ },
    data: { vendor: 'AuthenticAMD', virtualization: 'svm', kvm_device: false, nested: false },
  },
  {
    name: 'no virtualization extension: names both flags and the firmware setting',
    observed: { cpuinfo: intelNoVmx, kvm: 'yes\n', nested: { code: 1 } },
    expected: {
      kind: 'fail',
      msg: /^CPU has neither vmx \(Intel VT-x\) nor svm \(AMD-V\): enable virtualization \(VT-x \/ AMD-V\) in the BIOS\/UEFI firmware settings/,
      missingPrerequisite: null,
    },
    data: { vendor: 'GenuineIntel', virtualization: null, nested: null },
  },
  {
    name: 'all_of names only the missing flags',
    params: { any_of: [], all_of: ['vmx', 'ept', 'lm'] },
    observed: { cpuinfo: intelVmx, kvm: 'yes\n', nested: 'N\n' },
    expected: { kind: 'fail', msg: /^CPU lacks ept \(Intel EPT\): enable virtualization/ },
  },
  {
    name: 'a single any_of flag',
    params: { any_of: ['svm'] },
    observed: { cpuinfo: intelVmx, kvm: 'yes\n', nested: 'N\n' },
    expected: { kind: 'fail', msg: /^CPU lacks svm \(AMD-V\)/ },
  },
  {
    name: 'unreadable /proc/cpuinfo',
    observed: { cpuinfo: { code: 2, stderr: 'grep: /proc/cpuinfo: No such file or directory\n' }, kvm: 'no\n', nested: { code: 1 } },
    expected: { kind: 'fail', msg: /cannot read \/proc\/cpuinfo: grep/ },
  },
];

describe('cpuflags plan', () => {
  for (const c of cases) {
    it(c.name, () => {
      const params = Value.Default(cpuflagsModule.params, { ...(c.params ?? {}) }) as never;
      const plan = cpuflagsModule.plan(params, observed(c.observed), planContext());
      expect(view(plan)).toMatchObject(expectation(c.expected, (r) => expect.stringMatching(r)));
      if (c.data) expect(plan.data).toMatchObject(c.data);
    });
  }

  it('is read-only: no case plans a change', () => {
    for (const c of cases) {
      const params = Value.Default(cpuflagsModule.params, { ...(c.params ?? {}) }) as never;
      expect(cpuflagsModule.plan(params, observed(c.observed), planContext()).kind).not.toBe('change');
    }
  });

  it('probes are valid sh and read only the first processor', () => {
    const probes = cpuflagsModule.probe?.(Value.Default(cpuflagsModule.params, {}) as never, planContext()) ?? {};
    for (const cmd of Object.values(probes)) expect(parsesAsSh(cmd)).toBe(true);
    expect(probes.cpuinfo).toContain('grep -m1');
  });

  it('defaults any_of to vmx, svm and documents every parameter', () => {
    expect(Value.Default(cpuflagsModule.params, {})).toEqual({ any_of: ['vmx', 'svm'], all_of: [] });
    for (const [k, s] of Object.entries(cpuflagsModule.params.properties)) expect((s as { description?: string }).description, k).toBeTruthy();
  });
});

describe('cpuinfo parsers', () => {
  it('reads vendor and flags of the first processor only', () => {
    const two = `${intelVmx}\nvendor_id\t: AuthenticAMD\nflags\t\t: svm\n`;
    const info = parseCpuinfo(two);
    expect(info.vendor).toBe('GenuineIntel');
    expect(info.flags).toContain('vmx');
    expect(info.flags).not.toContain('svm');
  });
  it('reads ARM Features', () => {
    expect(parseCpuinfo('Features\t: fp asimd evtstrm aes\n').flags).toEqual(['fp', 'asimd', 'evtstrm', 'aes']);
  });
  it.each([
    ['Y\n', true],
    ['N\n', false],
    ['1\n', true],
    ['0', false],
    ['maybe', undefined],
  ])('nested %j -> %s', (text, want) => {
    expect(parseNested(text)).toBe(want);
  });
});

// cpuflags: require CPU flags (hardware virtualization first of all) and report vendor, extension, /dev/kvm, nested.
// Read-only: the result is ok or failed, never changed.
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';
import { describeFlag, missingFlagsMessage, parseCpuinfo, parseNested } from './support/cpuinfo.js';

const params = Type.Object({
  any_of: Type.Array(Type.String(), {
    description: 'At least one of these flags must be present (empty: no such requirement).',
    default: ['vmx', 'svm'],
  }),
  all_of: Type.Array(Type.String(), { description: 'Every one of these flags must be present.', default: [] }),
});

export const cpuflagsModule = defineModule({
  name: 'cpuflags',
  short: 'Require CPU flags (VT-x / AMD-V by default) and report the CPU vendor, virtualization extension, /dev/kvm and nested support',
  examples: `- name: The CPU must support hardware virtualization
  cpuflags:
  register: cpu

- name: Require both VT-x and EPT
  cpuflags:
    any_of: []
    all_of: [vmx, ept]
`,
  params,
  probe() {
    return {
      // only the first processor's lines: every core reports the same flags
      cpuinfo: "grep -m1 -E '^vendor_id' /proc/cpuinfo; grep -m1 -E '^(flags|Features)' /proc/cpuinfo",
      kvm: 'if [ -c /dev/kvm ]; then echo yes; else echo no; fi',
      nested: 'for f in /sys/module/kvm_intel/parameters/nested /sys/module/kvm_amd/parameters/nested; do [ -r "$f" ] && cat "$f" && exit 0; done; exit 1',
    };
  },
  plan(p, observed) {
    const cpu = observed.cpuinfo;
    if (!cpu || (cpu.code !== 0 && cpu.stdout.trim() === '')) {
      return { kind: 'fail', msg: `cannot read /proc/cpuinfo: ${cpu?.stderr.trim() || 'no output'}` };
    }
    const info = parseCpuinfo(cpu.stdout);
    const flags = new Set(info.flags);
    const virtualization = ['vmx', 'svm'].filter((f) => flags.has(f));
    const kvmDevice = observed.kvm?.stdout.trim() === 'yes';
    const nested = observed.nested?.code === 0 ? parseNested(observed.nested.stdout) : undefined;
    const data = {
      vendor: info.vendor,
      virtualization: virtualization[0] ?? null,
      virtualization_flags: virtualization,
      kvm_device: kvmDevice,
      nested: nested ?? null,
      flags: info.flags,
    };
    const anyMissing = p.any_of.length > 0 && !p.any_of.some((f) => flags.has(f));
    const allMissing = p.all_of.filter((f) => !flags.has(f));
    if (anyMissing || allMissing.length > 0) {
      // the full flag list would bury the message in the failure line; the registered ok result keeps it
      const { flags: _all, ...brief } = data;
      return { kind: 'fail', msg: missingFlagsMessage(anyMissing ? p.any_of : [], allMissing), data: brief };
    }
    const found = [...new Set([...p.any_of.filter((f) => flags.has(f)), ...p.all_of])].map(describeFlag);
    const extras = [`/dev/kvm ${kvmDevice ? 'present' : 'missing (load the kvm_intel or kvm_amd module)'}`];
    if (nested !== undefined) extras.push(`nested virtualization ${nested ? 'on' : 'off'}`);
    const has = found.length > 0 ? `CPU has ${found.join(', ')}` : 'no flags required';
    return { kind: 'ok', reason: `${has}; ${extras.join(', ')}`, data };
  },
});

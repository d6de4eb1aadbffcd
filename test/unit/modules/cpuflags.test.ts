// cpuflags' cpuinfo parsers as data (x86 flags, ARM Features, the nested setting). The module's plans are cases in
// test/unit/modules/cases/cpuflags.yml.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCpuinfo, parseNested } from '../../../modules/support/cpuinfo.js';

// captured on this machine (an Intel guest), with vmx added as the lab's --cpu vmx shows it
const intelVmx = readFileSync(join(import.meta.dirname, 'fixtures', 'kvm', 'cpuinfo-intel-vmx.out'), 'utf8');

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

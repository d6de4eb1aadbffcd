// An edited /proc/cpuinfo for a host: the virtualization flag asked for, and no other.
import { InputError } from '../engine/core/errors.js';
import type { CpuFlag } from './types.js';

export function editCpuinfo(text: string, flag: CpuFlag): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(flags\s*:\s*)(.*)$/.exec(line);
      if (!m) return line;
      const flags = (m[2] ?? '').split(/\s+/).filter((f) => f && f !== 'vmx' && f !== 'svm');
      if (flag !== 'none') flags.unshift(flag);
      return `${m[1]}${flags.join(' ')}`;
    })
    .join('\n');
}

export function parseCpuList(text: string): CpuFlag[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  return items.map((s) => {
    if (s === 'vmx' || s === 'svm' || s === 'none') return s;
    throw new InputError(`unknown CPU flag '${s}' (use vmx, svm or none)`);
  });
}

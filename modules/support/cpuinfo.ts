// /proc/cpuinfo and the kvm module's nested parameter: parsers, and the message for missing CPU flags.

export interface CpuInfo {
  /** GenuineIntel, AuthenticAMD, ... ('' when the kernel does not say, as on ARM) */
  readonly vendor: string;
  readonly flags: readonly string[];
}

/** The vendor_id and flags lines of one processor (x86 "flags", ARM "Features"). */
export function parseCpuinfo(text: string): CpuInfo {
  let vendor = '';
  let flags: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^([^:]+?)\s*:\s*(.*)$/.exec(line);
    if (!m?.[1]) continue;
    const key = m[1].trim();
    const value = (m[2] ?? '').trim();
    if (key === 'vendor_id' && vendor === '') vendor = value;
    if ((key === 'flags' || key === 'Features') && flags.length === 0) flags = value.split(/\s+/).filter((f) => f !== '');
  }
  return { vendor, flags };
}

/** kvm_intel prints Y/N, kvm_amd 1/0. */
export function parseNested(text: string): boolean | undefined {
  const v = text.trim();
  if (v === 'Y' || v === '1') return true;
  if (v === 'N' || v === '0') return false;
  return undefined;
}

const FLAG_NAMES: Readonly<Record<string, string>> = {
  vmx: 'Intel VT-x',
  svm: 'AMD-V',
  ept: 'Intel EPT',
  npt: 'AMD NPT',
  vpid: 'Intel VPID',
  lm: '64-bit long mode',
  aes: 'AES-NI',
};

/** "vmx (Intel VT-x)", or the bare flag when it has no well-known name. */
export function describeFlag(flag: string): string {
  const name = FLAG_NAMES[flag];
  return name === undefined ? flag : `${flag} (${name})`;
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `neither ${items[0] ?? ''} nor ${items[1] ?? ''}`;
  return `none of ${items.join(', ')}`;
}

/**
 * What is missing and what to do. anyOf: the any_of list when none of it is present; allMissing: the all_of flags
 * that are absent.
 */
export function missingFlagsMessage(anyOf: readonly string[], allMissing: readonly string[]): string {
  const parts: string[] = [];
  if (anyOf.length === 1) parts.push(`CPU lacks ${describeFlag(anyOf[0] ?? '')}`);
  else if (anyOf.length > 1) parts.push(`CPU has ${orList(anyOf.map(describeFlag))}`);
  if (allMissing.length > 0) parts.push(`CPU lacks ${allMissing.map(describeFlag).join(', ')}`);
  const virt = [...anyOf, ...allMissing].some((f) => ['vmx', 'svm', 'ept', 'npt', 'vpid'].includes(f));
  const hint = virt
    ? 'enable virtualization (VT-x / AMD-V) in the BIOS/UEFI firmware settings (in a virtual machine: enable nested virtualization on its host)'
    : 'these flags come from the CPU model (in a virtual machine: from the CPU model its hypervisor exposes)';
  return `${parts.join('; ')}: ${hint}`;
}

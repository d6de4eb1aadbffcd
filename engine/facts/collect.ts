// The facts script's output -> ansible_facts (the selected collectors' facts) and the HostFacts modules plan from.
import { dict } from '../core/dict.js';
import type { HostFacts } from '../core/facts.js';
import { cpuFacts, memoryFacts, mountFacts } from './parse-hardware.js';
import { networkFacts } from './parse-network.js';
import { distributionFacts, pkgMgrOf, platformFacts, serviceMgrOf, splitSections } from './parse.js';
import { cmdlineFacts, dateTimeFacts, dnsFacts, envFacts, loadavgFacts, lsbFacts, parseLocalFacts, pythonFacts, pythonInfo, selinuxFacts, sshKeyFacts, userFacts, virtualFacts } from './parse-system.js';
import { COLLECTORS, type Collector } from './subsets.js';

export const ALL_COLLECTORS: ReadonlySet<Collector> = new Set(COLLECTORS);

type Fact = Record<string, unknown>;

/** The script's raw flags line of the first CPU, and kplay's own CPU facts beside Ansible's. */
function kplayCpuFacts(cpuinfo: string, kvm: string): Fact {
  const flags = (/^flags: ?(.*)$/m.exec(cpuinfo)?.[1] ?? '').split(/\s+/).filter((f) => f !== '');
  return {
    processor_vendor: (/^(?:vendor_id|Vendor): ?(.*)$/m.exec(cpuinfo)?.[1] ?? '').trim(),
    processor_flags: flags,
    virtualization_flags: ['vmx', 'svm'].filter((f) => flags.includes(f)),
    kvm_device: kvm.trim() === 'yes',
  };
}

/** ansible_facts without the ansible_ prefix, for the collectors asked (Ansible's names, types and shapes). */
export function collectFacts(output: string, collectors: ReadonlySet<Collector> = ALL_COLLECTORS): Fact {
  const s = splitSections(output);
  const get = (k: string): string => s.get(k) ?? '';
  const has = (c: Collector): boolean => collectors.has(c);
  const out: Fact = dict();
  const py = pythonInfo(get('python'));
  const lsbRelease = (lsbFacts(get('lsb')).lsb as Record<string, string | undefined>).release ?? '';
  const dist = distributionFacts(get('os-release'), get('redhat-release'), get('debian-version'), lsbRelease);
  if (has('platform')) Object.assign(out, platformFacts(get('uname')), py ? { python_version: pythonFacts(py).python_version } : {});
  if (has('distribution')) Object.assign(out, dist);
  if (has('pkg_mgr')) out.pkg_mgr = pkgMgrOf(dist.os_family ?? '', dist.distribution ?? '', Number(dist.distribution_major_version), get('pkg-tools').split('\n'));
  if (has('service_mgr')) out.service_mgr = serviceMgrOf(get('init'));
  if (has('user')) Object.assign(out, userFacts(get('user')));
  if (has('date_time')) Object.assign(out, dateTimeFacts(get('date')));
  if (has('dns')) Object.assign(out, dnsFacts(get('dns')));
  if (has('env')) Object.assign(out, envFacts(get('env')));
  if (has('lsb')) Object.assign(out, lsbFacts(get('lsb')));
  if (has('python')) Object.assign(out, pythonFacts(py));
  if (has('selinux')) Object.assign(out, selinuxFacts(get('selinux'), py));
  if (has('cmdline')) Object.assign(out, cmdlineFacts(get('cmdline')));
  if (has('loadavg')) Object.assign(out, loadavgFacts(get('loadavg')));
  if (has('fips')) out.fips = get('fips').trim() === '1';
  if (has('apparmor')) out.apparmor = { status: get('apparmor').trim() === 'enabled' ? 'enabled' : 'disabled' };
  if (has('chroot')) out.is_chroot = get('chroot').trim() === 'yes';
  if (has('ssh_pub_keys')) Object.assign(out, sshKeyFacts(get('ssh-keys')));
  if (has('local')) Object.assign(out, parseLocalFacts(get('local')));
  if (has('hardware')) {
    Object.assign(out, memoryFacts(get('meminfo')), cpuFacts(get('cpuinfo')), { mounts: mountFacts(get('mounts')) }, kplayCpuFacts(get('cpuinfo'), get('kvm')));
  }
  if (has('virtual')) Object.assign(out, virtualFacts(get('virtual'), get('kvm').trim() === 'yes'));
  if (has('network')) Object.assign(out, networkFacts(get('network')));
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The typed facts modules plan from; what a narrower gather_subset left out is empty. */
export function hostFactsOf(f: Fact): HostFacts {
  return {
    os_family: str(f.os_family),
    distribution: str(f.distribution) || 'Unknown',
    distribution_version: str(f.distribution_version),
    distribution_major_version: str(f.distribution_major_version),
    pkg_mgr: str(f.pkg_mgr) || 'unknown',
    service_mgr: str(f.service_mgr) || 'unknown',
    architecture: str(f.architecture),
    kernel: str(f.kernel),
    hostname: str(f.hostname),
    fqdn: str(f.fqdn),
    memtotal_mb: typeof f.memtotal_mb === 'number' ? f.memtotal_mb : 0,
    processor_vendor: str(f.processor_vendor),
    processor_flags: strs(f.processor_flags),
    virtualization_flags: strs(f.virtualization_flags),
    kvm_device: f.kvm_device === true,
    user_id: str(f.user_id),
  };
}

/** Both views of one gathering. */
export interface ParsedFacts {
  readonly facts: HostFacts;
  readonly ansible: Readonly<Record<string, unknown>>;
}

export function parseFactsOutput(output: string, collectors: ReadonlySet<Collector> = ALL_COLLECTORS): ParsedFacts {
  const ansible = collectFacts(output, collectors);
  return { facts: hostFactsOf(ansible), ansible };
}

/** HostFacts from the script's output (every collector). */
export function parseFacts(output: string): HostFacts {
  return parseFactsOutput(output).facts;
}

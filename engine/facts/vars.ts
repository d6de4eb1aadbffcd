// Facts as variables, the way Ansible injects them: `ansible_facts.<name>` and top-level `ansible_<name>`.
import type { HostFacts } from '../core/facts.js';

/**
 * `ansible_facts` holds the names without prefix; each also appears as `ansible_<name>`. Where Ansible has a
 * name for a fact, it is used (processor is Ansible's list of index, vendor, model per CPU); kplay's own facts
 * (processor_vendor, processor_flags, virtualization_flags, kvm_device) sit beside them.
 */
export function factsToVars(f: HostFacts, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const count = typeof extra.processor_count === 'number' && extra.processor_count > 0 ? extra.processor_count : 1;
  const model = typeof extra.processor_model === 'string' ? extra.processor_model : '';
  const processor = Array.from({ length: count }, (_, i) => [String(i), f.processor_vendor, ...(model ? [model] : [])]).flat();
  const facts: Record<string, unknown> = {
    ...extra,
    os_family: f.os_family,
    distribution: f.distribution,
    distribution_version: f.distribution_version,
    distribution_major_version: f.distribution_major_version,
    pkg_mgr: f.pkg_mgr,
    service_mgr: f.service_mgr,
    architecture: f.architecture,
    machine: f.architecture,
    kernel: f.kernel,
    system: 'Linux',
    hostname: f.hostname,
    fqdn: f.fqdn,
    memtotal_mb: f.memtotal_mb,
    processor,
    processor_count: count,
    processor_vcpus: count,
    processor_vendor: f.processor_vendor,
    processor_flags: [...f.processor_flags],
    virtualization_flags: [...f.virtualization_flags],
    kvm_device: f.kvm_device,
    user_id: f.user_id,
  };
  const vars: Record<string, unknown> = { ansible_facts: facts };
  for (const [k, v] of Object.entries(facts)) vars[`ansible_${k}`] = v;
  return vars;
}

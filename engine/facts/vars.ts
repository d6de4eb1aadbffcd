// Facts as variables, the way Ansible injects them: `ansible_facts.<name>` and top-level `ansible_<name>`.
import { dict } from '../core/dict.js';

/** A gathering's facts (names without prefix) as setup returns them: ansible_<name>, a `-` as `_` (Ansible's namespace). */
export function prefixFacts(facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = dict();
  for (const [k, v] of Object.entries(facts)) out[`ansible_${k.replace(/-/g, '_')}`] = v;
  return out;
}

/**
 * Facts a module returned (setup's ansible_*, service_facts' services, package_facts' packages) join the host's:
 * each name becomes a variable as given, and `ansible_facts` holds it without the ansible_ prefix, as Ansible's fact
 * cache and namespace_facts do. Names gathered before stay unless gathered again.
 */
export function mergeFactVars(current: Readonly<Record<string, unknown>>, facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const before = current.ansible_facts;
  const namespaced: Record<string, unknown> = dict(typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : undefined);
  const vars: Record<string, unknown> = dict(current);
  for (const [k, v] of Object.entries(facts)) {
    vars[k] = v;
    namespaced[k.startsWith('ansible_') ? k.slice('ansible_'.length) : k] = v;
  }
  vars.ansible_facts = namespaced;
  return vars;
}

/**
 * `ansible_facts` holds the names without prefix; each also appears as `ansible_<name>`. kplay's own facts
 * (processor_vendor, processor_flags, virtualization_flags, kvm_device) sit beside Ansible's.
 */
export function factsToVars(facts: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return mergeFactVars({}, prefixFacts(facts));
}

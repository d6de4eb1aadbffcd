// The variables Ansible adds while it renders a template file (template module and lookup): ansible_managed and
// template_* (ansible/template/__init__.py generate_ansible_template_vars, DEFAULT_MANAGED_STR of 2.14).
import { hostname } from 'node:os';

/** Ansible 2.14's default `ansible_managed` (config DEFAULT_MANAGED_STR, no strftime codes in it) */
export const ANSIBLE_MANAGED = 'Ansible managed';

/**
 * The task's variables and what a template file sees on top of them, which wins over variables of the same name as
 * in Ansible. Accessors (hostvars) are copied as accessors: nothing is computed that the template does not read.
 */
export function withTemplateFileVars(vars: Record<string, unknown>, src: string, dest?: string): Record<string, unknown> {
  const out = Object.defineProperties(Object.create(null) as object, Object.getOwnPropertyDescriptors(vars)) as Record<string, unknown>;
  const extra = { ansible_managed: ANSIBLE_MANAGED, template_host: hostname(), template_path: src, template_destpath: dest ?? null };
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

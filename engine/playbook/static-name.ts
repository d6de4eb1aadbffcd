// The templated file name of an import_tasks, rendered as Ansible renders it when it reads the import, before the
// run: with the variables known then (role defaults, play vars, role vars, the import's vars, extra vars), not with
// a host's (openstack's hardening role imports "{{ stig_version }}stig/main.yml" from its defaults).
import type { SourceLoc } from '../core/location.js';
import type { Vars } from './model.js';
import { render } from '../template/index.js';

/** The rendered name, or undefined when it needs what is not known before the run. */
export function staticName(file: string, vars: Vars, loc: SourceLoc): string | undefined {
  try {
    const value = render(file, vars, { loc });
    return typeof value === 'string' && value !== '' && !value.includes('{{') ? value : undefined;
  } catch {
    return undefined;
  }
}

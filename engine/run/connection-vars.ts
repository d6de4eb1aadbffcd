// A host's connection variables for one task: picked from the task's variables (the one ranking, engine/vars) and
// rendered, so play/block/task vars, include params, set_fact and -e choose the connection as they do in Ansible.
import { Secret } from '../core/secret.js';
import type { Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import { CONNECTION_VARIABLES } from '../transport/connection-variables.js';

export function connectionVars(vars: Vars, where: TemplateWhere): Vars {
  const picked: Vars = Object.create(null) as Vars;
  for (const name of CONNECTION_VARIABLES) {
    const value = vars[name];
    if (value !== undefined) picked[name] = value instanceof Secret ? value : render(value, vars, where);
  }
  return picked;
}

/** The same variables as one string: connections opened with equal variables are one connection. */
export function connectionKey(vars: Vars): string {
  return CONNECTION_VARIABLES.map((name) => {
    const v = vars[name];
    return v instanceof Secret ? `\u0001${v.reveal()}` : v === undefined ? '' : JSON.stringify(v);
  }).join('\u0000');
}

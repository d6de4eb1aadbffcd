// A host's connection variables for one task: picked from the task's variables (the one ranking, engine/vars) and
// rendered, so play/block/task vars, include params, set_fact and -e choose the connection as they do in Ansible.
import { Secret } from '../core/secret.js';
import type { Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import { CONNECTION_VARIABLES } from '../transport/connection-variables.js';

export function connectionVars(vars: Vars, where: TemplateWhere): Vars {
  const picked: Vars = Object.create(null) as Vars;
  for (const name of CONNECTION_VARIABLES) {
    // the name addConnectionName gave: the connection is chosen as if it were not there (one connection per host)
    if (name === 'ansible_connection' && (vars as Record<symbol, unknown>)[NAMED] === true) continue;
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

/**
 * Ansible's PlayContext.update_vars: the variables a task runs with (its `when`, its arguments) also name the
 * connection it uses, `ansible_connection`, where no variable does (`when: ansible_connection != 'docker'`). The
 * value is the one kplay connects with: the implicit localhost's local connection, else the connection keyword,
 * then -c, then ssh. Mutates vars; the chosen connection is the same with the variable as without it.
 */
export function addConnectionName(vars: Vars, host: string, keyword: 'ssh' | 'local' | undefined, cli: 'ssh' | 'local' | undefined): void {
  if (vars.ansible_connection !== undefined) return;
  const localhost = host === 'localhost' && vars.ansible_host === undefined;
  vars.ansible_connection = localhost ? 'local' : (keyword ?? cli ?? 'ssh');
  // a symbol key: copies of the variables (a loop item's, Object.assign) keep it, no template sees it
  (vars as Record<symbol, unknown>)[NAMED] = true;
}

const NAMED = Symbol('ansible_connection named by addConnectionName');

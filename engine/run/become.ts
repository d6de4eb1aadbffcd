// Whether and as whom a task's commands run under sudo: the connection variables, then the task's keywords (which
// hold its blocks' and play's), then the command line (-b, --become-user, -K), as Ansible ranks them.
import { Secret } from '../core/secret.js';
import type { Task, Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import { pyStr } from '../template/values.js';
import { undefinedFieldError } from './undefined-field.js';
import type { Become } from '../transport/transport.js';

/** What the command line says about become: the defaults under every keyword and variable. */
export interface CliBecome {
  readonly become?: boolean | undefined;
  readonly becomeUser?: string | undefined;
  readonly becomePassword?: Secret | undefined;
}

/**
 * As with remote_user, a variable (`ansible_become`, `ansible_become_user`, from the inventory, vars or -e) ranks
 * above the keyword: an inventory's `ansible_become_user=db` wins over a task's `become_user: web` in
 * ansible-playbook too.
 */
export function becomeFor(task: Pick<Task, 'become' | 'becomeUser'>, vars: Vars, cli: CliBecome = {}): Become | undefined {
  const varOn = vars.ansible_become === undefined ? undefined : truthy(vars.ansible_become);
  if (!(varOn ?? task.become ?? cli.become ?? false)) return undefined;
  const varUser = typeof vars.ansible_become_user === 'string' ? vars.ansible_become_user : undefined;
  const user = varUser ?? task.becomeUser ?? cli.becomeUser ?? 'root';
  const pw = vars.ansible_become_password ?? vars.ansible_become_pass;
  const password = pw instanceof Secret ? pw : typeof pw === 'string' || typeof pw === 'number' ? new Secret(String(pw)) : cli.becomePassword;
  return { user, password };
}

/**
 * The become_user keyword for one run of the task (a host, a loop item): rendered with its variables, as Ansible's
 * post_validate renders every field once the task's `when` holds, whether or not become is on, so an undefined
 * variable fails the task even under `become: false`. Ansible's isa='string' makes the value its text.
 */
export function renderBecomeUser<T extends Pick<Task, 'becomeUser'>>(task: T, vars: Vars, where: TemplateWhere): T {
  const written = task.becomeUser;
  if (written === undefined) return task;
  let value: unknown;
  try {
    value = render(written, vars, where);
  } catch (err) {
    throw undefinedFieldError('become_user', err);
  }
  const user = typeof value === 'string' ? value : pyStr(value);
  return user === written ? task : { ...task, becomeUser: user };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['yes', 'true', 'on', '1'].includes(v.toLowerCase());
  return v === 1;
}

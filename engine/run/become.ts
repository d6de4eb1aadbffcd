// Whether and as whom a task's commands run under sudo: the connection variables, then the task's keywords (which
// hold its blocks' and play's), then the command line (-b, --become-user, -K), as Ansible ranks them.
import { Secret } from '../core/secret.js';
import type { Task, Vars } from '../playbook/model.js';
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

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['yes', 'true', 'on', '1'].includes(v.toLowerCase());
  return v === 1;
}

// Whether and as whom a task's commands run under sudo: the task's (and its blocks' and play's) keywords, then the
// connection variables, then the command line (-b, --become-user, -K), as Ansible ranks them.
import { Secret } from '../core/secret.js';
import type { Play, Task, Vars } from '../playbook/model.js';
import type { Become } from '../transport/transport.js';

/** What the command line says about become: the defaults under every keyword and variable. */
export interface CliBecome {
  readonly become?: boolean | undefined;
  readonly becomeUser?: string | undefined;
  readonly becomePassword?: Secret | undefined;
}

export function becomeFor(task: Pick<Task, 'become' | 'becomeUser'>, play: Pick<Play, 'become' | 'becomeUser'>, vars: Vars, cli: CliBecome = {}): Become | undefined {
  const on = task.become ?? play.become ?? (vars.ansible_become !== undefined ? truthy(vars.ansible_become) : (cli.become ?? false));
  if (!on) return undefined;
  const varUser = typeof vars.ansible_become_user === 'string' ? vars.ansible_become_user : undefined;
  const user = task.becomeUser ?? play.becomeUser ?? varUser ?? cli.becomeUser ?? 'root';
  const pw = vars.ansible_become_password ?? vars.ansible_become_pass;
  const password = pw instanceof Secret ? pw : typeof pw === 'string' || typeof pw === 'number' ? new Secret(String(pw)) : cli.becomePassword;
  return { user, password };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['yes', 'true', 'on', '1'].includes(v.toLowerCase());
  return v === 1;
}

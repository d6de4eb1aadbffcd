// Whether and as whom a task's commands run under sudo: task, then play, then connection variables.
import { Secret } from '../core/secret.js';
import type { Play, Task, Vars } from '../playbook/model.js';
import type { Become } from '../transport/transport.js';

export function becomeFor(task: Pick<Task, 'become' | 'becomeUser'>, play: Pick<Play, 'become' | 'becomeUser'>, vars: Vars): Become | undefined {
  const on = task.become ?? play.become ?? truthy(vars.ansible_become);
  if (!on) return undefined;
  const user = task.becomeUser ?? play.becomeUser ?? (typeof vars.ansible_become_user === 'string' ? vars.ansible_become_user : 'root');
  const pw = vars.ansible_become_password ?? vars.ansible_become_pass;
  const password = pw instanceof Secret ? pw : typeof pw === 'string' || typeof pw === 'number' ? new Secret(String(pw)) : undefined;
  return { user, password };
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['yes', 'true', 'on', '1'].includes(v.toLowerCase());
  return v === 1;
}

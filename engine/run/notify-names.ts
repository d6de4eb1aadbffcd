// The handler names a task notifies on one host: Ansible templates `notify:` with the task's variables (a loop's
// item too) when it post-validates the task, just before the module runs, so `notify: "restart {{ svc }}"` reaches
// the handler "restart sshd". The names are looked up only after that, among the handlers' (rendered) names.
import type { Vars } from '../playbook/model.js';
import { render, type TemplateWhere } from '../template/index.js';
import { pyStr } from '../template/values.js';
import { undefinedFieldError } from './undefined-field.js';

/** Each entry rendered; one that renders to a list gives its items (Ansible's isa='list' of a templated string). */
export function notifyNames(notify: readonly string[], vars: Vars, where: TemplateWhere): string[] {
  if (!notify.some((n) => n.includes('{{') || n.includes('{%'))) return [...notify];
  try {
    return notify.flatMap((n) => {
      const rendered: unknown = render(n, vars, where);
      return Array.isArray(rendered) ? (rendered as unknown[]).map((x) => pyStr(x)) : [pyStr(rendered)];
    });
  } catch (err) {
    // the task fails on this host before its module runs
    throw undefinedFieldError('notify', err, where.loc);
  }
}

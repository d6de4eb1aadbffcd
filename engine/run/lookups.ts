// lookup('template'|'file'|'env', ...) for a task: files come from the role's or playbook's templates/ and files/.
// Injected into the task's variables, where it takes the place of the template engine's env-only lookup.
import { Callable, renderTemplateFile, type TemplateWhere } from '../template/index.js';
import type { Vars } from '../playbook/model.js';
import { readLocalFile } from './local-files.js';
import { withTemplateFileVars } from '../template/template-vars.js';

export function withLookups(vars: Vars, taskDir: string, playbookDir: string, where: TemplateWhere): Vars {
  const lookup = (args: unknown[], wantList: boolean): unknown => {
    const [kind, ...terms] = args.map((a) => (typeof a === 'string' ? a : String(a)));
    let values: string[];
    switch (kind) {
      case 'template':
        values = terms.map((t) => renderTemplateFile(readLocalFile(taskDir, playbookDir, t, 'templates'), withTemplateFileVars(vars, t), where));
        break;
      case 'file':
        // as Ansible's file lookup: trailing whitespace stripped
        values = terms.map((t) => readLocalFile(taskDir, playbookDir, t, 'files').trimEnd());
        break;
      case 'env':
        values = terms.map((t) => process.env[t] ?? '');
        break;
      default:
        throw new Error(`lookup plugin '${kind ?? ''}' is not supported (supported: template, file, env)`);
    }
    return wantList ? values : values.join(',');
  };
  // globals, as in Ansible's Jinja: a variable of the same name (register: q) hides them. A Callable there is ours,
  // copied with the vars of an enclosing call (a loop item's vars): it is bound anew, to these vars.
  const query = new Callable('query', (args) => lookup(args, true));
  const globals: Vars = { lookup: new Callable('lookup', (args, kwargs) => lookup(args, kwargs.wantlist === true)), query, q: query };
  for (const [name, fn] of Object.entries(globals)) if (!(name in vars) || vars[name] instanceof Callable) vars[name] = fn;
  return vars;
}

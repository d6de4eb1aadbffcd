// lookup() / query() / q() for a task, as Ansible's Templar._lookup: the plugin by name (ansible.builtin.X too), its
// keyword arguments, errors=strict|warn|ignore, wantlist, and results marked unsafe (a template in a file read or a
// command's output is never rendered). Injected into the task's variables, in place of the template engine's
// env-only lookup.
import { dirname } from 'node:path';
import { Callable, isUnsafe, markUnsafe, render, UnsafeText, type TemplateWhere } from '../template/index.js';
import { lookupName, unknownLookup } from '../template/lookup-names.js';
import { TemplateRuntimeError } from '../template/undefined.js';
import type { Dict } from '../template/values.js';
import type { Task, Vars } from '../playbook/model.js';
import { LookupFailure, type LookupContext, type SearchPlace, type Terms } from './lookup-plugin.js';
import { LOOKUP_PLUGINS } from './lookup-table.js';
import type { Keyring } from '../vault/keyring.js';

/** Where a task's files are: the role's directory (for a role's task), the task file's directory, the playbook's. */
export function searchPlaceOf(task: Pick<Task, 'baseDir' | 'role' | 'loc'>, playbookDir: string, keyring: Keyring): SearchPlace {
  const paths = [...new Set([...(task.role !== undefined ? [task.baseDir] : []), dirname(task.loc.file)])];
  return { paths, playbookDir, keyring };
}

/** Run the plugin `written` on terms; its own failures are LookupFailure, an unknown name a TemplateRuntimeError. */
export function runLookup(written: string, terms: Terms, kwargs: Dict, ctx: LookupContext): unknown[] {
  const name = lookupName(written);
  if (name === undefined) throw new TemplateRuntimeError(unknownLookup(written) ?? `lookup plugin (${written}) not found`);
  return LOOKUP_PLUGINS[name](terms, kwargs, ctx);
}

/** Ansible's _lookup: what lookup(...) or query(...) returns in a template. */
export function lookupValue(args: readonly unknown[], kwargs: Dict, wantlistDefault: boolean, ctx: LookupContext): unknown {
  const [written, ...terms] = args;
  if (typeof written !== 'string') throw new TemplateRuntimeError('lookup() needs the name of a lookup plugin as its first argument');
  const { wantlist, allow_unsafe: allowUnsafe, errors, ...options } = kwargs;
  const wantList = wantlistDefault || wantlist === true;
  let ran: unknown[];
  try {
    // the terms are templated once more, as Ansible's listify_lookup_plugin_terms does
    ran = runLookup(written, ctx.render(terms) as unknown[], options, ctx);
  } catch (err) {
    if (!(err instanceof LookupFailure)) throw err;
    // errors=warn: kplay has no warning channel inside a template; it ignores, as errors=ignore does
    if (errors === 'ignore' || errors === 'warn') return wantList ? [] : null;
    throw new TemplateRuntimeError(`lookup('${written}'): ${err.message}`);
  }
  if (ran.length === 0 || allowUnsafe === true) return ran;
  if (wantList) return markUnsafe(ran);
  if (ran.every((x) => typeof x === 'string' || x instanceof UnsafeText)) return new UnsafeText(ran.map(String).join(','));
  const one = ran.length === 1 ? ran[0] : ran;
  return typeof one === 'string' ? new UnsafeText(one) : typeof one === 'object' && one !== null && !isUnsafe(one) ? markUnsafe(one) : one;
}

/** The lookup context of a task's variables (subdir: files, as for any lookup in a template). */
export function lookupContext(vars: Vars, place: SearchPlace, where: TemplateWhere, subdir: LookupContext['subdir'] = 'files'): LookupContext {
  return { vars, place, subdir, where, render: (value) => render(value, vars, where) };
}

/**
 * The task's variables with lookup, query and q bound to them: globals, as in Ansible's Jinja, so a variable of the
 * same name (register: q) hides them. A Callable there is ours, copied with the vars of an enclosing call (a loop
 * item's vars): it is bound anew, to these vars.
 */
export function withLookups(vars: Vars, place: SearchPlace, where: TemplateWhere): Vars {
  const ctx = lookupContext(vars, place, where);
  const query = new Callable('query', (args, kwargs) => lookupValue(args, kwargs, true, ctx));
  const globals: Vars = { lookup: new Callable('lookup', (args, kwargs) => lookupValue(args, kwargs, false, ctx)), query, q: query };
  for (const [name, fn] of Object.entries(globals)) if (!(name in vars) || vars[name] instanceof Callable) vars[name] = fn;
  return vars;
}

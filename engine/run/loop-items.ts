// The items of a loop, as Ansible's TaskExecutor._get_loop_items: `loop:` is rendered and must be a list;
// `with_X:` is the lookup X over its terms (rendered first; with_first_found keeps going past undefined names), for a
// task, an include_tasks or an include_role alike.
import { InputError } from '../core/errors.js';
import { looksLikeTemplate } from '../core/unsafe.js';
import { render, type TemplateWhere } from '../template/index.js';
import { UndefinedUse } from '../template/undefined.js';
import { isDict, pyStr } from '../template/values.js';
import type { LoopControl, Vars } from '../playbook/model.js';
import { LookupFailure, type LookupContext, type SearchPlace, type Terms } from './lookup-plugin.js';
import { lookupContext, runLookup } from './lookups.js';

export interface LoopSource {
  /** the value of loop: or of with_X: */
  readonly loop?: unknown;
  /** X of with_X (Ansible's loop_with), undefined for loop: */
  readonly loopWith?: string | undefined;
}

/** Whether an error is a template naming an undefined variable (Ansible's AnsibleUndefinedVariable). */
export function isUndefinedError(err: unknown): boolean {
  return err instanceof UndefinedUse || (err instanceof InputError && err.cause instanceof UndefinedUse);
}

/** A template whose variables are undefined is kept as written (Ansible's fail_on_undefined=False). */
function renderLenient(value: unknown, vars: Vars, where: TemplateWhere): unknown {
  if (Array.isArray(value)) return (value as unknown[]).map((v) => renderLenient(v, vars, where));
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderLenient(v, vars, where)]));
  try {
    return render(value, vars, where);
  } catch (err) {
    if (isUndefinedError(err)) return value;
    throw err;
  }
}

/** listify_lookup_plugin_terms: rendered; a string or a scalar becomes a one-term list. */
function loopTerms(loop: unknown, vars: Vars, where: TemplateWhere, lenient: boolean): Terms {
  const raw = typeof loop === 'string' ? loop.trim() : loop;
  const rendered = lenient ? renderLenient(raw, vars, where) : render(raw, vars, where);
  if (Array.isArray(rendered)) return rendered as unknown[];
  if (isDict(rendered)) return rendered;
  return [rendered];
}

/** first_found in a with_ loop searches the directory of the task's kind: templates/, vars/ (include_vars), files/. */
export function subdirFor(action: string): LookupContext['subdir'] {
  if (action.includes('template')) return 'templates';
  if (action.includes('var')) return 'vars';
  return 'files';
}

/** The items to run the task over on this host (vars: the task's variables, lookups bound). */
export function loopItems(node: LoopSource, action: string, vars: Vars, place: SearchPlace, where: TemplateWhere): unknown[] {
  if (node.loopWith === undefined) {
    const items = render(node.loop, vars, where);
    if (!Array.isArray(items)) {
      throw new InputError(`Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(items)}`, {
        loc: where.loc,
        hint: 'a lookup() of one element is not a list: use query() (or wantlist=True)',
      });
    }
    return items as unknown[];
  }
  const firstFound = node.loopWith.replace(/^ansible\.(?:builtin|legacy)\./, '') === 'first_found';
  let terms = loopTerms(node.loop, vars, where, firstFound);
  // with_first_found: names still holding a template named something undefined are passed over
  if (firstFound && Array.isArray(terms)) terms = terms.filter((t) => !(typeof t === 'string' && looksLikeTemplate(t)));
  const ctx = lookupContext(vars, place, where, subdirFor(action));
  try {
    return runLookup(node.loopWith, terms, {}, ctx);
  } catch (err) {
    if (err instanceof LookupFailure) throw new InputError(`with_${node.loopWith}: ${err.message}`, { loc: where.loc });
    if (err instanceof Error && !(err instanceof InputError)) throw new InputError(`with_${node.loopWith}: ${err.message}`, { loc: where.loc, cause: err });
    throw err;
  }
}

/** The variables one item of a loop adds, as Ansible's _run_loop sets them (ansible_loop with loop_control.extended). */
export function itemVars(items: readonly unknown[], index: number, control: LoopControl | undefined): Vars {
  const loopVar = control?.loopVar ?? 'item';
  const out: Vars = { [loopVar]: items[index], ansible_loop_var: loopVar };
  if (control?.indexVar !== undefined) Object.assign(out, { [control.indexVar]: index, ansible_index_var: control.indexVar });
  if (control?.extended === true) {
    const n = items.length;
    const loop: Vars = { index: index + 1, index0: index, first: index === 0, last: index + 1 === n, length: n, revindex: n - index, revindex0: n - index - 1 };
    if (control.extendedAllitems !== false) loop.allitems = items;
    if (index + 1 < n) loop.nextitem = items[index + 1];
    if (index > 0) loop.previtem = items[index - 1];
    out.ansible_loop = loop;
  }
  return out;
}

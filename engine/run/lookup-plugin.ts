// What a lookup plugin is: Ansible's LookupModule.run(terms, variables, **kwargs) as a function, with the task's
// place (search path for files) and a way to render templates; and the error a plugin raises for bad terms.
import type { TemplateWhere } from '../template/index.js';
import { isDict, iterate, type Dict } from '../template/values.js';
import type { Vars } from '../playbook/model.js';
import type { Keyring } from '../vault/keyring.js';

/** The terms a plugin gets: a list (lookup('x', a, b) or with_x: [a, b]), or one mapping (with_dict: "{{ d }}"). */
export type Terms = readonly unknown[] | Dict;

/** Where files are looked for, as Ansible's find_file_in_search_path: `paths` in order, then the playbook's dir. */
export interface SearchPlace {
  /** the role's directory (if any), then the directory of the task's file: Ansible's ansible_search_path */
  readonly paths: readonly string[];
  /** the playbook's directory (Ansible's loader basedir): last resort, and the cwd of pipe and lines */
  readonly playbookDir: string;
  /** the run's vault passwords: files found here are decrypted with them (file, unvault, template lookups) */
  readonly keyring: Keyring;
}

export interface LookupContext {
  readonly vars: Vars;
  readonly place: SearchPlace;
  /** the subdirectory first_found searches: files, or templates/vars for a template/include_vars task's with_ loop */
  readonly subdir: 'files' | 'templates' | 'vars';
  readonly where: TemplateWhere;
  /** Ansible's templar.template: the templates inside a value rendered with the task's variables */
  readonly render: (value: unknown) => unknown;
}

export type LookupPlugin = (terms: Terms, kwargs: Dict, ctx: LookupContext) => unknown[];

/** A lookup refused its terms or could not produce a value (Ansible's AnsibleError from a plugin). */
export class LookupFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupFailure';
  }
}

/** The terms as a list (a mapping is one term: Ansible's dict lookup wraps it so). */
export function termList(terms: Terms): unknown[] {
  return isDict(terms) ? [terms] : [...terms];
}

/** Python's `for x in v` over a term, as a list (a string's characters, a mapping's keys). */
export function pyIter(v: unknown): unknown[] {
  return iterate(v);
}

/** Ansible's listify_lookup_plugin_terms for one nested term: templates rendered, a string or scalar made a list. */
export function listify(term: unknown, ctx: LookupContext): unknown {
  const rendered = ctx.render(typeof term === 'string' ? term.trim() : term);
  return Array.isArray(rendered) || isDict(rendered) ? rendered : [rendered];
}

/** LookupBase._flatten: list members spliced in, one level. */
export function flattenOne(terms: unknown): unknown[] {
  return pyIter(terms).flatMap((t) => (Array.isArray(t) ? (t as unknown[]) : [t]));
}

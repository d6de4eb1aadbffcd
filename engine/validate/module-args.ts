// A task's module arguments against the module's own schema: unknown parameters, types, choices, required,
// mutually exclusive. Values holding templates are skipped (known only at run time).
import type { SourceLoc } from '../core/location.js';
import type { ModuleDef } from '../../modules/contract.js';
import { checkValue, hasTemplate, missingRequired, type ParamSchema } from './param-check.js';
import type { Problems } from './problems.js';
import { didYouMean } from '../core/suggest.js';

/** Where a parameter's key and value are written. */
export interface ArgLocs {
  key(name: string): SourceLoc | undefined;
  value(name: string, path: readonly (string | number)[]): SourceLoc | undefined;
  /** the module key of the task */
  readonly module: SourceLoc | undefined;
}

/**
 * Parameters ansible-core has removed that roles written for older versions still pass: ansible-playbook 2.14 fails
 * such a task wherever it runs, and so does kplay; validate warns (by canonical module name).
 */
const REMOVED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  command: { warn: 'ansible-core 2.14 removed it' },
  shell: { warn: 'ansible-core 2.14 removed it' },
  get_url: { sha256sum: "ansible-core 2.14 removed it: write checksum: 'sha256:HEX'" },
  pip: { use_mirrors: 'Ansible removed it long ago' },
};

function present(args: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(args, name) && args[name] !== null && args[name] !== undefined;
}

/**
 * How sure a parameter problem is to stop the run. `refuse`: the task runs on every host, and fails there: an error
 * before the run. `ignored`: its failure does not stop its host (ignore_errors, failed_when: false); `guarded`: it runs
 * only where a condition holds (its own `when`, a block's or an import's), as in a role's path for another platform.
 * ansible-playbook then fails it only on the hosts where it runs, and goes on: so does kplay, and validate warns.
 */
export type ArgStrictness = 'refuse' | 'ignored' | 'guarded';

export function checkModuleArgs(def: ModuleDef, moduleAs: string, args: Record<string, unknown>, locs: ArgLocs, problems: Problems, strictness: ArgStrictness = 'refuse'): void {
  const report = (message: string, loc: SourceLoc | undefined, hint?: string): void => {
    if (strictness === 'refuse') problems.add(message, loc, hint);
    else problems.warn(`${message}: the task fails on each host where it runs${strictness === 'ignored' ? ', and its failure is ignored there' : ''}`, loc, hint);
  };
  const schema = def.params as unknown as ParamSchema;
  const props = schema.properties ?? {};
  const names = Object.keys(props);
  const open = schema.additionalProperties === true || typeof schema.additionalProperties === 'object';
  for (const [k, v] of Object.entries(args)) {
    const p = Object.hasOwn(props, k) ? props[k] : undefined;
    if (!p) {
      if (!open && def.otherParam !== undefined) problems.warn(`${moduleAs}: parameter "${k}" ${def.otherParam(k)}`, locs.key(k));
      else if (!open) {
        const gone = Object.hasOwn(REMOVED, def.name) ? REMOVED[def.name] : undefined;
        const removed = gone !== undefined && Object.hasOwn(gone, k) ? gone[k] : undefined;
        const hint = removed !== undefined ? `${removed}; ansible-playbook fails this task too` : (didYouMean(k, names, `${moduleAs} takes`) ?? `${moduleAs} takes: ${names.join(', ')}`);
        // a parameter of an older Ansible fails the task only where it runs, in ansible-playbook as in kplay; a
        // misspelling is refused before the run (unless the task may not run, or its failure is ignored)
        if (removed !== undefined && strictness === 'refuse') problems.warn(`${moduleAs}: unknown parameter "${k}": the task fails on each host where it runs`, locs.key(k), hint);
        else report(`${moduleAs}: unknown parameter "${k}"`, locs.key(k), hint);
      }
      continue;
    }
    for (const f of checkValue(p, v, [])) {
      const at = f.path.length > 0 ? `${k}${f.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}` : k;
      if (f.warning) problems.warn(`${moduleAs}: parameter "${at}" ${f.message}`, locs.value(k, f.path), f.hint);
      else report(`${moduleAs}: parameter "${at}" ${f.message}`, locs.value(k, f.path), f.hint);
    }
  }
  for (const r of missingRequired(schema, (name) => present(args, name))) {
    const free = def.freeForm === r ? ` (or the free-form text: \`${moduleAs}: ...\`)` : '';
    report(`${moduleAs}: missing required parameter "${r}"`, locs.module, `add ${r}: ...${free}`);
  }
  for (const group of def.requiredOneOf ?? []) {
    if (!group.some((g) => present(args, g))) {
      const free = def.freeForm && group.includes(def.freeForm) ? ` (the free-form text after \`${moduleAs}:\` sets ${def.freeForm})` : '';
      report(`${moduleAs}: needs one of ${group.join(', ')}`, locs.module, `set one of: ${group.join(', ')}${free}`);
    }
  }
  for (const group of def.mutuallyExclusive ?? []) {
    // a templated value may render to omit (`default(omit)`, `ternary(omit, x)`): only the run can tell
    const given = group.filter((g) => present(args, g) && !hasTemplate(args[g]));
    if (given.length > 1) {
      const second = given[1] ?? '';
      report(`${moduleAs}: parameters ${given.join(' and ')} cannot be used together`, locs.key(second) ?? locs.module, `keep one of ${given.join(', ')}`);
    }
  }
}

// A host's own vars_files: the play's entries named through host variables or facts, resolved with the host's
// variables as Ansible's VariableManager does for every task: the first name that gives an existing file wins; a
// name with an undefined variable is passed over until the host has facts, then it stops the run; no file at all
// stops the run ("vars file ... was not found").
import { KplayError } from '../core/errors.js';
import { isAbsolute, join } from 'node:path';
import type { HostVarsFile, Play, Vars } from '../playbook/model.js';
import { pyStr, render } from '../template/index.js';
import { isUndefinedError } from './loop-items.js';

/** Python's repr of the entry as Ansible prints it in its errors: the name, or the list of names. */
function entryText(entry: HostVarsFile): string {
  return entry.names.length === 1 ? (entry.names[0] as string) : `[${entry.names.map((n) => `'${n}'`).join(', ')}]`;
}

/** The variables of one entry on this host, or undefined when it is passed over. */
function resolveEntry(entry: HostVarsFile, vars: Vars, hasFacts: boolean): Vars | undefined {
  const where = { loc: entry.loc, task: 'vars_files' };
  for (const name of entry.names) {
    let path: string;
    try {
      path = pyStr(render(name, vars, where));
    } catch (err) {
      if (!isUndefinedError(err)) throw err;
      if (hasFacts) throw new KplayError('command', `an undefined variable was found when attempting to template the vars_files item '${name}'`, { loc: entry.loc });
      return undefined;
    }
    const found = entry.candidates.get(isAbsolute(path) ? path : join(entry.dir, path));
    if (found !== undefined) return found;
  }
  throw new KplayError('command', `vars file ${entryText(entry)} was not found`, { loc: entry.loc });
}

/**
 * The play's vars files for this host, in the order written: the loaded ones with the host's own between them.
 * `namingVars` gives the variables a name is rendered with: in Ansible those ranked below vars_files and the files
 * before it (not the later ones, nor extra vars).
 */
export function hostVarsFiles(play: Play, namingVars: (before: readonly Vars[]) => Vars, hasFacts: boolean): readonly Vars[] {
  const entries = play.hostVarsFiles ?? [];
  if (entries.length === 0) return play.varsFiles;
  const out: Vars[] = [];
  let next = 0;
  for (const entry of entries) {
    out.push(...play.varsFiles.slice(next, entry.after));
    next = entry.after;
    const own = resolveEntry(entry, namingVars(out), hasFacts);
    if (own !== undefined) out.push(own);
  }
  out.push(...play.varsFiles.slice(next));
  return out;
}

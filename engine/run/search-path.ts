// Controller files as Ansible's find_file_in_search_path finds them (DataLoader.path_dwim_relative_stack): in each
// search path (the role's directory, the task file's directory) `subdir/name` then `name`, then the same under the
// playbook's directory; `subdir/` is not added twice when the name already starts with it.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { SearchPlace } from './lookup-plugin.js';

/** Where `name` is looked for, in order (an absolute or ~ name: itself). */
export function searchCandidates(place: SearchPlace, subdir: string, name: string): string[] {
  if (name.startsWith('~')) return [join(homedir(), name.slice(1))];
  if (isAbsolute(name)) return [name];
  const out: string[] = [];
  const under = (dir: string): void => {
    if (name.split('/')[0] !== subdir) out.push(resolve(dir, subdir, name));
    out.push(resolve(dir, name));
  };
  for (const p of place.paths) under(p);
  under(place.playbookDir);
  return [...new Set(out)];
}

/** The first candidate that exists (a file or a directory), or undefined. */
export function findInSearchPath(place: SearchPlace, subdir: string, name: string): string | undefined {
  return searchCandidates(place, subdir, name).find((p) => existsSync(p));
}

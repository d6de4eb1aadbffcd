// vars_files entries named through host variables or facts (`vars/{{ ansible_os_family }}.yml`): the play cannot
// resolve them, each host does when its tasks run. Every file such a name could name is read here, before the run,
// so that a mistake in any of them is found by validate.
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, basename } from 'node:path';
import type { SourceLoc } from '../core/location.js';
import type { LoadCtx } from './context.js';
import type { HostVarsFile, Vars } from './model.js';
import { isFile } from './task-files.js';
import { readVarsFile } from './vars-file.js';

const TEMPLATE = /\{\{.*?\}\}|\{%.*?%\}/g;

/** The files in the name's directory its file-name pattern could match ({{ ... }} stands for anything). */
function candidatePaths(name: string, dir: string): string[] | undefined {
  const path = isAbsolute(name) ? name : join(dir, name);
  const parent = dirname(path);
  if (parent.includes('{{') || parent.includes('{%')) return undefined;
  const parts = basename(path).split(TEMPLATE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${parts.join('.*')}$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  return entries.filter((e) => pattern.test(e)).map((e) => join(parent, e)).filter(isFile).sort();
}

/**
 * The entry as a host resolves it, its candidate files read; undefined when a name's directory is itself a
 * template (validate cannot tell which files it names), after reporting that.
 */
export function hostVarsFile(names: readonly string[], dir: string, after: number, loc: SourceLoc, ctx: LoadCtx): HostVarsFile | undefined {
  const candidates = new Map<string, Vars>();
  for (const n of names) {
    const paths = n.includes('{{') || n.includes('{%') ? candidatePaths(n, dir) : [isAbsolute(n) ? n : join(dir, n)].filter(isFile);
    if (paths === undefined) {
      ctx.problems.add(`vars_files entry "${n}" has a templated directory: kplay cannot tell which files it names before the run`, loc, 'template the file name only (vars/{{ ansible_os_family }}.yml), or use include_vars in a task');
      return undefined;
    }
    for (const p of paths) if (!candidates.has(p)) candidates.set(p, readVarsFile(p, ctx, loc));
  }
  return { after, names, dir, candidates, loc };
}

// vars_files entries named through host variables or facts (`vars/{{ ansible_os_family }}.yml`): the play cannot
// resolve them, each host does when its tasks run. Every file such a name could name is read here, before the run,
// so that a mistake in any of them is found by validate.
import { readdirSync, type Dirent } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { SourceLoc } from '../core/location.js';
import type { LoadCtx } from './context.js';
import type { HostVarsFile, Vars } from './model.js';
import { isFile } from './task-files.js';
import { readVarsFile } from './vars-file.js';

const TEMPLATE = /\{\{.*?\}\}|\{%.*?%\}/g;

/** How many directory entries a templated name may make validate look through. */
const MAX_ENTRIES = 5000;

/** The name as a pattern over paths: {{ ... }} stands for anything within one directory level. */
function namePattern(text: string): RegExp {
  const parts = text.split(TEMPLATE).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]*')}$`);
}

/**
 * The files its pattern could name, under the longest directory of the name without a template, or undefined when
 * there are too many entries there to look through before the run.
 */
function candidatePaths(name: string, dir: string): string[] | undefined {
  const path = isAbsolute(name) ? name : join(dir, name);
  const first = path.search(/\{\{|\{%/);
  const fixed = path.slice(0, path.lastIndexOf('/', first) + 1);
  const rest = path.slice(fixed.length);
  const pattern = namePattern(rest);
  const depth = rest.replace(TEMPLATE, '').split('/').length - 1;
  const found: string[] = [];
  let seen = 0;
  const walk = (at: string, rel: string, level: number): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(fixed, at), { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return false;
      const sub = rel === '' ? e.name : `${rel}/${e.name}`;
      // a link to a directory is not followed: no loops
      if (e.isDirectory()) {
        if (level < depth && !walk(join(at, e.name), sub, level + 1)) return false;
      } else if (pattern.test(sub) && isFile(join(fixed, sub))) found.push(join(fixed, sub));
    }
    return true;
  };
  return walk('', '', 0) ? found.sort() : undefined;
}

/**
 * The entry as a host resolves it, its candidate files read; undefined when a name could name too many files to
 * read before the run, after reporting that.
 */
export function hostVarsFile(names: readonly string[], dir: string, after: number, loc: SourceLoc, ctx: LoadCtx): HostVarsFile | undefined {
  const candidates = new Map<string, Vars>();
  for (const n of names) {
    const paths = n.includes('{{') || n.includes('{%') ? candidatePaths(n, dir) : [isAbsolute(n) ? n : join(dir, n)].filter(isFile);
    if (paths === undefined) {
      ctx.problems.add(`vars_files entry "${n}" could name any of more than ${MAX_ENTRIES} files: kplay reads every file a vars_files name could name before the run`, loc, 'put the files it names in a directory of their own, or use include_vars in a task');
      return undefined;
    }
    for (const p of paths) if (!candidates.has(p)) candidates.set(p, readVarsFile(p, ctx, loc));
  }
  return { after, names, dir, candidates, loc };
}

// Reading a task file (role tasks, import_tasks, include_tasks, handlers): YAML, shape, templates, then tasks.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { SourceLoc } from '../core/location.js';
import { checkTaskFileShape } from '../validate/schema-check.js';
import { checkTemplatesIn } from '../validate/template-check.js';
import { locOf } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';

/** The raw list of tasks in a file, or undefined when it cannot be read (the problem is recorded). */
export function readTaskFile(path: string, ctx: LoadCtx, refLoc: SourceLoc | undefined): unknown[] | undefined {
  if (!isFile(path)) {
    ctx.problems.add(`task file ${path} does not exist`, refLoc, 'paths are relative to the file that names them (or to a role\'s tasks/)');
    return undefined;
  }
  let value: unknown;
  try {
    value = ctx.files.load(path).value;
  } catch (err) {
    ctx.problems.absorb(err);
    return undefined;
  }
  if (value === null) return [];
  checkTaskFileShape(value, ctx.problems, { file: path, line: 1, col: 1 });
  checkTemplatesIn(value, ctx.problems);
  if (!Array.isArray(value)) {
    if (typeof value === 'object') {
      ctx.problems.add('a task file is a list of tasks, but this one is a mapping', locOf(value) ?? { file: path, line: 1, col: 1 }, 'start each task with `- `');
    }
    return undefined;
  }
  return value as unknown[];
}

export function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/** import_tasks / include_tasks names: relative to the including file, then (in a role) to its tasks/. */
export function resolveTaskPath(name: string, scope: Scope): string {
  if (isAbsolute(name)) return name;
  const candidates = [join(scope.fileDir, name), join(scope.baseDir, 'tasks', name), join(scope.baseDir, name)];
  return candidates.find(isFile) ?? (candidates[0] as string);
}

export function scopeForFile(path: string, scope: Scope): Scope {
  return { ...scope, fileDir: dirname(path) };
}

// A vars file (vars_files, role defaults/vars): one YAML mapping of variables.
import type { SourceLoc } from '../core/location.js';
import { checkTemplatesIn } from '../validate/template-check.js';
import { locOf } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import type { Vars } from './model.js';
import { isMapping } from './read.js';
import { isFile } from './task-files.js';

/** The file's variables; problems (missing file, not a mapping, YAML) are recorded and {} returned. */
export function readVarsFile(path: string, ctx: LoadCtx, refLoc: SourceLoc | undefined): Vars {
  if (!isFile(path)) {
    ctx.problems.add(`vars file ${path} does not exist`, refLoc, 'paths are relative to the playbook');
    return {};
  }
  let value: unknown;
  try {
    value = ctx.files.load(path).value;
  } catch (err) {
    ctx.problems.absorb(err);
    return {};
  }
  if (value === null) return {};
  if (!isMapping(value)) {
    ctx.problems.add('a vars file must be a mapping of variable names to values', (typeof value === 'object' ? locOf(value) : undefined) ?? { file: path, line: 1, col: 1 });
    return {};
  }
  checkTemplatesIn(value, ctx.problems);
  return value;
}

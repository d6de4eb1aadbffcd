// A role's argument specs (meta/argument_specs.yml, else `argument_specs` in meta/main.yml): as Ansible does, a role
// whose entry point (main, or tasks_from) has a spec starts with a validate_argument_spec task, tagged always,
// checking the role's parameters and the variables the spec names.
import { join } from 'node:path';
import type { LoadCtx } from './context.js';
import { isMapping, type Raw } from './read.js';
import { isFile } from './task-files.js';
import type { Vars } from './model.js';
import type { SourceLoc } from '../core/location.js';
import { validateArgumentSpec } from '../../modules/support/arg-spec.js';

/** The argument_specs mapping of a role (empty when it has none). */
function argumentSpecs(dir: string, ctx: LoadCtx): Raw {
  const own = ['argument_specs.yml', 'argument_specs.yaml'].map((f) => join(dir, 'meta', f)).find(isFile);
  const file = own ?? ['main.yml', 'main.yaml', 'main'].map((f) => join(dir, 'meta', f)).find(isFile);
  if (file === undefined) return {};
  try {
    const value = ctx.files.load(file).value;
    const specs = isMapping(value) ? value.argument_specs : undefined;
    return isMapping(specs) ? specs : {};
  } catch (err) {
    // meta/main.yml's own problems are reported where its dependencies are read
    if (own !== undefined) ctx.problems.absorb(err);
    return {};
  }
}

/**
 * The validation task Ansible puts first in the role, as a raw task, or undefined when the entry point has no spec.
 * `params` are the role entry's parameters (Ansible's role params: neither keywords nor vars).
 */
export function validationTask(dir: string, role: string, entryPoint: string | undefined, params: Vars, ctx: LoadCtx, at: SourceLoc): Raw | undefined {
  const name = entryPoint ?? 'main';
  const spec = argumentSpecs(dir, ctx)[name];
  if (!isMapping(spec)) return undefined;
  warnLiteralProblems(isMapping(spec.options) ? spec.options : {}, params, role, ctx, at);
  const short = spec.short_description;
  return {
    name: `Validating arguments against arg spec '${name}'${typeof short === 'string' ? ` - ${short}` : ''}`,
    tags: ['always'],
    'ansible.builtin.validate_argument_spec': {
      argument_spec: isMapping(spec.options) ? spec.options : {},
      provided_arguments: params,
      validate_args_context: { type: 'role', name: role, argument_spec_name: name, path: dir },
    },
  };
}

/** Whether a value holds no template anywhere: only such parameters can be checked before the run. */
function literal(v: unknown): boolean {
  if (typeof v === 'string') return !v.includes('{{') && !v.includes('{%');
  if (Array.isArray(v)) return v.every(literal);
  if (isMapping(v)) return Object.values(v).every(literal);
  return true;
}

/**
 * What the spec says of the role's parameters written without templates, before any host is touched: a warning
 * each, since the check fails the hosts when the role runs. A required argument may still come from a variable.
 */
function warnLiteralProblems(options: Raw, params: Vars, role: string, ctx: LoadCtx, at: SourceLoc): void {
  const fixed = Object.fromEntries(Object.entries(params).filter(([, v]) => literal(v)));
  if (Object.keys(fixed).length === 0) return;
  const specs = Object.fromEntries(Object.entries(options).filter((e): e is [string, Raw] => isMapping(e[1])));
  for (const message of validateArgumentSpec(specs, fixed)) {
    if (message.startsWith('missing required arguments: ') && !message.includes(' found in ')) continue;
    ctx.problems.warn(`role "${role}": ${message}`, at, "the role's meta/argument_specs check fails the hosts that run it");
  }
}

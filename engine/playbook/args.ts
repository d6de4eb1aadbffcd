// A task's module arguments: a mapping, or free-form `key=value ... text` split as Ansible does, plus `args:`.
import { dict } from '../core/dict.js';
import type { SourceLoc } from '../core/location.js';
import type { ModuleDef } from '../../modules/contract.js';
import { checkModuleArgs, type ArgLocs, type ArgStrictness } from '../validate/module-args.js';
import type { ParamSchema } from '../validate/param-check.js';
import { keyLoc, locAtPath, valueLoc } from '../yaml/positions.js';
import type { LoadCtx, Scope } from './context.js';
import { splitWords } from './free-form.js';
import { argumentsStart } from './action-value.js';
import type { Vars } from './model.js';
import { asBool, isMapping, locOrFile, type Raw } from './read.js';

/**
 * Whether the task's own keywords let it fail without stopping its host (ignore_errors: true, failed_when: false), so
 * that ansible-playbook runs on past a module that refuses its arguments.
 */
function failureIgnored(raw: Raw): boolean {
  const never = (c: unknown): boolean => c === false || (typeof c === 'string' && /^\s*(false|False)\s*$/.test(c));
  const written: unknown = raw.failed_when;
  const failedWhen: unknown = Array.isArray(written) && written.length === 1 ? (written as unknown[])[0] : written;
  return asBool(raw.ignore_errors) === true || never(failedWhen);
}

/** How validate treats the task's parameter problems: see ArgStrictness. */
function strictnessOf(raw: Raw, scope: Scope): ArgStrictness {
  if (failureIgnored(raw)) return 'ignored';
  const when: unknown = raw.when;
  const conditional = when !== undefined && when !== null && when !== '' && !(Array.isArray(when) && when.length === 0);
  return conditional || scope.guarded === true ? 'guarded' : 'refuse';
}

/**
 * `actionOf`: the value also names this module (action, local_action): its first word, or its mapping's `module` key, is
 * not an argument, and messages name the module.
 */
export function parseArgs(raw: Raw, key: string, def: ModuleDef, ctx: LoadCtx, scope: Scope, actionOf?: string): { args: Vars; argsLoc: SourceLoc } {
  const value = raw[key];
  const actionForm = actionOf !== undefined;
  const argsLoc = valueLoc(raw, key) ?? locOrFile(raw, scope.fileDir);
  const args: Record<string, unknown> = dict();
  const keyAt = new Map<string, SourceLoc | undefined>();
  const valueAt = new Map<string, (path: readonly (string | number)[]) => SourceLoc | undefined>();

  if (isMapping(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (actionForm && k === 'module') continue;
      args[k] = v;
      keyAt.set(k, keyLoc(value, k));
      valueAt.set(k, (path) => locAtPath(value, [k, ...path]));
    }
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value);
    const start = actionForm ? argumentsStart(text) : 0;
    freeForm(text.slice(start), start, raw, key, actionOf ?? key, def, ctx, args, keyAt, valueAt);
  } else if (Array.isArray(value)) {
    ctx.problems.add(`${key}: arguments must be a mapping or key=value text, not a list`, argsLoc);
  }

  // `args:` adds to the module's arguments; those written with the module win
  if (isMapping(raw.args)) {
    const extra = raw.args;
    for (const [k, v] of Object.entries(extra)) {
      if (k in args) continue;
      args[k] = v;
      keyAt.set(k, keyLoc(extra, k));
      valueAt.set(k, (path) => locAtPath(extra, [k, ...path]));
    }
  }

  const locs: ArgLocs = {
    module: keyLoc(raw, key),
    key: (k) => keyAt.get(k) ?? argsLoc,
    value: (k, path) => valueAt.get(k)?.(path) ?? argsLoc,
  };
  checkModuleArgs(def, actionOf ?? key, args, locs, ctx.problems, strictnessOf(raw, scope));
  return { args, argsLoc };
}

/** `offset`: where `text` starts in the YAML value, for the positions of errors. */
function freeForm(
  text: string,
  offset: number,
  raw: Raw,
  key: string,
  moduleAs: string,
  def: ModuleDef,
  ctx: LoadCtx,
  args: Record<string, unknown>,
  keyAt: Map<string, SourceLoc | undefined>,
  valueAt: Map<string, (path: readonly (string | number)[]) => SourceLoc | undefined>,
): void {
  const split = splitWords(text);
  if ('error' in split) {
    ctx.problems.add(`${key}: ${split.error}`, valueLoc(raw, key, offset + split.index), 'close the quote, or quote the whole value in YAML');
    return;
  }
  const props = (def.params as unknown as ParamSchema).properties ?? {};
  // the free-form text keeps what the user wrote between its words (newlines of a `shell: |` script, spacing);
  // where parameters were taken out, the blanks before the first of them join the pieces (as Ansible's join_args)
  let rawText = '';
  let rawStart: number | undefined;
  let rawEnd = 0;
  let gapBeforeParam: string | undefined;
  for (const w of split.words) {
    // with a free-form parameter, only the module's own parameters are taken out (`chdir=/tmp`); the rest is text
    const isParam = w.key !== undefined && (def.freeForm === undefined || (w.key in props && w.key !== def.freeForm));
    if (isParam && w.key !== undefined) {
      if (rawStart !== undefined) gapBeforeParam ??= text.slice(rawEnd, w.start);
      args[w.key] = w.value;
      const start = offset + w.start;
      keyAt.set(w.key, valueLoc(raw, key, start));
      valueAt.set(w.key, () => valueLoc(raw, key, start + (w.key?.length ?? 0) + 1));
    } else if (def.freeForm !== undefined) {
      if (rawStart === undefined) rawStart = w.start;
      else rawText += gapBeforeParam ?? text.slice(rawEnd, w.start);
      rawText += w.raw;
      rawEnd = w.start + w.raw.length;
      gapBeforeParam = undefined;
    } else {
      ctx.problems.add(`${moduleAs}: "${w.raw}" is not key=value`, valueLoc(raw, key, offset + w.start), `${moduleAs} takes no free-form text: write key=value pairs, or a mapping`);
    }
  }
  if (def.freeForm !== undefined && rawStart !== undefined) {
    args[def.freeForm] = rawText;
    const at = offset + rawStart;
    keyAt.set(def.freeForm, valueLoc(raw, key, at));
    valueAt.set(def.freeForm, () => valueLoc(raw, key, at));
  }
}

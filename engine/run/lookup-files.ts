// The lookups that read controller files: file, template, unvault, fileglob and first_found, each finding its files
// as Ansible does (search-path.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { renderTemplateFile } from '../template/index.js';
import { withTemplateFileVars } from '../template/template-vars.js';
import { isDict, pyStr, type Dict } from '../template/values.js';
import { looksLikeTemplate } from '../core/unsafe.js';
import { InputError } from '../core/errors.js';
import { UndefinedUse } from '../template/undefined.js';
import { fnmatchToRegex } from '../inventory/patterns.js';
import { decryptFileText } from '../vault/vault-file.js';
import { LookupFailure, termList, type LookupContext, type LookupPlugin } from './lookup-plugin.js';
import { findInSearchPath } from './search-path.js';
import { templateLookupFiles } from './template-search.js';
import { toBool } from '../template/index.js';
import type { Keyring } from '../vault/keyring.js';

function readFound(path: string, keyring: Keyring): string {
  return decryptFileText(readFileSync(path, 'utf8'), path, keyring);
}

function fileOrFail(ctx: LookupContext, subdir: string, term: unknown, what: string): string {
  const path = findInSearchPath(ctx.place, subdir, pyStr(term));
  if (path === undefined || !isFile(path)) throw new LookupFailure(`${what}: ${pyStr(term)}`);
  return path;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const file: LookupPlugin = (terms, kwargs, ctx) =>
  termList(terms).map((t) => {
    let text = readFound(fileOrFail(ctx, 'files', t, 'could not locate file in lookup'), ctx.place.keyring);
    if (toBool(kwargs.lstrip ?? false) === true) text = text.trimStart();
    if (toBool(kwargs.rstrip ?? true) === true) text = text.trimEnd();
    return text;
  });

const unvault: LookupPlugin = (terms, _kw, ctx) => termList(terms).map((t) => readFound(fileOrFail(ctx, 'files', t, 'Unable to find file matching'), ctx.place.keyring));

const template: LookupPlugin = (terms, kwargs, ctx) =>
  termList(terms).map((t) => {
    const path = fileOrFail(ctx, 'templates', t, 'the template file could not be found for the lookup');
    const extra = isDict(kwargs.template_vars) ? kwargs.template_vars : {};
    return renderTemplateFile(readFound(path, ctx.place.keyring), withTemplateFileVars({ ...ctx.vars, ...extra }, path), ctx.where, templateLookupFiles(ctx.place, path));
  });

/** Python's glob of one directory: names matching the pattern (a leading dot only when the pattern has one), files only. */
function globFiles(dir: string, pattern: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = new RegExp(fnmatchToRegex(pattern), 's');
  // Python lists in directory order; sorted here, so a run is the same on every filesystem
  return names
    .filter((n) => re.test(n) && (!n.startsWith('.') || pattern.startsWith('.')))
    .sort()
    .map((n) => join(dir, n))
    .filter(isFile);
}

const fileglob: LookupPlugin = (terms, _kw, ctx) =>
  termList(terms).flatMap((t) => {
    const term = pyStr(t);
    const name = basename(term);
    const dirs: string[] = [];
    if (name !== term) {
      const found = findInSearchPath(ctx.place, 'files', dirname(term));
      if (found !== undefined) dirs.push(found);
    } else {
      for (const p of ctx.place.paths) dirs.push(join(p, 'files'), p);
    }
    for (const d of dirs) {
      const hits = globFiles(d, name);
      if (hits.length > 0) return hits;
    }
    return [];
  });

/** Ansible's _split_on: a string split on any of the characters, a list split member by member. */
function splitOn(v: unknown, chars: string): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return v.split(new RegExp(`[${chars}]`));
  return (Array.isArray(v) ? (v as unknown[]) : [v]).flatMap((x) => splitOn(x, chars));
}

/** The candidates of first_found's terms, and its skip option (the last one given wins, as in Ansible). */
function firstFoundCandidates(terms: readonly unknown[], kwargs: Dict): { names: unknown[]; skip: boolean } {
  let names: unknown[] = [];
  let skip = false;
  for (const term of terms) {
    if (Array.isArray(term)) {
      const inner = firstFoundCandidates(term as unknown[], kwargs);
      names.push(...inner.names);
      skip = inner.skip;
      continue;
    }
    let options: Dict;
    if (isDict(term)) options = term;
    else if (typeof term === 'string') options = kwargs;
    else throw new LookupFailure(`Invalid term supplied, can handle string, mapping or list of strings but got: ${typeof term} for ${pyStr(term)}`);
    const files = splitOn(options.files, ',;');
    const paths = splitOn(options.paths, ',:;');
    skip = toBool(options.skip ?? false) === true;
    if (paths.length > 0) for (const p of paths) for (const f of files) names.push(join(p, f));
    else if (files.length > 0) names = files;
    else names.push(term);
  }
  return { names, skip };
}

/** A candidate's name rendered; undefined when it names an undefined variable (first_found then tries the next). */
function candidateName(name: unknown, ctx: LookupContext): string | undefined {
  if (typeof name !== 'string' || !looksLikeTemplate(name)) return pyStr(name);
  try {
    return pyStr(ctx.render(name));
  } catch (err) {
    if (err instanceof UndefinedUse || (err instanceof InputError && err.cause instanceof UndefinedUse)) return undefined;
    throw err;
  }
}

const firstFound: LookupPlugin = (terms, kwargs, ctx) => {
  const { names, skip } = firstFoundCandidates(termList(terms), kwargs);
  for (const n of names) {
    const name = candidateName(n, ctx);
    if (name === undefined) continue;
    const path = findInSearchPath(ctx.place, ctx.subdir, name);
    if (path !== undefined) return [path];
  }
  if (skip) return [];
  throw new LookupFailure('No file was found when using first_found.');
};

export const FILE_LOOKUPS = { file, unvault, template, fileglob, first_found: firstFound } as const satisfies Record<string, LookupPlugin>;

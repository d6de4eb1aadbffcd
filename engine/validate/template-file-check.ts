// The template files that `template:` tasks name (a static src): syntax, and every filter and test they use,
// located in the .j2 file; and those a task's arguments read with lookup('template', 'name') (a literal name).
// A file not found is left to the run (the task may never run on any host); the files it includes or imports by a
// literal name are checked too, and one of them missing is a problem at the tag.
import { existsSync, readFileSync } from 'node:fs';
import type { SourceLoc } from '../core/location.js';
import { formatLoc } from '../core/location.js';
import { dirname } from 'node:path';
import { templateSyntaxError } from '../template/syntax.js';
import { findIncludedTemplate, withTemplatesDirs } from '../template/include.js';
import { localFileCandidates } from '../run/local-files.js';
import { decryptFileText } from '../vault/vault-file.js';
import type { Problems } from './problems.js';
import type { Keyring } from '../vault/keyring.js';

/** 1-based line and column of a character offset */
export function positionOf(text: string, index: number): { line: number; col: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, col: index - before.lastIndexOf('\n') };
}

function readTemplate(path: string, keyring: Keyring): string | undefined {
  try {
    return decryptFileText(readFileSync(path, 'utf8'), path, keyring);
  } catch {
    // unreadable, or vaulted without the password: the run reports it
    return undefined;
  }
}

/** Check the file a template task's `src` names; `taskLoc` is the task, for the hint. */
export function checkTemplateFile(src: unknown, taskDir: string, playbookDir: string, taskLoc: SourceLoc | undefined, problems: Problems, keyring: Keyring): void {
  if (typeof src !== 'string' || src === '' || src.includes('{{') || src.includes('{%')) return;
  const path = localFileCandidates(taskDir, playbookDir, src, 'templates').find((p) => existsSync(p));
  if (path === undefined) return;
  const hint = `template file ${src}${taskLoc ? `, used by the task at ${formatLoc(taskLoc)}` : ''}`;
  // Jinja's loader path for includes, as the template action builds it (the run's template-search.ts)
  const searchPath = withTemplatesDirs([taskDir, playbookDir, dirname(path)]);
  checkFileAndIncludes(path, searchPath, hint, problems, keyring, new Set());
}

/**
 * `{% include 'literal' [ignore missing] ... %}`, `{% import 'literal' as ... %}`, `{% from 'literal' import ... %}`:
 * names computed at run time are left to the run
 */
const INCLUDE = /\{%[-+]?\s*(include|import|from)\s+(['"])([^'"{}]+)\2(\s+ignore\s+missing)?/g;

function checkFileAndIncludes(path: string, searchPath: readonly string[], hint: string, problems: Problems, keyring: Keyring, seen: Set<string>): void {
  if (seen.has(path)) return;
  seen.add(path);
  const text = readTemplate(path, keyring);
  if (text === undefined) return;
  // a template file's strings are Jinja2's own: `"\"quoted\""` is no fault (Ansible doubles backslashes only in YAML)
  const fault = templateSyntaxError(text, false);
  if (fault) {
    const { line, col } = positionOf(text, fault.index);
    problems.add(`template syntax: ${fault.message}`, { file: path, line, col }, hint);
    return;
  }
  for (const m of text.matchAll(INCLUDE)) {
    const [, tag, , name = '', ignoreMissing] = m;
    const found = findIncludedTemplate(searchPath, name);
    if (found !== undefined) checkFileAndIncludes(found, searchPath, hint, problems, keyring, seen);
    else if (ignoreMissing === undefined || tag !== 'include') {
      const { line, col } = positionOf(text, m.index);
      const or = tag === 'include' ? `; or write {% include '${name}' ignore missing %}` : '';
      problems.add(`template ${tag}: '${name}' is not found on the template search path (${searchPath.join(', ')})`, { file: path, line, col }, `${hint}${or}`);
    }
  }
}

const TEMPLATE_LOOKUP = /\b(?:lookup|query|q)\(\s*(['"])template\1\s*,\s*(['"])([^'"{}]+)\2/g;

/** Every `lookup('template', 'literal.j2')` in the strings of a task's arguments: its file is checked as above. */
export function checkTemplateLookups(value: unknown, taskDir: string, playbookDir: string, taskLoc: SourceLoc | undefined, problems: Problems, keyring: Keyring, seen = new Set<object>()): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(TEMPLATE_LOOKUP)) checkTemplateFile(m[3], taskDir, playbookDir, taskLoc, problems, keyring);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const v of Array.isArray(value) ? value : Object.values(value)) checkTemplateLookups(v, taskDir, playbookDir, taskLoc, problems, keyring, seen);
}

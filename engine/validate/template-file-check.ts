// The template files that `template:` tasks name (a static src): syntax, and every filter and test they use,
// located in the .j2 file. A file not found is left to the run (the task may never run on any host).
import { existsSync, readFileSync } from 'node:fs';
import type { SourceLoc } from '../core/location.js';
import { formatLoc } from '../core/location.js';
import { templateSyntaxError } from '../template/syntax.js';
import { localFileCandidates } from '../run/local-files.js';
import { decryptFileText } from '../vault/vault-file.js';
import type { Problems } from './problems.js';

/** 1-based line and column of a character offset */
export function positionOf(text: string, index: number): { line: number; col: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, col: index - before.lastIndexOf('\n') };
}

function readTemplate(path: string): string | undefined {
  try {
    return decryptFileText(readFileSync(path, 'utf8'), path);
  } catch {
    // unreadable, or vaulted without the password: the run reports it
    return undefined;
  }
}

/** Check the file a template task's `src` names; `taskLoc` is the task, for the hint. */
export function checkTemplateFile(src: unknown, taskDir: string, playbookDir: string, taskLoc: SourceLoc | undefined, problems: Problems): void {
  if (typeof src !== 'string' || src === '' || src.includes('{{') || src.includes('{%')) return;
  const path = localFileCandidates(taskDir, playbookDir, src, 'templates').find((p) => existsSync(p));
  if (path === undefined) return;
  const text = readTemplate(path);
  if (text === undefined) return;
  const fault = templateSyntaxError(text);
  if (!fault) return;
  const { line, col } = positionOf(text, fault.index);
  const hint = `template file ${src}${taskLoc ? `, used by the task at ${formatLoc(taskLoc)}` : ''}`;
  problems.add(`template syntax: ${fault.message}`, { file: path, line, col }, hint);
}

// Controller-side files for copy src and template src: files/ or templates/ of the role, then of the playbook.
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../core/errors.js';

export function readLocalFile(taskDir: string, playbookDir: string, rel: string, kind: 'files' | 'templates'): string {
  const candidates = isAbsolute(rel)
    ? [rel]
    : [join(taskDir, kind, rel), join(taskDir, rel), join(playbookDir, kind, rel), join(playbookDir, rel)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError(`could not find ${rel}; looked in: ${candidates.join(', ')}`);
  return readFileSync(found, 'utf8');
}

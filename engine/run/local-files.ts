// Controller-side files for copy src, template src and include_vars: files/, templates/ or vars/ of the role (and
// the role's directory), then of the playbook, as Ansible's search path.
import { readFileSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { LocalFileKind } from '../../modules/contract.js';

export function readLocalFile(taskDir: string, playbookDir: string, rel: string, kind: LocalFileKind): string {
  const candidates = isAbsolute(rel)
    ? [rel]
    : [...new Set([join(taskDir, kind, rel), join(taskDir, rel), join(playbookDir, kind, rel), join(playbookDir, rel)])];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError(`could not find ${rel}; looked in: ${candidates.join(', ')}`);
  return readFileSync(found, 'utf8');
}

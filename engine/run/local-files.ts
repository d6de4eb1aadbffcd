// Controller-side files for copy src, template src and include_vars: files/, templates/ or vars/ of the role (and
// the role's directory), then of the playbook, as Ansible's search path; and include_vars' directories.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { readInputBytes, readInputText } from '../core/input-file.js';
import { decryptFileText } from '../vault/vault-file.js';
import type { ControllerFile, LocalDirWalk, LocalFileKind } from '../../modules/contract.js';
import type { Keyring } from '../vault/keyring.js';

/** Where a controller-side file is looked for, in order (validate reads template files from the same places). */
export function localFileCandidates(taskDir: string, playbookDir: string, rel: string, kind: LocalFileKind): string[] {
  return isAbsolute(rel) ? [rel] : [...new Set([join(taskDir, kind, rel), join(taskDir, rel), join(playbookDir, kind, rel), join(playbookDir, rel)])];
}

export function readLocalFile(taskDir: string, playbookDir: string, rel: string, kind: LocalFileKind, keyring: Keyring): string {
  const candidates = localFileCandidates(taskDir, playbookDir, rel, kind);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError(`could not find ${rel}; looked in: ${candidates.join(', ')}`);
  // a vault-encrypted source is decrypted, as Ansible's loader does for include_vars, copy, template and lookups
  // vars files are text (strict UTF-8, no NUL); copy and template sources keep their bytes as before
  return decryptFileText(kind === 'vars' ? readInputText(found) : readInputBytes(found).toString('utf8'), found, keyring);
}

/** fetch's dest on the controller: resolved under the playbook's directory (Ansible's path_dwim), and what is there. */
export function controllerFile(playbookDir: string, path: string): ControllerFile {
  const abs = resolve(playbookDir, path);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return { path: abs, kind: 'missing' };
  }
  if (st.isDirectory()) return { path: abs, kind: 'directory' };
  const bytes = readFileSync(abs);
  return { path: abs, kind: 'file', sha1: createHash('sha1').update(bytes).digest('hex'), md5: createHash('md5').update(bytes).digest('hex') };
}

/** A controller-side file's bytes (an archive for unarchive), found as readLocalFile finds it; not decrypted. */
export function readLocalBytes(taskDir: string, playbookDir: string, rel: string, kind: LocalFileKind): Buffer {
  const candidates = localFileCandidates(taskDir, playbookDir, rel, kind);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError(`could not find ${rel}; looked in: ${candidates.join(', ')}`);
  return readInputBytes(found);
}

/**
 * include_vars `dir:` as Ansible 2.14 resolves it (`_set_root_dir`): in a role (`roleDir`), `vars/x` is the role's
 * own directory when it exists, else any name is under the role's vars/; outside a role it is beside the task's file.
 * An absolute name stays itself (as Python's path.join).
 */
export function resolveVarsDir(dir: string, roleDir: string | undefined, taskFileDir: string): string {
  if (isAbsolute(dir)) return dir;
  // absolute, so the files found are read as found whatever the current directory (a playbook named relatively)
  if (roleDir === undefined) return resolve(taskFileDir, dir);
  const own = resolve(roleDir, dir);
  return dir.split('/')[0] === 'vars' && existsSync(own) ? own : resolve(roleDir, 'vars', dir);
}

/** Every directory under `path` (itself first) with its non-directory entries; symlinked directories not entered. */
export function walkVarsDir(dir: string, roleDir: string | undefined, taskFileDir: string): LocalDirWalk {
  const path = resolveVarsDir(dir, roleDir, taskFileDir);
  if (!existsSync(path)) return { kind: 'missing', path };
  if (!statSync(path).isDirectory()) return { kind: 'not_dir', path };
  const dirs: { path: string; files: string[] }[] = [];
  const visit = (at: string): void => {
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const e of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, e.name);
      // as os.walk: a symlink to a directory is listed among the directories, but not entered
      const isDir = e.isDirectory() || (e.isSymbolicLink() && isDirectory(full));
      if (!isDir) files.push(e.name);
      else if (e.isDirectory()) subdirs.push(full);
    }
    dirs.push({ path: at, files });
    for (const d of subdirs) visit(d);
  };
  visit(path);
  return { kind: 'dir', path, dirs };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

// A vault password from a file, or from the standard output of an executable file (a script), as Ansible reads
// --vault-password-file and --vault-id's sources.
import { accessSync, constants, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { readInputBytes } from '../core/input-file.js';
import { spawnSync } from 'node:child_process';
import { basename, extname } from 'node:path';
import { decryptVault } from './decrypt.js';
import { isVaultText } from './envelope.js';
import type { VaultSecret } from './keyring.js';

/** A password source that could not be read; Ansible warns and goes on with the other sources. */
export class VaultPasswordError extends Error {}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Ansible's "client" scripts (`NAME-client`, `NAME-client.py`) are told which vault id is wanted. */
function isClientScript(path: string): boolean {
  return basename(path, extname(path)).endsWith('-client');
}

function runScript(path: string, label: string): string {
  const args = isClientScript(path) ? ['--vault-id', label] : [];
  // stderr stays the user's: a script may ask its own questions there
  const r = spawnSync(path, args, { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.error) throw new VaultPasswordError(`Problem running vault password script ${path} (${r.error.message}). If this is not a script, remove the executable bit from the file.`);
  if (r.status !== 0) throw new VaultPasswordError(`Vault password script ${path} returned non-zero (${r.status ?? r.signal ?? '?'})`);
  const password = r.stdout.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (password === '') throw new VaultPasswordError(`Invalid vault password was provided from script (${path})`);
  return password;
}

function readFile(path: string, known: readonly VaultSecret[]): string {
  let text: string;
  try {
    // the whole file, blanks around it removed (Python's bytes.strip()): a password may hold inner spaces
    // regular files only, bounded in size: /dev/zero or a FIFO as a password file must not hang
    text = readInputBytes(path).toString('utf8').trim();
  } catch (err) {
    if (err instanceof InputError) throw new VaultPasswordError(`Could not read vault password file ${path}: ${err.message.replace(/^cannot read \S+: /, '')}`);
    throw new VaultPasswordError(`Could not read vault password file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  // a password file may itself be a vault, opened by a password given before it
  if (isVaultText(text)) text = decryptVault(text, known).toString('utf8');
  const password = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (password === '') throw new VaultPasswordError(`Invalid vault password was provided from file (${path})`);
  return password;
}

/** The password `path` gives: its content, or its output when it is executable. `known`: the passwords read so far. */
export function readPasswordSource(path: string, label: string, known: readonly VaultSecret[]): string {
  try {
    statSync(path);
  } catch {
    throw new VaultPasswordError(`The vault password file ${path} was not found`);
  }
  return isExecutable(path) ? runScript(path, label) : readFile(path, known);
}

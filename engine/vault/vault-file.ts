// A whole file encrypted with `ansible-vault encrypt`: read through, as Ansible's loader reads vars files, group_vars,
// inventories, -e @file, include_vars and copy/template sources. Plain text passes unchanged.
import { InputError } from '../core/errors.js';
import { decryptVault, VaultDecryptError } from './decrypt.js';
import { isVaultText, VaultFormatError } from './envelope.js';
import type { Keyring } from './keyring.js';

export const VAULT_PASSWORD_HINT = 'give the vault password with --vault-password-file FILE, --ask-vault-pass (-J) or --vault-id [LABEL@]SOURCE';

/** Turn a vault error into a located input error (exit 5, before any host is touched); other errors pass. */
export function vaultInputError(err: unknown, loc: { file: string; line: number; col: number }): InputError | undefined {
  if (err instanceof VaultDecryptError) return new InputError(err.message, { loc, hint: VAULT_PASSWORD_HINT });
  if (err instanceof VaultFormatError) return new InputError(err.message, { loc, hint: 'the vault text is damaged: encrypt it again with ansible-vault' });
  return undefined;
}

/** The file's text, decrypted when it is a vault. Throws InputError at the file's first line when it cannot be. */
export function decryptFileText(text: string, file: string, keyring: Keyring): string {
  if (!isVaultText(text)) return text;
  try {
    const plain = decryptVault(text, keyring.secrets).toString('utf8');
    revealFile(plain, keyring);
    return plain;
  } catch (err) {
    throw vaultInputError(err, { file, line: 1, col: 1 }) ?? err;
  }
}

/**
 * A decrypted file's secrets as a debug message or a module could echo them: its whole text, each line, and each
 * value after a `key:` or `- ` (a vars file's values, as YAML writes simple ones).
 */
function revealFile(plain: string, keyring: Keyring): void {
  keyring.reveal(plain.trim());
  for (const raw of plain.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    keyring.reveal(line);
    const value = /^(?:-\s+|[^\s:#][^:#]*:\s+)(.+)$/.exec(line)?.[1];
    const unquoted = value?.replace(/^(['"])(.*)\1$/, '$2');
    // YAML's plain words (true, null, 8080) are no secret: hiding them would blank out ordinary output
    if (unquoted !== undefined && !PLAIN_WORD.test(unquoted)) keyring.reveal(unquoted);
  }
}

const PLAIN_WORD = /^(?:true|false|yes|no|on|off|null|~|[-+]?\d+(?:\.\d+)?)$/i;

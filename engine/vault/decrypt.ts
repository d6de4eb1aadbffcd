// Vault text -> plaintext with the run's passwords, tried as Ansible tries them: those of the text's own vault id
// first, then every other one; the errors keep Ansible's words.
import { decryptAes256 } from './aes256.js';
import { parseVaultEnvelope, parseVaultHeader } from './envelope.js';
import type { VaultSecret } from './keyring.js';

/** No password opened the vault, or there was none to try; the message is Ansible's. */
export class VaultDecryptError extends Error {}

/** Ansible's order: the secrets labelled as the vault first (DEFAULT_VAULT_ID_MATCH off: then all the others). */
export function candidateSecrets(secrets: readonly VaultSecret[], label: string | undefined): VaultSecret[] {
  if (label === undefined) return [...secrets];
  return [...secrets.filter((s) => s.label === label), ...secrets.filter((s) => s.label !== label)];
}

/** The decrypted bytes. Throws VaultFormatError (not a vault) or VaultDecryptError (no password fits). */
export function decryptVault(text: string, secrets: readonly VaultSecret[]): Buffer {
  // Ansible's order of complaints: the header's cipher, then no password at all, then a damaged body
  const header = parseVaultHeader(text);
  if (header.cipher !== 'AES256') throw new VaultDecryptError(`${header.cipher} cipher could not be found`);
  if (secrets.length === 0) throw new VaultDecryptError('Attempting to decrypt but no vault secrets found');
  const envelope = parseVaultEnvelope(text);
  for (const secret of candidateSecrets(secrets, envelope.label)) {
    const plain = decryptAes256(envelope, Buffer.from(secret.password.reveal(), 'utf8'));
    if (plain !== undefined) return plain;
  }
  throw new VaultDecryptError('Decryption failed (no vault secrets were found that could decrypt)');
}

// `!vault |` in YAML: a value encrypted with `ansible-vault encrypt_string`. The YAML tag keeps the vault text; the
// conversion to data (engine/yaml/to-js.ts) decrypts it, where the node's position is known for errors.
import type { ScalarTag } from 'yaml';
import { decryptVault } from './decrypt.js';
import type { Keyring } from './keyring.js';

/** The vault text of a `!vault` scalar, not yet decrypted. */
export class VaultedText {
  constructor(readonly text: string) {}

  /**
   * The plain string. Decrypted values are ordinary strings, as in Ansible (templates and debug show them): hide
   * them with no_log. Left encrypted when the inline mode says so. Throws VaultDecryptError / VaultFormatError.
   */
  decrypt(keyring: Keyring): string | { readonly __ansible_vault: string } {
    if (keyring.inline === 'keep') return { __ansible_vault: this.text };
    const plain = decryptVault(this.text, keyring.secrets).toString('utf8');
    keyring.reveal(plain);
    return plain;
  }
}

export const vaultTag: ScalarTag = {
  identify: (v) => v instanceof VaultedText,
  tag: '!vault',
  resolve: (s) => new VaultedText(s),
};

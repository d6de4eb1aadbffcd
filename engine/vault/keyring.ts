// The vault passwords of this run, each with its vault id ('default' unless `--vault-id label@...` names one).
// Set once by the CLI before anything is read, as Ansible's loader holds its secrets: every YAML read then sees them.
import type { Secret } from '../core/secret.js';

export const DEFAULT_VAULT_ID = 'default';

export interface VaultSecret {
  readonly label: string;
  readonly password: Secret;
  /** where it came from, for messages: a file name, a script, "prompt" */
  readonly source: string;
}

/**
 * What a `!vault` value becomes when read: its plaintext (a run), or left encrypted as ansible-inventory prints it,
 * `{"__ansible_vault": "<vault text>"}` (kplay inventory).
 */
export type InlineVaults = 'decrypt' | 'keep';

let secrets: readonly VaultSecret[] = [];
let inline: InlineVaults = 'decrypt';
let generation = 0;

export function setVaultSecrets(list: readonly VaultSecret[], inlineVaults: InlineVaults = 'decrypt'): void {
  secrets = [...list];
  inline = inlineVaults;
  generation++;
}

export function inlineVaults(): InlineVaults {
  return inline;
}

export function vaultSecrets(): readonly VaultSecret[] {
  return secrets;
}

/** Changes whenever the secrets (or the inline mode) do: a cache of decrypted files keys on it. */
export function vaultGeneration(): number {
  return generation;
}

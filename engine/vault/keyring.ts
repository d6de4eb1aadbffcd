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

let secrets: readonly VaultSecret[] = [];
let generation = 0;

export function setVaultSecrets(list: readonly VaultSecret[]): void {
  secrets = [...list];
  generation++;
}

export function vaultSecrets(): readonly VaultSecret[] {
  return secrets;
}

/** Changes whenever the secrets do: a cache of decrypted files keys on it. */
export function vaultGeneration(): number {
  return generation;
}

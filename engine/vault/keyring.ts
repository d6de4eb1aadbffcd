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

/**
 * The vault passwords of one run (or one load) and what `!vault` values become. Built by the CLI from its options and
 * handed down to every reader (playbook, inventory, -e @file, lookups, copy/template sources): nothing keeps it
 * globally, so two loads in one process with different passwords do not see each other's.
 */
export class Keyring {
  readonly #revealed = new Set<string>();

  constructor(
    readonly secrets: readonly VaultSecret[] = [],
    readonly inline: InlineVaults = 'decrypt',
  ) {}

  /** What the vault gave in plaintext so far: the run store keeps none of it (engine/store/scrub.ts). */
  get revealed(): ReadonlySet<string> {
    return this.#revealed;
  }

  /** Note a plaintext the vault gave: a `!vault` value, or each value and line of a decrypted file. */
  reveal(plaintext: string): void {
    this.#revealed.add(plaintext);
  }
}

/** No vault password: a vault met is reported as not decryptable. */
export const NO_VAULT: Keyring = new Keyring();

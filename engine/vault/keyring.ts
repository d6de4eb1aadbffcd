// The vault passwords of one run or load, each with its vault id ('default' unless `--vault-id label@...` names one).
// A Keyring is made by the CLI before anything is read (as Ansible's loader holds its secrets) and carried by the
// run's async context (withKeyring): two runs in one process never see each other's passwords or plaintexts.
import { AsyncLocalStorage } from 'node:async_hooks';
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

export class Keyring {
  readonly secrets: readonly VaultSecret[];
  private readonly revealed = new Set<string>();

  constructor(secrets: readonly VaultSecret[] = [], readonly inline: InlineVaults = 'decrypt') {
    this.secrets = [...secrets];
  }

  /** Notes a `!vault` value's plaintext decrypted with these passwords: the run store scrubs it from its texts. */
  noteDecrypted(plaintext: string): void {
    if (plaintext !== '') this.revealed.add(plaintext);
  }

  /** Every `!vault` plaintext decrypted so far under this keyring. */
  decrypted(): readonly string[] {
    return [...this.revealed];
  }
}

const scope = new AsyncLocalStorage<Keyring>();
/** outside any run (a library call, a unit test): no passwords, so nothing is decrypted */
const NONE = new Keyring();

/** Runs `fn` (and everything it awaits or starts) with this keyring. */
export function withKeyring<T>(keyring: Keyring, fn: () => T): T {
  return scope.run(keyring, fn);
}

/** The keyring of the run or load this code belongs to. */
export function currentKeyring(): Keyring {
  return scope.getStore() ?? NONE;
}

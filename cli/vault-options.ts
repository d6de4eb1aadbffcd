// The vault options of `kplay run`, `validate` and `inventory` (ansible-playbook's): read every password once,
// before the playbook or inventory is, so encrypted files and `!vault` values can be decrypted as they are loaded.
import type { Command } from 'commander';
import { Keyring, type InlineVaults } from '../engine/vault/keyring.js';
import { loadVaultSecrets } from '../engine/vault/vault-ids.js';
import { escapeControls } from '../engine/report/terminal.js';
import { askPassword } from './ask-password.js';
import { config } from './config.js';
import { addOptions, type FlagsOf, type OptionTable } from './option-table.js';

export const VAULT_OPTIONS = {
  vaultPasswordFile: { flags: '--vault-password-file <file>', kind: 'repeat', usage: '[--vault-password-file FILE]', help: 'a file holding the vault password, or an executable printing it (repeatable; default $ANSIBLE_VAULT_PASSWORD_FILE)' },
  askVaultPass: { flags: '-J, --ask-vault-pass', kind: 'flag', usage: '[-J|--ask-vault-pass]', help: 'ask for the vault password once, before anything is read' },
  vaultId: { flags: '--vault-id <[label@]source>', kind: 'repeat', usage: '[--vault-id [LABEL@]SOURCE]...', help: 'a vault password: a file, an executable printing it, or `prompt` (repeatable)' },
} as const satisfies OptionTable;

export type VaultFlags = FlagsOf<typeof VAULT_OPTIONS>;

export function addVaultOptions(command: Command): Command {
  return addOptions(command, VAULT_OPTIONS);
}

/** Reads the passwords the flags name: the keyring this command hands to everything it reads. */
export async function setupVault(flags: VaultFlags, inline: InlineVaults = 'decrypt', env: NodeJS.ProcessEnv = process.env): Promise<Keyring> {
  config(); // ansible.cfg's vault_password_file, if any, is in the environment from here on
  const secrets = await loadVaultSecrets(
    {
      vaultIds: flags.vaultId,
      passwordFiles: flags.vaultPasswordFile,
      askVaultPass: flags.askVaultPass === true,
      envPasswordFile: env.ANSIBLE_VAULT_PASSWORD_FILE || undefined,
    },
    {
      ask: (prompt) => askPassword(prompt, process.stdin, process.stderr, { flag: '-J', noun: 'the vault password' }),
      warn: (message) => process.stderr.write(escapeControls(`[WARNING]: ${message}\n`)),
    },
  );
  return new Keyring(secrets, inline);
}

// The vault options of `kplay run`, `validate` and `inventory` (ansible-playbook's): read every password once,
// before the playbook or inventory is, so encrypted files and `!vault` values can be decrypted as they are loaded.
import type { Command } from 'commander';
import { setVaultSecrets, type InlineVaults } from '../engine/vault/keyring.js';
import { loadVaultSecrets } from '../engine/vault/vault-ids.js';
import { escapeControls } from '../engine/report/terminal.js';
import { askPassword } from './ask-password.js';
import { collect } from './repeatable.js';

export interface VaultFlags {
  vaultId: string[];
  vaultPasswordFile: string[];
  askVaultPass?: boolean;
}

export function addVaultOptions(command: Command): Command {
  return command
    .option('--vault-id <[label@]source>', 'a vault password: a file, an executable printing it, or `prompt` (repeatable)', collect, [])
    .option('--vault-password-file <file>', 'a file holding the vault password, or an executable printing it (repeatable; default $ANSIBLE_VAULT_PASSWORD_FILE)', collect, [])
    .option('-J, --ask-vault-pass', 'ask for the vault password once, before anything is read');
}

/** Reads the passwords the flags name and makes them the run's. */
export async function setupVault(flags: VaultFlags, inline: InlineVaults = 'decrypt', env: NodeJS.ProcessEnv = process.env): Promise<void> {
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
  setVaultSecrets(secrets, inline);
}

// The run's vault passwords from the command line, in Ansible's order: each --vault-id, then each
// --vault-password-file, then $ANSIBLE_VAULT_PASSWORD_FILE, then --ask-vault-pass. A source that fails is warned
// about and skipped; only when no source worked is its error fatal (as ansible-playbook's setup_vault_secrets).
import { InputError } from '../core/errors.js';
import { Secret } from '../core/secret.js';
import { VaultDecryptError } from './decrypt.js';
import { VaultFormatError } from './envelope.js';
import { DEFAULT_VAULT_ID, type VaultSecret } from './keyring.js';
import { readPasswordSource, VaultPasswordError } from './password-file.js';

export interface VaultOptions {
  /** --vault-id [LABEL@]SOURCE, in order; SOURCE is a file, a script or `prompt` */
  readonly vaultIds: readonly string[];
  readonly passwordFiles: readonly string[];
  readonly askVaultPass: boolean;
  /** $ANSIBLE_VAULT_PASSWORD_FILE */
  readonly envPasswordFile: string | undefined;
}

export interface VaultIo {
  /** asks on the terminal (without echo), or reads a line of standard input */
  readonly ask: (prompt: string) => Promise<string>;
  readonly warn: (message: string) => void;
}

interface VaultIdSlug {
  readonly label: string;
  readonly source: string;
}

/** `label@source` or a bare source (vault id `default`); split at the first `@`, as Ansible's split_vault_id. */
export function parseVaultId(slug: string): VaultIdSlug {
  const at = slug.indexOf('@');
  if (at < 0) return { label: DEFAULT_VAULT_ID, source: slug };
  return { label: slug.slice(0, at) || DEFAULT_VAULT_ID, source: slug.slice(at + 1) };
}

function slugs(options: VaultOptions): VaultIdSlug[] {
  const files = [...options.passwordFiles, ...(options.envPasswordFile ? [options.envPasswordFile] : [])];
  return [
    ...options.vaultIds.map(parseVaultId),
    ...files.map((source) => ({ label: DEFAULT_VAULT_ID, source })),
    ...(options.askVaultPass ? [{ label: DEFAULT_VAULT_ID, source: 'prompt_ask_vault_pass' }] : []),
  ];
}

export async function loadVaultSecrets(options: VaultOptions, io: VaultIo): Promise<VaultSecret[]> {
  const secrets: VaultSecret[] = [];
  let lastError: InputError | undefined;
  for (const { label, source } of slugs(options)) {
    if (source === 'prompt' || source === 'prompt_ask_vault_pass') {
      // --ask-vault-pass keeps Ansible's old prompt, which wrappers match on
      const password = await io.ask(source === 'prompt' ? `Vault password (${label}): ` : 'Vault password: ');
      if (password === '') throw new InputError(`Invalid vault password was provided from prompt (${label})`);
      secrets.push({ label, password: new Secret(password), source: 'prompt' });
      continue;
    }
    try {
      secrets.push({ label, password: new Secret(readPasswordSource(source, label, secrets)), source });
    } catch (err) {
      if (!(err instanceof VaultPasswordError || err instanceof VaultDecryptError || err instanceof VaultFormatError)) throw err;
      io.warn(`Error getting vault password file (${label}): ${err.message}`);
      lastError = new InputError(err.message, { hint: 'a vault password file holds the password; an executable one prints it on its standard output' });
    }
  }
  if (lastError && secrets.length === 0) throw lastError;
  return secrets;
}

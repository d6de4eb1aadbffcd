// The text of an Ansible Vault: a `$ANSIBLE_VAULT;1.1;AES256[;label]` header, then hex lines that unhexlify to
// three hex lines of their own (salt, HMAC, ciphertext). Pure parsing: nothing here knows a password.
export const VAULT_HEADER = '$ANSIBLE_VAULT';

/** Thrown for text that starts like a vault but is not one (Ansible's AnsibleVaultFormatError). */
export class VaultFormatError extends Error {}

export interface VaultEnvelope {
  /** '1.1', or '1.2' when the text names its vault id */
  readonly version: string;
  readonly cipher: string;
  /** the vault id of a 1.2 header: only a hint of which password to try first (it is not authenticated) */
  readonly label: string | undefined;
  readonly salt: Buffer;
  /** the HMAC-SHA256 of the ciphertext, as written */
  readonly hmac: Buffer;
  readonly ciphertext: Buffer;
}

/** Whether text is vault data, as Ansible's is_encrypted decides: it starts with the header. */
export function isVaultText(text: string): boolean {
  return text.startsWith(VAULT_HEADER);
}

function unhex(hex: string, what: string): Buffer {
  // Buffer.from(x, 'hex') stops quietly at the first bad digit: check first, as Python's unhexlify does
  if (hex.length % 2 !== 0) throw new VaultFormatError(`Vault format unhexlify error: the ${what} has an odd number of hex digits`);
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new VaultFormatError(`Vault format unhexlify error: the ${what} holds a character that is not a hex digit`);
  return Buffer.from(hex, 'hex');
}

export type VaultHeader = Pick<VaultEnvelope, 'version' | 'cipher' | 'label'>;

/** The first line only: Ansible reads it (cipher, vault id) before it looks for a password or at the body. */
export function parseVaultHeader(text: string): VaultHeader {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const header = first.trim().split(';').map((part) => part.trim());
  if (header[0] !== VAULT_HEADER || header.length < 3) {
    throw new VaultFormatError(`Vault envelope format error: the header must read ${VAULT_HEADER};1.1;AES256, got ${JSON.stringify(first)}`);
  }
  const [, version = '', cipher = '', label] = header;
  return { version, cipher, label: label === '' ? undefined : label };
}

export function parseVaultEnvelope(text: string): VaultEnvelope {
  const { version, cipher, label } = parseVaultHeader(text);
  const lines = text.split(/\r?\n/);
  // the body is wrapped at 80 columns; an inline value may keep its YAML indentation on each line
  const body = unhex(lines.slice(1).map((l) => l.trim()).join(''), 'vault text');
  const parts = body.toString('latin1').split('\n');
  if (parts.length < 3) throw new VaultFormatError('Vault vaulttext format error: expected salt, HMAC and ciphertext on three lines');
  const [salt = '', hmac = '', ...rest] = parts;
  return {
    version,
    cipher,
    label,
    salt: unhex(salt, 'salt'),
    hmac: unhex(hmac, 'HMAC'),
    ciphertext: unhex(rest.join('\n'), 'ciphertext'),
  };
}

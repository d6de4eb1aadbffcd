// Vault decryption against texts made by ansible-vault itself (and one fixed known answer): passwords, labels,
// tampering, damaged texts, and Ansible's error words.
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../engine/core/secret.js';
import { candidateSecrets, decryptVault, VaultDecryptError } from '../../../engine/vault/decrypt.js';
import { parseVaultEnvelope, VaultFormatError } from '../../../engine/vault/envelope.js';
import type { VaultSecret } from '../../../engine/vault/keyring.js';
import { encryptFile, encryptString, vaultTextOf } from './ansible-vault.js';

const secret = (password: string, label = 'default'): VaultSecret => ({ label, password: new Secret(password), source: 'test' });
const plain = (text: string, secrets: readonly VaultSecret[]): string => decryptVault(text, secrets).toString('utf8');

// made once with `ansible-vault encrypt_string --vault-id known@FILE 'the answer: 42'`, FILE holding kplay-known-answer
const KNOWN = `$ANSIBLE_VAULT;1.2;AES256;known
38666439623764383263393332323635373131346437643965363266303965336539393639386531
6139666639306566363138346661333463383731383063350a663034323435396235376536306236
32626435363762313261663866326437646332626166346138306666643666383665356162663965
6466633362653631370a336261393137343465336138613938313466653263326337383130616236
3561`;

/** The text with the first hex digit of one inner line changed: 0 the salt, 1 the HMAC, 2 the ciphertext. */
function tamper(text: string, line: 0 | 1 | 2): string {
  const [header = '', ...body] = text.trimEnd().split('\n');
  const inner = Buffer.from(body.join(''), 'hex').toString('latin1').split('\n');
  const hex = inner[line] ?? '';
  inner[line] = (hex[0] === '0' ? '1' : '0') + hex.slice(1);
  return `${header}\n${Buffer.from(inner.join('\n'), 'latin1').toString('hex')}`;
}

describe('vault decryption', () => {
  it('opens a fixed known answer (format 1.2, label "known")', () => {
    expect(plain(KNOWN, [secret('kplay-known-answer')])).toBe('the answer: 42');
    expect(parseVaultEnvelope(KNOWN)).toMatchObject({ version: '1.2', cipher: 'AES256', label: 'known' });
  });

  it('opens a file encrypted by ansible-vault encrypt (format 1.1), unicode and all', () => {
    const text = encryptFile('db_password: "pä$$ wörd"\nport: 5432\n', 'hunter2');
    expect(text.startsWith('$ANSIBLE_VAULT;1.1;AES256\n')).toBe(true);
    expect(plain(text, [secret('hunter2')])).toBe('db_password: "pä$$ wörd"\nport: 5432\n');
  });

  it('opens a value of ansible-vault encrypt_string, a multiple of 16 bytes long (a whole block of padding)', () => {
    const value = '0123456789abcdef';
    expect(plain(vaultTextOf(encryptString(value, 'pw', 'x')), [secret('pw')])).toBe(value);
  });

  it('refuses a wrong password with Ansible\'s message', () => {
    const text = encryptFile('a: 1\n', 'right');
    expect(() => decryptVault(text, [secret('wrong')])).toThrow(new VaultDecryptError('Decryption failed (no vault secrets were found that could decrypt)'));
  });

  it('says so when there is no password at all', () => {
    expect(() => decryptVault(KNOWN, [])).toThrow('Attempting to decrypt but no vault secrets found');
  });

  it('refuses a text whose HMAC was changed, even with the right password', () => {
    const text = encryptFile('a: 1\n', 'right');
    expect(plain(text, [secret('right')])).toBe('a: 1\n');
    expect(() => decryptVault(tamper(text, 1), [secret('right')])).toThrow(VaultDecryptError);
  });

  it('refuses a text whose ciphertext or salt was changed (the HMAC no longer matches)', () => {
    const text = encryptFile('a: 1\n', 'right');
    expect(tamper(text, 2)).not.toBe(text);
    expect(() => decryptVault(tamper(text, 2), [secret('right')])).toThrow('Decryption failed (no vault secrets were found that could decrypt)');
    expect(() => decryptVault(tamper(text, 0), [secret('right')])).toThrow('Decryption failed (no vault secrets were found that could decrypt)');
  });

  it('reads the label of format 1.2 and tries the matching password first, then the others', () => {
    const text = encryptFile('b: 2\n', 'prod-pass', 'prod');
    expect(text.split('\n')[0]).toBe('$ANSIBLE_VAULT;1.2;AES256;prod');
    const dev = secret('dev-pass', 'dev');
    const prod = secret('prod-pass', 'prod');
    expect(candidateSecrets([dev, prod], 'prod')).toEqual([prod, dev]);
    expect(plain(text, [dev, prod])).toBe('b: 2\n');
    // the label is a hint, not a lock (DEFAULT_VAULT_ID_MATCH off): a password under another label still opens it
    expect(plain(text, [secret('prod-pass', 'default')])).toBe('b: 2\n');
  });

  it('tries every password in turn', () => {
    const text = encryptFile('c: 3\n', 'third');
    expect(plain(text, [secret('first'), secret('second'), secret('third')])).toBe('c: 3\n');
  });

  it('reports damaged texts as format errors', () => {
    expect(() => parseVaultEnvelope('$ANSIBLE_VAULT;1.1')).toThrow(VaultFormatError);
    expect(() => parseVaultEnvelope('$ANSIBLE_VAULT;1.1;AES256\n12zz')).toThrow(/not a hex digit/);
    expect(() => parseVaultEnvelope('$ANSIBLE_VAULT;1.1;AES256\n123')).toThrow(/odd number/);
    expect(() => parseVaultEnvelope(`$ANSIBLE_VAULT;1.1;AES256\n${Buffer.from('aa\nbb').toString('hex')}`)).toThrow(/three lines/);
    expect(() => decryptVault(KNOWN.replace('AES256', 'AES128'), [secret('x')])).toThrow('AES128 cipher could not be found');
  });
});

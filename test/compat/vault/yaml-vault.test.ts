// Encrypted data where kplay reads YAML: `!vault` values (decrypted at load, errors at their line:col) and whole
// vault-encrypted files (read through; a changed password re-reads a cached file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InputErrors } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import { setVaultSecrets } from '../../../engine/vault/keyring.js';
import { parseExtraVar } from '../../../engine/vars/extra-vars.js';
import { loadYamlFile, parseYaml } from '../../../engine/yaml/load.js';
import { encryptFile, encryptString } from './ansible-vault.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-vault-yaml-'));
const usePasswords = (...passwords: string[]): void =>
  setVaultSecrets(passwords.map((p) => ({ label: 'default', password: new Secret(p), source: 'test' })));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputErrors) return err.problems.map((p) => p.describe());
    throw err;
  }
  return [];
}

afterEach(() => setVaultSecrets([]));

describe('vault data in YAML', () => {
  const block = encryptString('s3cret value', 'pw', 'token');
  const text = `# vars\nplain: 1\n${block}\nafter: 2\n`;

  it('decrypts a !vault value at load into a plain string', () => {
    usePasswords('other', 'pw');
    expect(parseYaml(text, 'vars.yml').value).toEqual({ plain: 1, token: 's3cret value', after: 2 });
  });

  it('locates a !vault value no password opens', () => {
    usePasswords('wrong');
    const problems = problemsOf(() => parseYaml(text, 'vars.yml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^vars\.yml:3:\d+: .*Decryption failed \(no vault secrets were found that could decrypt\)/);
    expect(problems[0]).toContain('--vault-password-file');
  });

  it('decrypts !vault values inside lists and nested mappings', () => {
    usePasswords('pw');
    const nested = `users:\n  - name: a\n    ${block.replace(/\n/g, '\n    ').trimEnd()}\n`;
    expect(parseYaml(nested, 'n.yml').value).toEqual({ users: [{ name: 'a', token: 's3cret value' }] });
  });

  it('reads a vault-encrypted file through, and again when the passwords change', () => {
    const path = join(dir, 'secret.yml');
    writeFileSync(path, encryptFile('answer: 42\n', 'filepw'));
    usePasswords('filepw');
    expect(loadYamlFile(path).value).toEqual({ answer: 42 });
    usePasswords('nope');
    expect(problemsOf(() => loadYamlFile(path))).toEqual([
      expect.stringMatching(new RegExp(`^${path}:1:1: Decryption failed \\(no vault secrets were found that could decrypt\\)`)),
    ]);
  });

  it('reads an encrypted -e @file', () => {
    const path = join(dir, 'extra.yml');
    writeFileSync(path, encryptFile('from_vault: yes\n', 'e-pw'));
    usePasswords('e-pw');
    expect(parseExtraVar(`@${path}`)).toEqual({ from_vault: true });
  });
});

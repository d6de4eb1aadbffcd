// Encrypted data where kplay reads YAML: `!vault` values (decrypted at load, errors at their line:col) and whole
// vault-encrypted files (read through). Each load has its own keyring: two in one process never share passwords.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import { Keyring } from '../../../engine/vault/keyring.js';
import { parseExtraVar } from '../../../engine/vars/extra-vars.js';
import { parseYaml, YamlFiles } from '../../../engine/yaml/load.js';
import { encryptFile, encryptString } from './ansible-vault.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-vault-yaml-'));
const keyringOf = (...passwords: string[]): Keyring => new Keyring(passwords.map((p) => ({ label: 'default', password: new Secret(p), source: 'test' })));

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputErrors) return err.problems.map((p) => p.describe());
    throw err;
  }
  return [];
}

describe('vault data in YAML', () => {
  const block = encryptString('s3cret value', 'pw', 'token');
  const text = `# vars\nplain: 1\n${block}\nafter: 2\n`;

  it('decrypts a !vault value at load into a plain string', () => {
    expect(parseYaml(text, 'vars.yml', keyringOf('other', 'pw')).value).toEqual({ plain: 1, token: 's3cret value', after: 2 });
  });

  it('locates a !vault value no password opens', () => {
    const problems = problemsOf(() => parseYaml(text, 'vars.yml', keyringOf('wrong')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^vars\.yml:3:\d+: .*Decryption failed \(no vault secrets were found that could decrypt\)/);
    expect(problems[0]).toContain('--vault-password-file');
  });

  it('decrypts !vault values inside lists and nested mappings', () => {
    const nested = `users:\n  - name: a\n    ${block.replace(/\n/g, '\n    ').trimEnd()}\n`;
    expect(parseYaml(nested, 'n.yml', keyringOf('pw')).value).toEqual({ users: [{ name: 'a', token: 's3cret value' }] });
  });

  it('reads a vault-encrypted file through; two readers with other passwords in one process see only their own', () => {
    const path = join(dir, 'secret.yml');
    writeFileSync(path, encryptFile('answer: 42\n', 'filepw'));
    const right = new YamlFiles(keyringOf('filepw'));
    const wrong = new YamlFiles(keyringOf('nope'));
    expect(right.load(path).value).toEqual({ answer: 42 });
    // the second reader neither gets the first one's parsed file nor its password
    expect(problemsOf(() => wrong.load(path))).toEqual([
      expect.stringMatching(new RegExp(`^${path}:1:1: Decryption failed \\(no vault secrets were found that could decrypt\\)`)),
    ]);
    expect(problemsOf(() => new YamlFiles().load(path))).toHaveLength(1);
    expect(right.load(path).value).toEqual({ answer: 42 });
  });

  it('reads an encrypted -e @file', () => {
    const path = join(dir, 'extra.yml');
    writeFileSync(path, encryptFile('from_vault: yes\n', 'e-pw'));
    expect(parseExtraVar(`@${path}`, keyringOf('e-pw'))).toEqual({ from_vault: true });
    expect(() => parseExtraVar(`@${path}`)).toThrow(/no vault secrets found/);
  });
});

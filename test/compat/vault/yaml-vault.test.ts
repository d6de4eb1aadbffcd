// Encrypted data where kplay reads YAML: `!vault` values (decrypted at load, errors at their line:col) and whole
// vault-encrypted files (read through; a changed password re-reads a cached file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import { currentKeyring, Keyring, withKeyring } from '../../../engine/vault/keyring.js';
import { withYamlCache, YamlCache } from '../../../engine/yaml/yaml-cache.js';
import { parseExtraVar } from '../../../engine/vars/extra-vars.js';
import { loadYamlFile, parseYaml } from '../../../engine/yaml/load.js';
import { encryptFile, encryptString } from './ansible-vault.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-vault-yaml-'));
const keyringOf = (...passwords: string[]): Keyring => new Keyring(passwords.map((p) => ({ label: 'default', password: new Secret(p), source: 'test' })));
/** `fn` run as one run's load: its own keyring (these passwords) and YAML cache */
const currentPlaintexts = (): readonly string[] => currentKeyring().decrypted();
const withPasswords = <T>(passwords: readonly string[], fn: () => T, cache = new YamlCache()): T =>
  withKeyring(keyringOf(...passwords), () => withYamlCache(cache, fn));

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
    expect(withPasswords(['other', 'pw'], () => parseYaml(text, 'vars.yml').value)).toEqual({ plain: 1, token: 's3cret value', after: 2 });
  });

  it('locates a !vault value no password opens', () => {
    const problems = withPasswords(['wrong'], () => problemsOf(() => parseYaml(text, 'vars.yml')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^vars\.yml:3:\d+: .*Decryption failed \(no vault secrets were found that could decrypt\)/);
    expect(problems[0]).toContain('--vault-password-file');
  });

  it('decrypts !vault values inside lists and nested mappings', () => {
    const nested = `users:\n  - name: a\n    ${block.replace(/\n/g, '\n    ').trimEnd()}\n`;
    expect(withPasswords(['pw'], () => parseYaml(nested, 'n.yml').value)).toEqual({ users: [{ name: 'a', token: 's3cret value' }] });
  });

  it('reads a vault-encrypted file through, and again when the passwords change', () => {
    const path = join(dir, 'secret.yml');
    writeFileSync(path, encryptFile('answer: 42\n', 'filepw'));
    const cache = new YamlCache();
    expect(withPasswords(['filepw'], () => loadYamlFile(path).value, cache)).toEqual({ answer: 42 });
    expect(withPasswords(['nope'], () => problemsOf(() => loadYamlFile(path)), cache)).toEqual([
      expect.stringMatching(new RegExp(`^${path}:1:1: Decryption failed \\(no vault secrets were found that could decrypt\\)`)),
    ]);
  });

  it('reads an encrypted -e @file', () => {
    const path = join(dir, 'extra.yml');
    writeFileSync(path, encryptFile('from_vault: yes\n', 'e-pw'));
    expect(withPasswords(['e-pw'], () => parseExtraVar(`@${path}`))).toEqual({ from_vault: true });
  });

  it('keeps two loads in one process apart: each its own passwords, cache and plaintexts', async () => {
    const path = join(dir, 'two-runs.yml');
    writeFileSync(path, encryptFile('answer: 42\n', 'run-a'));
    const a = keyringOf('run-a');
    const b = keyringOf('run-b');
    const tick = (): Promise<void> => new Promise((done) => setImmediate(done));
    // interleaved: each load awaits between reads, so a shared keyring or cache would be seen by the other
    const loadIn = (keyring: Keyring) =>
      withKeyring(keyring, () =>
        withYamlCache(new YamlCache(), async () => {
          await tick();
          const first = problemsOf(() => loadYamlFile(path));
          await tick();
          const inline = problemsOf(() => parseYaml(text, 'vars.yml'));
          await tick();
          return { first, inline, again: problemsOf(() => loadYamlFile(path)) };
        }),
      );
    const [runA, runB] = await Promise.all([loadIn(a), loadIn(b)]);
    expect(runA).toEqual({ first: [], inline: [expect.stringMatching(/^vars\.yml:3:\d+: .*Decryption failed/)], again: [] });
    expect(runB.first).toEqual([expect.stringMatching(/Decryption failed/)]);
    expect(runB.again).toEqual(runB.first);
    expect(a.decrypted()).toEqual([]);
    expect(withKeyring(keyringOf('pw'), () => {
      parseYaml(text, 'vars.yml');
      return currentPlaintexts();
    })).toEqual(['s3cret value']);
    // outside any run: no passwords at all
    expect(problemsOf(() => loadYamlFile(path))).toEqual([expect.stringMatching(/no vault secrets found/)]);
  });
});

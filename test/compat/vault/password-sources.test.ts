// Where the run's vault passwords come from: files (the whole file, blanks around it removed), scripts, "client"
// scripts told the vault id, prompts; Ansible's order; a source that fails is skipped when another works.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { loadVaultSecrets, parseVaultId, type VaultOptions } from '../../../engine/vault/vault-ids.js';
import { encryptFile } from './ansible-vault.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-vault-sources-'));

function file(name: string, text: string, executable = false): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  if (executable) chmodSync(path, 0o755);
  return path;
}

const none: VaultOptions = { vaultIds: [], passwordFiles: [], askVaultPass: false, envPasswordFile: undefined };

async function load(options: Partial<VaultOptions>, answers: string[] = []) {
  const asked: string[] = [];
  const warnings: string[] = [];
  const secrets = await loadVaultSecrets(
    { ...none, ...options },
    { ask: (prompt) => Promise.resolve((asked.push(prompt), answers.shift() ?? '')), warn: (m) => warnings.push(m) },
  );
  return { secrets: secrets.map((s) => ({ label: s.label, password: s.password.reveal(), source: s.source })), asked, warnings };
}

describe('vault password sources', () => {
  it('splits --vault-id at the first @', () => {
    expect(parseVaultId('prod@/x/pw')).toEqual({ label: 'prod', source: '/x/pw' });
    expect(parseVaultId('/x/pw')).toEqual({ label: 'default', source: '/x/pw' });
    expect(parseVaultId('a@b@c')).toEqual({ label: 'a', source: 'b@c' });
  });

  it('reads a password file whole, without the blanks around it', async () => {
    const { secrets } = await load({ passwordFiles: [file('pw', '  two words \n\n')] });
    expect(secrets).toEqual([{ label: 'default', password: 'two words', source: join(dir, 'pw') }]);
  });

  it('runs an executable password file and takes its output', async () => {
    const script = file('pw.sh', '#!/bin/sh\necho from-script\n', true);
    expect((await load({ passwordFiles: [script] })).secrets[0]?.password).toBe('from-script');
  });

  it('tells a "-client" script which vault id is wanted', async () => {
    const script = file('pass-client.sh', '#!/bin/sh\n[ "$1" = --vault-id ] && echo "pw-for-$2"\n', true);
    expect((await load({ vaultIds: [`prod@${script}`] })).secrets[0]).toMatchObject({ label: 'prod', password: 'pw-for-prod' });
  });

  it('fails on a script that fails', async () => {
    const script = file('bad.sh', '#!/bin/sh\nexit 3\n', true);
    await expect(load({ passwordFiles: [script] })).rejects.toThrow(`Vault password script ${script} returned non-zero (3)`);
  });

  it('opens a password file that is itself a vault with a password given before it', async () => {
    const inner = file('inner', encryptFile('the-real-password\n', 'outer'));
    const { secrets } = await load({ vaultIds: [`outer@${file('outer', 'outer')}`, `inner@${inner}`] });
    expect(secrets.map((s) => s.password)).toEqual(['outer', 'the-real-password']);
  });

  it("keeps Ansible's order: --vault-id, --vault-password-file, $ANSIBLE_VAULT_PASSWORD_FILE, then -J", async () => {
    const { secrets, asked } = await load(
      { vaultIds: [`one@${file('1', 'p1')}`, 'two@prompt'], passwordFiles: [file('3', 'p3')], envPasswordFile: file('4', 'p4'), askVaultPass: true },
      ['p2', 'p5'],
    );
    expect(secrets.map((s) => `${s.label}=${s.password}`)).toEqual(['one=p1', 'two=p2', 'default=p3', 'default=p4', 'default=p5']);
    expect(asked).toEqual(['Vault password (two): ', 'Vault password: ']);
  });

  it('warns about a missing file and goes on when another source works', async () => {
    const { secrets, warnings } = await load({ passwordFiles: [join(dir, 'missing'), file('ok', 'fine')] });
    expect(secrets.map((s) => s.password)).toEqual(['fine']);
    expect(warnings).toEqual([`Error getting vault password file (default): The vault password file ${join(dir, 'missing')} was not found`]);
  });

  it('fails when no source worked, and on an empty password', async () => {
    await expect(load({ passwordFiles: [join(dir, 'missing')] })).rejects.toThrow(InputError);
    await expect(load({ passwordFiles: [file('empty', '\n')] })).rejects.toThrow(`Invalid vault password was provided from file (${join(dir, 'empty')})`);
    await expect(load({ askVaultPass: true }, [''])).rejects.toThrow('Invalid vault password was provided from prompt (default)');
  });

  it('gives no secrets when nothing asks for any', async () => {
    expect((await load({})).secrets).toEqual([]);
  });
});

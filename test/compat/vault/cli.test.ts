// The vault options on the command line (built CLI): kplay inventory against ansible-inventory, passwords asked
// on a pipe in Ansible's order, and the errors of a missing password file or a wrong password.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplay, ROOT, runCommand } from '../../lab/support/cli.js';
import { runTool } from '../support/tool-run.js';

const RUNNER = resolve(ROOT, 'test', 'fixtures', 'runner');
const INVENTORY = join(RUNNER, 'vault_inventory', 'hosts.ini');
const PROD = `prod@${join(RUNNER, 'vault', 'prod-password')}`;
const DEFAULT_PASSWORD = join(RUNNER, 'vault', 'password');

const base = mkdtempSync(join(tmpdir(), 'kplay-vault-cli-'));
writeFileSync(join(base, 'ansible.cfg'), '');
const ANSIBLE_ENV = { ANSIBLE_CONFIG: join(base, 'ansible.cfg'), ANSIBLE_HOME: base };

describe('vault on the command line', () => {
  it.each([['--list'], ['--host', 'h1'], ['--host', 'h4']])('kplay inventory %s prints what ansible-inventory prints (encrypted group_vars read, !vault values left encrypted)', async (...action) => {
    const args = ['-i', INVENTORY, '--vault-id', PROD, ...action];
    const [a, k] = await Promise.all([runTool(['ansible-inventory', ...args], ANSIBLE_ENV), kplay('inventory', ...args)]);
    expect(a.code, a.stderr).toBe(0);
    expect(k.code, k.stderr).toBe(0);
    expect(JSON.parse(k.stdout)).toEqual(JSON.parse(a.stdout));
    if (action[1] !== 'h4') expect(k.stdout).toContain('from-group-vars');
    if (action[1] !== 'h1') expect(k.stdout).toContain('"__ansible_vault": "$ANSIBLE_VAULT;1.2;AES256;prod\\n');
  }, 60_000);

  it('asks --vault-id x@prompt and then -J on a pipe, one line each', async () => {
    const dir = mkdtempSync(join(base, 'run-'));
    const argv = ['node', resolve(ROOT, 'bin', 'kplay.js'), 'run', '--no-live', '-i', INVENTORY, '-e', `dir=${dir}`, '--vault-id', 'prod@prompt', '-J', join(RUNNER, 'vault.yml')];
    const r = await runCommand(argv, {}, 60_000, 'prod-pass\nrunner-vault-pass\n');
    expect(r.stderr).toContain('Vault password (prod): Vault password: ');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('"msg": "from-vault-file alice,bob inline-in-play token=inline-in-play 14"');
  }, 60_000);

  it('fails before anything is read when no password file can be read, with a warning per file', async () => {
    const missing = join(base, 'no-such-file');
    const r = await kplay('run', '-i', INVENTORY, '--vault-password-file', missing, join(RUNNER, 'vault.yml'));
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`[WARNING]: Error getting vault password file (default): The vault password file ${missing} was not found`);
    expect(r.stderr).toContain(`ERROR: The vault password file ${missing} was not found`);
    expect(r.stdout).not.toContain('PLAY');
  }, 60_000);

  it('kplay validate locates a !vault value and a file the password does not open', async () => {
    const wrongPassword = join(RUNNER, 'vault', 'wrong-password');
    const inline = await kplay('validate', '--vault-password-file', wrongPassword, join(RUNNER, 'vault.yml'));
    expect(inline.code).toBe(5);
    expect(inline.stderr).toMatch(/vault\.yml:10:23: Decryption failed \(no vault secrets were found that could decrypt\)\n {2}10 \| {5}api_token: !vault \|/);
    const file = await kplay('validate', '--vault-password-file', wrongPassword, join(RUNNER, 'vault_wrong.yml'));
    expect(file.code).toBe(5);
    expect(file.stderr).toMatch(/vault\/secrets\.yml:1:1: Decryption failed \(no vault secrets were found that could decrypt\)/);
    const good = await kplay('validate', '--vault-password-file', DEFAULT_PASSWORD, '-i', INVENTORY, '--vault-id', PROD, join(RUNNER, 'vault.yml'));
    expect(good.stderr).toBe('');
    expect(good.stdout).toBe('playbook OK\n');
  }, 60_000);
});

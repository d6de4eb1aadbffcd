// Vault texts made by the real `ansible-vault` at test time, so kplay is checked against Ansible's own encryption.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'kplay-vault-test-'));
writeFileSync(join(dir, 'ansible.cfg'), '');
// a private home and an empty config: nothing of the machine's Ansible setup leaks in
const env: NodeJS.ProcessEnv = { ...process.env, ANSIBLE_CONFIG: join(dir, 'ansible.cfg'), ANSIBLE_HOME: dir };
let counter = 0;

/** A file holding `password`, for ansible-vault's --vault-id / --vault-password-file. */
export function passwordFile(password: string): string {
  const path = join(dir, `password-${++counter}`);
  writeFileSync(path, `${password}\n`);
  return path;
}

/** `label@file` when a label is given (vault format 1.2), else the bare file (1.1). */
function vaultId(password: string, label: string | undefined): string {
  const file = passwordFile(password);
  return label === undefined ? file : `${label}@${file}`;
}

/** `ansible-vault encrypt` of a file holding `plaintext`: the encrypted file's text. */
export function encryptFile(plaintext: string, password: string, label?: string): string {
  const path = join(dir, `plain-${++counter}.yml`);
  writeFileSync(path, plaintext);
  execFileSync('ansible-vault', ['encrypt', '--vault-id', vaultId(password, label), path], { env, stdio: 'pipe' });
  return readFileSync(path, 'utf8');
}

/** `ansible-vault encrypt_string`: the YAML `name: !vault |` block it prints. */
export function encryptString(plaintext: string, password: string, name: string, label?: string): string {
  return execFileSync('ansible-vault', ['encrypt_string', '--vault-id', vaultId(password, label), '--name', name, plaintext], { env, stdio: 'pipe', encoding: 'utf8' });
}

/** The vault text of an encrypt_string block (its lines without the YAML indentation). */
export function vaultTextOf(block: string): string {
  return block
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

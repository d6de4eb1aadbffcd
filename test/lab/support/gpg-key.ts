// For lab tests: a fresh OpenPGP signing key made on the controller with gpg in a temp GNUPGHOME, its armored public key and ids.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKey {
  readonly armor: string;
  /** 40 hex digits, upper case */
  readonly fingerprint: string;
  /** the last 8 hex digits, upper case: rpm's gpg-pubkey-<id> */
  readonly shortId: string;
}

export function makeTestKey(name: string): TestKey {
  const home = mkdtempSync(join(tmpdir(), 'kplay-gpg-'));
  try {
    const env = { ...process.env, GNUPGHOME: home };
    execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', `${name} <${name}@kplay.invalid>`, 'rsa2048', 'sign', 'never'], { env, stdio: 'ignore' });
    const armor = execFileSync('gpg', ['--armor', '--export'], { env, encoding: 'utf8' });
    const colons = execFileSync('gpg', ['--with-colons', '--fingerprint'], { env, encoding: 'utf8' });
    const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(colons)?.[1] ?? '';
    if (fingerprint === '') throw new Error(`no fingerprint in gpg's listing:\n${colons}`);
    return { armor, fingerprint, shortId: fingerprint.slice(-8) };
  } finally {
    execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home }, stdio: 'ignore' });
    rmSync(home, { recursive: true, force: true });
  }
}

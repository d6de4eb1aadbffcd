// Ansible Vault's AES256 cipher: PBKDF2-SHA256 (10000 rounds) derives an AES key, an HMAC key and a counter from the
// password and salt; the HMAC-SHA256 of the ciphertext proves the password; AES-256-CTR with PKCS7 padding.
import { createDecipheriv, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { VaultFormatError, type VaultEnvelope } from './envelope.js';

const KEY_BYTES = 32;
const IV_BYTES = 16;
const ROUNDS = 10_000;

interface DerivedKeys {
  readonly cipherKey: Buffer;
  readonly hmacKey: Buffer;
  readonly iv: Buffer;
}

function deriveKeys(password: Buffer, salt: Buffer): DerivedKeys {
  const bytes = pbkdf2Sync(password, salt, ROUNDS, 2 * KEY_BYTES + IV_BYTES, 'sha256');
  return { cipherKey: bytes.subarray(0, KEY_BYTES), hmacKey: bytes.subarray(KEY_BYTES, 2 * KEY_BYTES), iv: bytes.subarray(2 * KEY_BYTES) };
}

function unpad(padded: Buffer): Buffer {
  const n = padded[padded.length - 1] ?? 0;
  if (n < 1 || n > IV_BYTES || n > padded.length || !padded.subarray(padded.length - n).every((b) => b === n)) {
    throw new VaultFormatError('Vault decryption error: invalid PKCS7 padding');
  }
  return padded.subarray(0, padded.length - n);
}

/** The plaintext, or undefined when the HMAC says this is not the password (Ansible then tries the next one). */
export function decryptAes256(envelope: VaultEnvelope, password: Buffer): Buffer | undefined {
  const keys = deriveKeys(password, envelope.salt);
  const expected = createHmac('sha256', keys.hmacKey).update(envelope.ciphertext).digest();
  // constant time, as Ansible compares (the lengths differ only for a damaged vault)
  if (expected.length !== envelope.hmac.length || !timingSafeEqual(expected, envelope.hmac)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  return unpad(Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]));
}

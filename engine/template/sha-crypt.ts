// SHA-256/SHA-512 crypt (Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512", glibc's $5$ and $6$) and MD5 crypt
// ($1$, Poul-Henning Kamp's), for the password_hash filter and vars_prompt's encrypt: what Ansible 2.14 gets from
// crypt.crypt when passlib is absent (Debian's default).
import { createHash, randomInt } from 'node:crypto';

const B64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ORDER512 = [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41]];
const ORDER256 = [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29]];

function b64(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += B64[w & 0x3f];
    w >>= 6;
  }
  return out;
}

function repeatTo(bytes: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = bytes[i % bytes.length] as number;
  return out;
}

/** crypt(password, `$id$[rounds=N$]salt`) for id 5 (sha256) or 6 (sha512); rounds undefined means 5000, not shown */
export function shaCrypt(password: string, salt: string, id: '5' | '6', rounds?: number): string {
  const alg = id === '6' ? 'sha512' : 'sha256';
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 16), 'utf8');
  const r = rounds === undefined ? 5000 : Math.min(999_999_999, Math.max(1000, rounds));
  const h = (...parts: Buffer[]): Buffer => { const x = createHash(alg); for (const b of parts) x.update(b); return x.digest(); };

  const b = h(p, s, p);
  const a = createHash(alg).update(p).update(s).update(repeatTo(b, p.length));
  for (let n = p.length; n > 0; n >>= 1) a.update(n & 1 ? b : p);
  let c = a.digest();
  const dp = repeatTo(h(...Array.from({ length: p.length }, () => p)), p.length);
  const ds = repeatTo(h(...Array.from({ length: 16 + (c[0] as number) }, () => s)), s.length);
  for (let i = 0; i < r; i++) {
    const x = createHash(alg);
    x.update(i & 1 ? dp : c);
    if (i % 3) x.update(ds);
    if (i % 7) x.update(dp);
    x.update(i & 1 ? c : dp);
    c = x.digest();
  }
  let out = '';
  const order = id === '6' ? ORDER512 : ORDER256;
  for (const [i, j, k] of order) out += b64(c[i as number] as number, c[j as number] as number, c[k as number] as number, 4);
  out += id === '6' ? b64(0, 0, c[63] as number, 2) : b64(0, c[31] as number, c[30] as number, 3);
  return `$${id}$${rounds === undefined ? '' : `rounds=${r}$`}${salt.slice(0, 16)}$${out}`;
}

/** crypt(password, `$1$salt`): MD5 crypt, the salt cut to 8 characters */
export function md5Crypt(password: string, salt: string): string {
  const p = Buffer.from(password, 'utf8');
  const s = Buffer.from(salt.slice(0, 8), 'utf8');
  const md5 = (...parts: Buffer[]): Buffer => { const x = createHash('md5'); for (const b of parts) x.update(b); return x.digest(); };
  const alt = md5(p, s, p);
  const ctx = createHash('md5').update(p).update('$1$').update(s);
  for (let n = p.length; n > 0; n -= 16) ctx.update(alt.subarray(0, Math.min(n, 16)));
  for (let n = p.length; n > 0; n >>= 1) ctx.update(n & 1 ? Buffer.from([0]) : p.subarray(0, 1));
  let f: Buffer = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const parts = [i & 1 ? p : f];
    if (i % 3) parts.push(s);
    if (i % 7) parts.push(p);
    parts.push(i & 1 ? f : p);
    f = md5(...parts);
  }
  const at = (i: number): number => f[i] as number;
  const out = [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]].map(([i, j, k]) => b64(at(i as number), at(j as number), at(k as number), 4)).join('') + b64(0, 0, at(11), 2);
  return `$1$${salt.slice(0, 8)}$${out}`;
}

/** a random salt of crypt's alphabet */
export function randomSalt(length: number): string {
  return Array.from({ length }, () => B64[randomInt(64)]).join('');
}

/** The crypt schemes kplay computes, by Ansible's names (password_hash's short ones and passlib's). */
const SCHEMES: Readonly<Record<string, { readonly id: '1' | '5' | '6'; readonly saltSize: number }>> = {
  md5: { id: '1', saltSize: 8 },
  md5_crypt: { id: '1', saltSize: 8 },
  sha256: { id: '5', saltSize: 16 },
  sha256_crypt: { id: '5', saltSize: 16 },
  sha512: { id: '6', saltSize: 16 },
  sha512_crypt: { id: '6', saltSize: 16 },
};

export const CRYPT_SCHEMES: readonly string[] = Object.keys(SCHEMES);

/**
 * Ansible's do_encrypt / password_hash without passlib: the password hashed with the scheme, the salt given or a
 * random one of the scheme's size (salt_size when given). A string message for what kplay cannot compute.
 */
export function cryptHash(password: string, scheme: string, opts: { readonly salt?: string | undefined; readonly saltSize?: number | undefined; readonly rounds?: number | undefined } = {}): string | { readonly error: string } {
  const s = SCHEMES[scheme];
  if (s === undefined) return { error: `kplay computes md5_crypt, sha256_crypt and sha512_crypt hashes, not '${scheme}'` };
  const salt = opts.salt ?? randomSalt(opts.saltSize ?? s.saltSize);
  if (!/^[./0-9A-Za-z]*$/.test(salt)) return { error: 'invalid characters in salt' };
  if (salt.length > 16) return { error: 'invalid salt size (at most 16 characters)' };
  return s.id === '1' ? md5Crypt(password, salt) : shaCrypt(password, salt, s.id, opts.rounds);
}

// A certificate's SubjectPublicKeyInfo as community.crypto describes it: its PEM, its type (RSA, ECC, DSA,
// Ed25519, ...) and public numbers (an RSA key's size, modulus and exponent; an EC key's curve, x and y).
import { children, DerError, integerValue, oidText, plainInteger, readDer, type DerNode } from './der.js';

export interface PublicKeyInfo {
  readonly pem: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** Named curves by OID: cryptography's name and key size. */
const CURVES: Readonly<Record<string, readonly [string, number]>> = {
  '1.2.840.10045.3.1.1': ['secp192r1', 192],
  '1.3.132.0.33': ['secp224r1', 224],
  '1.2.840.10045.3.1.7': ['secp256r1', 256],
  '1.3.132.0.34': ['secp384r1', 384],
  '1.3.132.0.35': ['secp521r1', 521],
  '1.3.132.0.10': ['secp256k1', 256],
  '1.3.36.3.3.2.8.1.1.7': ['brainpoolP256r1', 256],
  '1.3.36.3.3.2.8.1.1.11': ['brainpoolP384r1', 384],
  '1.3.36.3.3.2.8.1.1.13': ['brainpoolP512r1', 512],
};

/** Key types without public numbers, by algorithm OID. */
const PLAIN_TYPES: Readonly<Record<string, string>> = {
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

function bitLength(n: bigint): number {
  return n <= 0n ? 0 : n.toString(2).length;
}

function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

function ints(node: DerNode): bigint[] {
  return children(node).map((n) => integerValue(n.content));
}

export function publicKeyInfo(spki: DerNode): PublicKeyInfo {
  const [algorithm, key] = children(spki);
  if (!algorithm || !key) throw new DerError('malformed public key');
  const [algOid, params] = children(algorithm);
  const oid = algOid ? oidText(algOid.content) : '';
  // a BIT STRING's first byte counts its unused bits
  const keyBytes = key.content.subarray(1);
  const base = { pem: pem(spki.raw) };
  if (oid === '1.2.840.113549.1.1.1') {
    const [modulus = 0n, exponent = 0n] = ints(readDer(keyBytes));
    return { ...base, type: 'RSA', data: { size: bitLength(modulus), modulus: plainInteger(modulus), exponent: plainInteger(exponent) } };
  }
  if (oid === '1.2.840.10040.4.1' && params) {
    const [p = 0n, q = 0n, g = 0n] = ints(params);
    const y = integerValue(readDer(keyBytes).content);
    return { ...base, type: 'DSA', data: { size: bitLength(p), p: plainInteger(p), q: plainInteger(q), g: plainInteger(g), y: plainInteger(y) } };
  }
  if (oid === '1.2.840.10045.2.1' && params) {
    const curve = CURVES[oidText(params.content)];
    if (curve && keyBytes[0] === 4) {
      const half = (keyBytes.length - 1) / 2;
      const coordinate = (from: number): number | string => plainInteger(BigInt(`0x${keyBytes.subarray(from, from + half).toString('hex')}`));
      return { ...base, type: 'ECC', data: { curve: curve[0], x: coordinate(1), y: coordinate(1 + half), exponent_size: curve[1] } };
    }
    return { ...base, type: 'ECC', data: {} };
  }
  const plain = PLAIN_TYPES[oid];
  return { ...base, type: plain ?? `unknown (${oid})`, data: {} };
}

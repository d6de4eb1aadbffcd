// What community.crypto.x509_certificate_info returns about a certificate, from its DER bytes: names as it names
// them, ASN.1 times (YYYYMMDDhhmmssZ), sorted key usages, colon-hex identifiers and fingerprints of every hash
// Python guarantees. Integers beyond 2^53 (serials, RSA moduli) are strings of their digits (der.ts's plainInteger).
import { createHash } from 'node:crypto';
import { children, DerError, integerValue, oidText, plainInteger, readDer, TAG, timeValue, type DerNode } from './der.js';
import { generalName, hexColons, nameAttributes } from './x509-general-name.js';
import { oidName } from './x509-oid-names.js';
import { publicKeyInfo } from './x509-public-key.js';

export type CertInfo = Record<string, unknown>;

/** Python's hashlib.algorithms_guaranteed, by Python's name -> Node's name (shake digests are 32 bytes). */
const HASHES: readonly (readonly [string, string])[] = [
  ['blake2b', 'blake2b512'],
  ['blake2s', 'blake2s256'],
  ['md5', 'md5'],
  ['sha1', 'sha1'],
  ['sha224', 'sha224'],
  ['sha256', 'sha256'],
  ['sha384', 'sha384'],
  ['sha3_224', 'sha3-224'],
  ['sha3_256', 'sha3-256'],
  ['sha3_384', 'sha3-384'],
  ['sha3_512', 'sha3-512'],
  ['sha512', 'sha512'],
  ['shake_128', 'shake128'],
  ['shake_256', 'shake256'],
];

/** Ansible's get_fingerprint_of_bytes: every guaranteed hash of the bytes, as colon-separated hex. */
export function fingerprints(bytes: Buffer): Record<string, string> {
  return Object.fromEntries(HASHES.map(([py, node]) => [py, hexColons(createHash(node, node.startsWith('shake') ? { outputLength: 32 } : {}).update(bytes).digest())]));
}

/** YYYYMMDDhhmmssZ, the ASN.1 TIME form the module returns. */
export function asn1Time(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

const KEY_USAGE_BITS = ['Digital Signature', 'Non Repudiation', 'Key Encipherment', 'Data Encipherment', 'Key Agreement', 'Certificate Sign', 'CRL Sign', 'Encipher Only', 'Decipher Only'];

function keyUsage(value: DerNode): string[] {
  const bits = value.content.subarray(1);
  const set = (i: number): boolean => (((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) === 1;
  // encipher only and decipher only count only with key agreement, as cryptography reads them
  return KEY_USAGE_BITS.filter((_, i) => set(i) && (i < 7 || set(4))).sort();
}

function basicConstraints(value: DerNode): string[] {
  const fields = children(value);
  const ca = fields.find((f) => f.tag === TAG.boolean);
  const pathlen = fields.find((f) => f.tag === TAG.integer);
  const out = [`CA:${ca && ca.content[0] !== 0 ? 'TRUE' : 'FALSE'}`];
  if (pathlen) out.push(`pathlen:${String(integerValue(pathlen.content))}`);
  return out.sort();
}

interface Extension {
  readonly critical: boolean;
  /** the extension's value: the element the OCTET STRING holds */
  readonly value: Buffer;
}

function extensionsOf(tbs: readonly DerNode[]): Map<string, Extension> {
  const out = new Map<string, Extension>();
  const wrapper = tbs.find((n) => n.tag === 0xa3);
  if (!wrapper) return out;
  for (const ext of children(readDer(wrapper.content))) {
    const fields = children(ext);
    const id = fields[0];
    const critical = fields.find((f) => f.tag === TAG.boolean);
    const value = fields.find((f) => f.tag === TAG.octetString);
    if (!id || !value) throw new DerError('malformed extension');
    out.set(oidText(id.content), { critical: critical !== undefined && critical.content[0] !== 0, value: value.content });
  }
  return out;
}

/** The value, and whether the extension is critical; [null, false] when the certificate lacks it (as Ansible). */
function extensionField<T>(exts: Map<string, Extension>, oid: string, read: (value: DerNode) => T): [T | null, boolean] {
  const ext = exts.get(oid);
  return ext ? [read(readDer(ext.value)), ext.critical] : [null, false];
}

function accessUri(exts: Map<string, Extension>, method: string): string | null {
  const ext = exts.get('1.3.6.1.5.5.7.1.1');
  if (!ext) return null;
  for (const desc of children(readDer(ext.value))) {
    const [m, location] = children(desc);
    if (m && location && oidText(m.content) === method && location.tag === 0x86) return location.content.toString('latin1');
  }
  return null;
}

function authorityKeyId(exts: Map<string, Extension>): { aki: string | null; issuer: string[] | null; serial: number | string | null } {
  const ext = exts.get('2.5.29.35');
  if (!ext) return { aki: null, issuer: null, serial: null };
  const fields = children(readDer(ext.value));
  const keyId = fields.find((f) => f.tag === 0x80);
  const issuer = fields.find((f) => f.tag === 0xa1);
  const serial = fields.find((f) => f.tag === 0x82);
  return {
    aki: keyId ? hexColons(keyId.content) : null,
    issuer: issuer ? children(issuer).map(generalName) : null,
    serial: serial ? plainInteger(integerValue(serial.content)) : null,
  };
}

function orderedToDict(pairs: readonly [string, string][]): Record<string, string> {
  return Object.fromEntries(pairs);
}

/** The certificate's validity, for valid_at and expired. */
export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Everything the module returns about the certificate (without valid_at), and its validity. */
export function certificateInfo(der: Buffer, now: Date): { info: CertInfo; validity: Validity } {
  const cert = readDer(der);
  const [tbsNode, sigAlg] = children(cert);
  if (!tbsNode || !sigAlg || cert.tag !== TAG.sequence) throw new DerError('not a certificate');
  const tbs = children(tbsNode);
  const versioned = tbs[0]?.tag === 0xa0;
  const [serial, , issuer, validity, subject, spki] = versioned ? tbs.slice(1) : tbs;
  if (!serial || !issuer || !validity || !subject || !spki) throw new DerError('truncated certificate');
  const versionNumber = versioned && tbs[0] ? Number(integerValue(readDer(tbs[0].content).content)) : 0;
  const [nb, na] = children(validity);
  if (!nb || !na) throw new DerError('malformed validity');
  const notBefore = timeValue(nb);
  const notAfter = timeValue(na);
  const exts = extensionsOf(tbs);
  const subjectOrdered = nameAttributes(subject).map(([oid, v]): [string, string] => [oidName(oid), v]);
  const issuerOrdered = nameAttributes(issuer).map(([oid, v]): [string, string] => [oidName(oid), v]);
  const [sigOid] = children(sigAlg);
  const key = publicKeyInfo(spki);
  const ski = exts.get('2.5.29.14');
  const authority = authorityKeyId(exts);
  const [keyUsages, keyUsageCritical] = extensionField(exts, '2.5.29.15', keyUsage);
  const [eku, ekuCritical] = extensionField(exts, '2.5.29.37', (v) => children(v).map((o) => oidName(oidText(o.content))).sort());
  const [constraints, constraintsCritical] = extensionField(exts, '2.5.29.19', basicConstraints);
  const [mustStaple, mustStapleCritical] = extensionField(exts, '1.3.6.1.5.5.7.1.24', (v) => children(v).some((n) => integerValue(n.content) === 5n));
  const [san, sanCritical] = extensionField(exts, '2.5.29.17', (v) => children(v).map(generalName));
  const info: CertInfo = {
    signature_algorithm: sigOid ? oidName(oidText(sigOid.content)) : '',
    subject: orderedToDict(subjectOrdered),
    subject_ordered: subjectOrdered,
    issuer: orderedToDict(issuerOrdered),
    issuer_ordered: issuerOrdered,
    version: versionNumber === 0 ? 1 : versionNumber === 2 ? 3 : 'unknown',
    key_usage: keyUsages,
    key_usage_critical: keyUsageCritical,
    extended_key_usage: eku,
    extended_key_usage_critical: ekuCritical,
    basic_constraints: constraints,
    basic_constraints_critical: constraintsCritical,
    ocsp_must_staple: mustStaple,
    ocsp_must_staple_critical: mustStapleCritical,
    subject_alt_name: san,
    subject_alt_name_critical: sanCritical,
    not_before: asn1Time(notBefore),
    not_after: asn1Time(notAfter),
    expired: notAfter.getTime() < now.getTime(),
    public_key: key.pem,
    public_key_type: key.type,
    public_key_data: key.data,
    public_key_fingerprints: fingerprints(spki.raw),
    fingerprints: fingerprints(cert.raw),
    subject_key_identifier: ski ? hexColons(readDer(ski.value).content) : null,
    authority_key_identifier: authority.aki,
    authority_cert_issuer: authority.issuer,
    authority_cert_serial_number: authority.serial,
    serial_number: plainInteger(integerValue(serial.content)),
    extensions_by_oid: Object.fromEntries([...exts].map(([oid, e]) => [oid, { critical: e.critical, value: e.value.toString('base64') }])),
    ocsp_uri: accessUri(exts, '1.3.6.1.5.5.7.48.1'),
    issuer_uri: accessUri(exts, '1.3.6.1.5.5.7.48.2'),
  };
  return { info, validity: { notBefore, notAfter } };
}

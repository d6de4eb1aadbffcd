// x509_certificate_info: what an X.509 certificate says (community.crypto.x509_certificate_info). The file's bytes
// travel in the probe (base64), and the certificate is read on the controller (support/x509-info.ts): the host needs
// no Python library and no openssl.
import { Type } from '@sinclair/typebox';
import { defineModule, type Plan } from './contract.js';
import { choice } from './common/schema.js';
import { timeSpec } from './support/crypto-timespec.js';
import { DerError } from '../engine/x509/der.js';
import { homePath } from './support/home-path.js';
import { certificateInfo } from '../engine/x509/x509-info.js';

const params = Type.Object({
  path: Type.Optional(Type.String({ description: 'The certificate file on the host, PEM or DER.' })),
  content: Type.Optional(Type.String({ description: 'The certificate itself, in PEM format.' })),
  valid_at: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'Names mapped to times (relative +32w1d2h / -1d, or ASN.1 YYYYMMDDhhmmssZ, UTC); the result valid_at tells for each whether the certificate is valid then.',
    }),
  ),
  name_encoding: choice(['ignore', 'idna', 'unicode'], { description: 'How IDNs in names are returned; kplay returns them as the certificate holds them (ignore).', default: 'ignore' }),
  select_crypto_backend: choice(['auto', 'cryptography'], { description: 'Accepted; kplay reads the certificate itself.', default: 'auto' }),
});

// errno values Python's open() would report, told by the shell's tests
const READ_ERRORS: Readonly<Record<string, string>> = {
  missing: '[Errno 2] No such file or directory',
  isdir: '[Errno 21] Is a directory',
  unreadable: '[Errno 13] Permission denied',
};

/** the reason first (one word on the first line), then the base64 text; a leading ~ is the remote user's home */
function readCommand(path: string): string {
  return `p=${homePath(path)}; if ! test -e "$p"; then echo missing; elif test -d "$p"; then echo isdir; elif ! test -r "$p"; then echo unreadable; else echo content && base64 -w0 -- "$p"; fi`;
}

const PEM_BLOCK = /-----BEGIN (?:X509 )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 )?CERTIFICATE-----/;

/** Ansible's identify_pem_format: the first line is a PEM header. */
function looksLikePem(bytes: Buffer): boolean {
  const first = bytes.toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  return first.startsWith('-----BEGIN') && first.endsWith('-----') && first.length > '-----BEGIN'.length + '-----'.length;
}

/** The DER bytes of the certificate, or the message cryptography's loader gives. */
function certificateDer(bytes: Buffer, derAllowed: boolean): Buffer | { readonly error: string } {
  if (derAllowed && !looksLikePem(bytes)) return bytes;
  const text = bytes.toString('utf8');
  const block = PEM_BLOCK.exec(text);
  if (!block) {
    return text.includes('-----BEGIN')
      ? { error: 'Valid PEM but no BEGIN CERTIFICATE/END CERTIFICATE delimiters. Are you sure this is a certificate?' }
      : { error: 'Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. MalformedFraming' };
  }
  return Buffer.from((block[1] ?? '').replace(/\s+/g, ''), 'base64');
}

export const x509CertificateInfoModule = defineModule({
  name: 'x509_certificate_info',
  // Ansible routes the old short name openssl_certificate_info here, but not x509_certificate_info (kplay takes both)
  aliases: ['community.crypto.x509_certificate_info', 'openssl_certificate_info'],
  short: 'What an X.509 certificate says: names, validity, extensions, fingerprints',
  params,
  requiredOneOf: [['path', 'content']],
  mutuallyExclusive: [['path', 'content']],
  checkMode: 'plan',
  examples: `- name: Read the web server's certificate
  x509_certificate_info:
    path: /etc/ssl/certs/web.pem
    valid_at:
      next_month: "+30d"
  register: cert
- assert:
    that: cert.valid_at.next_month
`,
  probe: (p): Record<string, string> => (p.path === undefined ? {} : { read: readCommand(p.path) }),
  plan(p, observed): Plan {
    let bytes: Buffer;
    if (p.content !== undefined) bytes = Buffer.from(p.content, 'utf8');
    else {
      const [head = '', ...rest] = (observed.read?.stdout ?? '').split('\n');
      const known = READ_ERRORS[head];
      if (known !== undefined) return { kind: 'fail', msg: `Error while reading certificate file from disk: ${known}: '${p.path ?? ''}'` };
      if (head !== 'content' || observed.read?.code !== 0) return { kind: 'fail', msg: `Error while reading certificate file from disk: ${(observed.read?.stderr ?? '').trim()}` };
      bytes = Buffer.from(rest.join('').trim(), 'base64');
    }
    const now = new Date();
    const moments: [string, Date][] = [];
    for (const [name, spec] of Object.entries(p.valid_at ?? {})) {
      if (typeof spec !== 'string') return { kind: 'fail', msg: `The value for valid_at.${name} must be of type string (got ${pythonType(spec)})` };
      const at = timeSpec(spec, `valid_at.${name}`, now);
      if (!(at instanceof Date)) return { kind: 'fail', msg: at.error };
      moments.push([name, at]);
    }
    const der = certificateDer(bytes, p.content === undefined);
    if (!Buffer.isBuffer(der)) return { kind: 'fail', msg: der.error };
    try {
      const { info, validity } = certificateInfo(der, now);
      const validAt = Object.fromEntries(moments.map(([name, at]) => [name, validity.notBefore <= at && at <= validity.notAfter]));
      return { kind: 'ok', reason: `read the certificate ${p.path ?? '(content)'}`, data: { ...info, valid_at: validAt } };
    } catch (err) {
      if (!(err instanceof DerError) && !(err instanceof RangeError)) throw err;
      return { kind: 'fail', msg: p.content === undefined && !looksLikePem(bytes) ? `Cannot parse DER certificate: ${err.message}` : `Cannot parse certificate: ${err.message}` };
    }
  },
});

/** How Python would name a YAML value's type in the message. */
function pythonType(v: unknown): string {
  const name = typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : v === null ? 'NoneType' : 'dict';
  return `<class '${name}'>`;
}

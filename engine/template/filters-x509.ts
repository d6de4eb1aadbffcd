// community.crypto.x509_certificate_info as a filter (plugins/filter/x509_certificate_info.py): a PEM certificate's
// text in, the dict the module of that name returns (without valid_at) out, read on the controller by the same
// pure reader as kplay's module (engine/x509/x509-info.ts).
import { DerError } from '../x509/der.js';
import { certificateInfo } from '../x509/x509-info.js';
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, pyStr, typeName } from './values.js';
import type { Filter } from './filter-args.js';

const PEM_BLOCK = /-----BEGIN (?:X509 )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 )?CERTIFICATE-----/;

/** Python's type() as the filter's messages print it. */
function pythonClass(v: unknown): string {
  return `<class '${typeName(v)}'>`;
}

/** The DER bytes of the first certificate block, or the message cryptography's PEM loader gives. */
function pemCertificate(text: string): Buffer {
  const block = PEM_BLOCK.exec(text);
  if (block) return Buffer.from((block[1] ?? '').replace(/\s+/g, ''), 'base64');
  throw new TemplateRuntimeError(
    text.includes('-----BEGIN')
      ? 'Valid PEM but no BEGIN CERTIFICATE/END CERTIFICATE delimiters. Are you sure this is a certificate?'
      : 'Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. MalformedFraming',
  );
}

/** pem | community.crypto.x509_certificate_info(name_encoding='ignore') */
const x509CertificateInfo: Filter = (v, args, kwargs) => {
  if (typeof v !== 'string') throw new TemplateRuntimeError(`The community.crypto.x509_certificate_info input must be a text type, not ${pythonClass(v)}`);
  const encoding = args.length > 0 ? args[0] : hasKey(kwargs, 'name_encoding') ? kwargs.name_encoding : 'ignore';
  if (typeof encoding !== 'string') throw new TemplateRuntimeError(`The name_encoding option must be of a text type, not ${pythonClass(encoding)}`);
  if (!['ignore', 'idna', 'unicode'].includes(encoding)) {
    throw new TemplateRuntimeError(`The name_encoding option must be one of the values "ignore", "idna", or "unicode", not "${pyStr(encoding)}"`);
  }
  const der = pemCertificate(v);
  try {
    // names are returned as the certificate holds them, whatever name_encoding says (as kplay's module does)
    return certificateInfo(der, new Date()).info;
  } catch (err) {
    if (!(err instanceof DerError) && !(err instanceof RangeError)) throw err;
    throw new TemplateRuntimeError(`Cannot parse certificate: ${err.message}`);
  }
};

export const X509_FILTERS: [string, Filter][] = [['community.crypto.x509_certificate_info', x509CertificateInfo]];

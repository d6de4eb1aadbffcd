// A minimal reader of DER (ASN.1's distinguished encoding), enough to walk an X.509 certificate: each element's
// tag, its content bytes and the whole encoding (a fingerprint or an extension value is over the exact bytes).

export interface DerNode {
  /** the identifier octet: class, constructed bit and tag number (0x30 SEQUENCE, 0xa3 [3] constructed) */
  readonly tag: number;
  readonly content: Buffer;
  /** the element as encoded: identifier, length and content */
  readonly raw: Buffer;
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  utcTime: 0x17,
  generalizedTime: 0x18,
} as const;

export class DerError extends Error {}

/** The one element at the start of `data` (trailing bytes ignored: a caller that cares compares raw's length). */
export function readDer(data: Buffer, at = 0): DerNode {
  const tag = data[at];
  if (tag === undefined) throw new DerError('truncated element');
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let pos = at + 1;
  const first = data[pos++];
  if (first === undefined) throw new DerError('truncated length');
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = data[pos++];
      if (b === undefined) throw new DerError('truncated length');
      length = length * 256 + b;
    }
  }
  if (pos + length > data.length) throw new DerError('element longer than its data');
  return { tag, content: data.subarray(pos, pos + length), raw: data.subarray(at, pos + length) };
}

/** The elements inside a constructed element (a SEQUENCE's fields). */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let at = 0;
  while (at < node.content.length) {
    const child = readDer(node.content, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

/** An OBJECT IDENTIFIER's dotted form: 2.5.4.3. */
export function oidText(content: Buffer): string {
  const arcs: string[] = [];
  let value = 0n;
  for (const byte of content) {
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) {
      const first = value < 40n ? 0n : value < 80n ? 1n : 2n;
      arcs.push(String(first), String(value - first * 40n));
    } else arcs.push(String(value));
    value = 0n;
  }
  return arcs.join('.');
}

/** An INTEGER's value (two's complement, big-endian), as a bigint. */
export function integerValue(content: Buffer): bigint {
  if (content.length === 0) return 0n;
  const unsigned = BigInt(`0x${content.toString('hex')}`);
  const negative = ((content[0] ?? 0) & 0x80) !== 0;
  return negative ? unsigned - (1n << BigInt(content.length * 8)) : unsigned;
}

/**
 * An integer as a result value: a number while it is exact, else its decimal digits as a string. Python's ints
 * have no limit; kplay's variables hold no bigint (debug and to_json cannot print one), and a string at least
 * renders the same digits in a template where a rounded number would not.
 */
export function plainInteger(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** UTCTime (YYMMDDhhmmssZ) or GeneralizedTime (YYYYMMDDhhmmssZ) as a Date. */
export function timeValue(node: DerNode): Date {
  const text = node.content.toString('latin1');
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new DerError(`unsupported time ${text}`);
  const [, y = '', mo = '', d = '', h = '', mi = '', s = ''] = m;
  // RFC 5280: a UTCTime year below 50 is 20YY, else 19YY
  const year = y.length === 4 ? Number(y) : Number(y) < 50 ? 2000 + Number(y) : 1900 + Number(y);
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** A string type's text: UTF8String, PrintableString, IA5String, BMPString (UTF-16BE), T61String (latin1). */
export function stringValue(node: DerNode): string {
  switch (node.tag) {
    case 0x1e: {
      const swapped = Buffer.from(node.content);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case 0x14:
      return node.content.toString('latin1');
    default:
      return node.content.toString('utf8');
  }
}

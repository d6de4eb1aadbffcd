// X.509 GeneralName and Name values written as community.crypto writes them: DNS:, IP:, email:, URI:, dirName:,
// RID:, otherName: (subject_alt_name, authority_cert_issuer), and a Name as ordered [name, value] pairs.
import { children, DerError, oidText, readDer, stringValue, type DerNode } from './der.js';
import { oidName } from './x509-oid-names.js';

/** A Name (subject, issuer) as its attributes in order: [oid, value]. */
export function nameAttributes(name: DerNode): [string, string][] {
  const out: [string, string][] = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (!type || !value) throw new DerError('malformed name attribute');
      out.push([oidText(type.content), stringValue(value)]);
    }
  }
  return out;
}

/** RFC 4514 escaping of a DN attribute value, as Ansible's _dn_escape_value does it. */
function escapeDnValue(value: string): string {
  let v = value.replace(/\\/g, '\\\\').replace(/[,+<>;"]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (v.startsWith(' ') || v.startsWith('#')) v = `\\${v}`;
  if (v.endsWith(' ')) v = `${v.slice(0, -1)}\\ `;
  return v;
}

/** An IP address as Python's ipaddress writes it (compressed IPv6). */
function ipText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) throw new DerError(`invalid IP address of ${bytes.length} bytes`);
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
  const text = groups.join(':');
  // the longest run of two or more zero groups becomes "::" (the first such run on a tie)
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.len < 2) return text;
  const head = groups.slice(0, best.at).join(':');
  const tail = groups.slice(best.at + best.len).join(':');
  return `${head}::${tail}`;
}

/** Bytes as lowercase hex pairs joined by colons (Ansible's _get_hex). */
export function hexColons(bytes: Buffer): string {
  return (bytes.toString('hex').match(/../g) ?? []).join(':');
}

/** One GeneralName (a context-tagged choice) as Ansible's cryptography_decode_name writes it. */
export function generalName(node: DerNode): string {
  switch (node.tag) {
    case 0x81:
      return `email:${node.content.toString('latin1')}`;
    case 0x82:
      return `DNS:${node.content.toString('latin1')}`;
    case 0x86:
      return `URI:${node.content.toString('latin1')}`;
    case 0x87:
      return `IP:${ipText(node.content)}`;
    case 0x88:
      return `RID:${oidText(node.content)}`;
    case 0xa4: {
      const attrs = nameAttributes(readDer(node.content));
      return `dirName:${attrs
        .reverse()
        .map(([oid, value]) => `${oidName(oid, true)}=${escapeDnValue(value)}`)
        .join(',')}`;
    }
    case 0xa0: {
      const [type, value] = children(node);
      if (!type || !value) throw new DerError('malformed otherName');
      // the value is the element inside the [0] EXPLICIT wrapper, as its DER bytes
      return `otherName:${oidText(type.content)};${hexColons(readDer(value.content).raw)}`;
    }
    default:
      throw new DerError(`Cannot decode name with tag ${node.tag}`);
  }
}

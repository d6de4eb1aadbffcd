// community.crypto.openssh_keypair's decisions (its OpenSSH-binary backend), as a pure function of what ssh-keygen
// said about the key on the host: the wanted size, whether the key can be read, whether to regenerate it, and
// whether the public key file must be written again. The module turns the decision into steps.

export type KeyType = 'rsa' | 'dsa' | 'rsa1' | 'ecdsa' | 'ed25519';
export type Regenerate = 'never' | 'fail' | 'partial_idempotence' | 'full_idempotence' | 'always';

/** What `ssh-keygen -l -f KEY` says: "4096 SHA256:... comment (RSA)". */
export interface KeyFingerprint {
  readonly size: number;
  readonly fingerprint: string;
  /** lowercased from the last word's parentheses: rsa, ed25519, ecdsa, dsa */
  readonly type: string;
}

/** A public key line: "type data [comment]". */
export interface PublicKeyLine {
  readonly type: string;
  readonly data: string;
  readonly comment: string;
}

/** The size the module works with, or Ansible's message for a size the type does not take. */
export function wantedSize(type: KeyType, size: number | undefined): number | { readonly error: string } {
  switch (type) {
    case 'rsa':
    case 'rsa1': {
      const bits = size ?? 4096;
      if (bits < 1024) return { error: 'For RSA keys, the minimum size is 1024 bits and the default is 4096 bits. Attempting to use bit lengths under 1024 will cause the module to fail.' };
      return bits;
    }
    case 'dsa':
      if ((size ?? 1024) !== 1024) return { error: 'DSA keys must be exactly 1024 bits as specified by FIPS 186-2.' };
      return 1024;
    case 'ecdsa': {
      const bits = size ?? 256;
      if (![256, 384, 521].includes(bits)) {
        return {
          error:
            'For ECDSA keys, size determines the key length by selecting from one of three elliptic curve sizes: 256, 384 or 521 bits. Attempting to use bit lengths other than these three values for ECDSA keys will cause this module to fail.',
        };
      }
      return bits;
    }
    case 'ed25519':
      // ssh-keygen ignores the size of an Ed25519 key, and so does Ansible
      return 256;
  }
}

/** Python's str.split(' ', n): single spaces separate, the last part keeps the rest. */
function splitSpaces(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < max) {
    const at = rest.indexOf(' ');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  return [...parts, rest];
}

/** `ssh-keygen -l` output read as Ansible's PrivateKey.from_string reads it; undefined where that raises. */
export function parseFingerprint(stdout: string): KeyFingerprint | undefined {
  const words = stdout.split(/\s+/).filter((w) => w !== '');
  const [size, fingerprint] = words;
  const last = words[words.length - 1];
  if (size === undefined || fingerprint === undefined || last === undefined || !/^\s*[+-]?\d+\s*$/.test(size)) return undefined;
  return { size: Number(size), fingerprint, type: last.slice(1, -1).toLowerCase() };
}

/** A .pub file as Ansible's PublicKey.load reads it; undefined when it has fewer than two fields. */
export function parsePublicKeyFile(text: string): PublicKeyLine | undefined {
  const [type, data, comment] = splitSpaces(text.replace(/^[ \n]+|[ \n]+$/g, ''), 2);
  if (type === undefined || data === undefined) return undefined;
  return { type, data, comment: comment ?? '' };
}

/** `ssh-keygen -y` output as PublicKey.from_string reads it; undefined where that raises (no second field). */
export function parsePublicKeyOutput(stdout: string): PublicKeyLine | undefined {
  const [type, data, comment] = splitSpaces(stdout.replace(/^\n+|\n+$/g, ''), 2);
  if (type === undefined || data === undefined) return undefined;
  return { type, data, comment: comment ?? '' };
}

/** What the host holds, as the probes saw it. */
export interface KeyOnHost {
  readonly privateExists: boolean;
  /** `ssh-keygen -l -f KEY`, parsed; undefined when the key is missing or unreadable */
  readonly privateKey: KeyFingerprint | undefined;
  /** `ssh-keygen -P '' -y -f KEY`: its exit code, output and errors */
  readonly derived: { readonly code: number; readonly stdout: string; readonly stderr: string };
  /** the .pub file, parsed; undefined when it is missing or has fewer than two fields */
  readonly publicKey: PublicKeyLine | undefined;
}

export interface Wanted {
  readonly type: KeyType;
  readonly size: number;
  /** undefined: any comment will do */
  readonly comment: string | undefined;
  readonly regenerate: Regenerate;
}

export type KeyDecision =
  | { readonly kind: 'fail'; readonly msg: string }
  | { readonly kind: 'generate' }
  /** the public key file is rewritten from the private key ("type data\n"), then commented */
  | { readonly kind: 'restore'; readonly line: string }
  | { readonly kind: 'keep' };

const UNREADABLE =
  'Unable to read the key. The key is protected with a passphrase or broken. Will not proceed. To force regeneration, call the module with `generate` set to `full_idempotence` or `always`, or with `force=true`.';
const WRONG_KEY =
  'Key has wrong type and/or size. Will not proceed. To force regeneration, call the module with `generate` set to `partial_idempotence`, `full_idempotence` or `always`, or with `force=true`.';

function readable(derived: KeyOnHost['derived']): boolean {
  return !(derived.code === 255 || ['is not a public key file', 'incorrect passphrase', 'load failed'].some((s) => derived.stderr.includes(s)));
}

/** state=present: generate, restore the public key, or keep; regenerate is already 'always' when force is set. */
export function decideKey(host: KeyOnHost, want: Wanted): KeyDecision {
  const original = host.privateKey;
  if (host.privateExists && ['never', 'fail', 'partial_idempotence'].includes(want.regenerate) && (original === undefined || !readable(host.derived))) {
    return { kind: 'fail', msg: UNREADABLE };
  }
  const valid = original !== undefined && original.size === want.size && original.type === want.type;
  if (original === undefined) return { kind: 'generate' };
  if (want.regenerate === 'always') return { kind: 'generate' };
  if (want.regenerate === 'fail' && !valid) return { kind: 'fail', msg: WRONG_KEY };
  if ((want.regenerate === 'partial_idempotence' || want.regenerate === 'full_idempotence') && !valid) return { kind: 'generate' };
  // the public key file must hold the private key's public half, and the wanted comment when one is given
  if (host.publicKey === undefined) return restore(host);
  const derived = parsePublicKeyOutput(host.derived.stdout);
  // Ansible fails here with an IndexError when ssh-keygen printed nothing (an unreadable key kept by full_idempotence)
  if (derived === undefined) return { kind: 'fail', msg: 'unexpected error occurred: list index out of range' };
  const same = host.publicKey.type === derived.type && host.publicKey.data === derived.data && (want.comment === undefined || host.publicKey.comment === want.comment);
  return same ? { kind: 'keep' } : restore(host);
}

function restore(host: KeyOnHost): KeyDecision {
  const derived = parsePublicKeyOutput(host.derived.stdout);
  if (derived === undefined) return { kind: 'fail', msg: 'unexpected error occurred: list index out of range' };
  return { kind: 'restore', line: `${derived.type} ${derived.data}\n` };
}

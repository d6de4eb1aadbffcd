// known_hosts in OpenSSH format: parse entries (hashed |1|, [host]:port, lists, markers), judge a presented key.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type HostMatcher =
  | { readonly kind: 'hashed'; readonly salt: Buffer; readonly hash: Buffer }
  | { readonly kind: 'patterns'; readonly patterns: readonly string[] };

export interface KnownHostEntry {
  readonly marker: 'revoked' | 'cert-authority' | undefined;
  readonly hosts: HostMatcher;
  readonly keyType: string;
  /** the key blob, base64 as written in the file */
  readonly key: string;
  readonly file: string;
  /** 1-based */
  readonly line: number;
}

/** Parse one known_hosts file's text. Lines that are not entries (comments, garbage) are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    } else if (fields[0].startsWith('@')) return; // an unknown marker: OpenSSH ignores the line
    const [hostField, keyType, key] = fields;
    if (hostField === undefined || keyType === undefined || key === undefined) return;
    const hosts = parseHostField(hostField);
    if (hosts === undefined) return;
    entries.push({ marker, hosts, keyType, key, file, line: i + 1 });
  });
  return entries;
}

function parseHostField(field: string): HostMatcher | undefined {
  if (field.startsWith('|1|')) {
    const [salt, hash] = field.slice(3).split('|');
    if (salt === undefined || hash === undefined) return undefined;
    return { kind: 'hashed', salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
  }
  return { kind: 'patterns', patterns: field.split(',').filter((p) => p !== '') };
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

// compiled wildcard patterns: every connection matches its name against every known_hosts entry and ssh_config Host
const compiledPatterns = new Map<string, RegExp>();

/** OpenSSH wildcard match (`*`, `?`), case-insensitive. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  // most patterns are plain names or addresses: no regular expression needed
  if (!p.includes('*') && !p.includes('?')) return p === text.toLowerCase();
  let re = compiledPatterns.get(p);
  if (re === undefined) {
    re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.')}$`, 's');
    compiledPatterns.set(p, re);
  }
  return re.test(text.toLowerCase());
}

/**
 * A comma/space pattern list as OpenSSH's match_pattern_list: a matching negated pattern (`!p`) vetoes the
 * whole list; otherwise any matching positive pattern matches.
 */
export function matchPatternList(patterns: readonly string[], text: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (wildcardMatch(p.slice(1), text)) return false;
    } else if (wildcardMatch(p, text)) matched = true;
  }
  return matched;
}

export function entryMatchesName(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.kind === 'patterns') return matchPatternList(entry.hosts.patterns, name);
  const mac = createHmac('sha1', entry.hosts.salt).update(name).digest();
  return mac.length === entry.hosts.hash.length && timingSafeEqual(mac, entry.hosts.hash);
}

/** The entries about this host's own keys (certificate authorities are ignored: kplay does not do host certs). */
export function entriesFor(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostName(host, port);
  return entries.filter((e) => e.marker !== 'cert-authority' && entryMatchesName(e, name));
}

/**
 * What a connection to host:port needs of the entries to judge its key: the host's own entries and every @revoked
 * one (those apply whatever the name). A connection keeps this, not every entry: 2,000 connections each holding a
 * 2,000-entry list was ~65 MB of heap.
 */
export function entriesConcerning(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostEntry[] {
  const name = knownHostName(host, port);
  return entries.filter((e) => e.marker === 'revoked' || entryMatchesName(e, name));
}

export type HostKeyVerdict =
  | { readonly kind: 'known'; readonly entry: KnownHostEntry }
  | { readonly kind: 'revoked'; readonly entry: KnownHostEntry }
  | { readonly kind: 'changed'; readonly entries: readonly KnownHostEntry[] }
  | { readonly kind: 'unknown' };

/** Decide on the key a server presented (its wire blob), from the entries of every known_hosts file read. */
export function judgeHostKey(entries: readonly KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const mine = entriesFor(entries, host, port);
  const b64 = keyBlob.toString('base64');
  // a revoked key is refused whatever else says (OpenSSH also applies @revoked to any host name pattern)
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key === b64);
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = mine.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.key === b64);
  if (same) return { kind: 'known', entry: same };
  if (plain.length > 0) return { kind: 'changed', entries: plain };
  return { kind: 'unknown' };
}

/** The algorithm name in a key blob (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ...). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:...` as `ssh-keygen -l` and OpenSSH's prompts print it. */
export function fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Host key algorithms to offer, those of keys already known for the host first (as OpenSSH orders them), so a
 * server with several host keys presents the one we can check.
 */
export function preferredHostKeyAlgorithms(known: readonly KnownHostEntry[], defaults: readonly string[]): string[] {
  const first: string[] = [];
  for (const e of known) {
    if (e.marker !== undefined) continue;
    const algs = e.keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [e.keyType];
    for (const a of algs) if (defaults.includes(a) && !first.includes(a)) first.push(a);
  }
  return [...first, ...defaults.filter((a) => !first.includes(a))];
}

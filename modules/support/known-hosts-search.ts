// What ansible.builtin.known_hosts decides from `ssh-keygen -F HOST -f FILE`: whether the host is in the file, whether
// the wanted key is there or must replace (or join) what is, and which line to drop. Pure: it reads ssh-keygen's output.
import { createHmac, randomBytes } from 'node:crypto';

/** One known_hosts line split as Ansible's normalize_known_hosts_key does: marker, host field, key type, key. */
export interface KeyFields {
  readonly marker: string | undefined;
  readonly host: string;
  readonly type: string;
  readonly key: string;
}

export function keyFields(line: string): KeyFields | undefined {
  const k = line.trim().split(/\s+/);
  const marked = k[0]?.startsWith('@') ?? false;
  const [host, type, key] = marked ? k.slice(1) : k;
  if (host === undefined || type === undefined || key === undefined) return undefined;
  return { marker: marked ? k[0] : undefined, host, type, key };
}

export interface Search {
  /** the host has an entry in the file */
  readonly found: boolean;
  /** the wanted key is not there as it is: its line must be replaced, or the key added */
  readonly replaceOrAdd: boolean;
  /** the 1-based line of the entry to drop (the same key, or another key of the same type) */
  readonly foundLine: number | undefined;
}

/**
 * Read `ssh-keygen -F` output (`# Host h found: line N` before each matching line) against the wanted key line, in
 * the order ssh-keygen printed them: the first entry equal to the key wins, else the first of the same key type.
 */
export function searchHostKey(lookup: string, wanted: string | undefined): Search {
  if (lookup.trim() === '') return { found: false, replaceOrAdd: false, foundLine: undefined };
  if (wanted === undefined) return { found: true, replaceOrAdd: false, foundLine: undefined };
  const want = keyFields(wanted);
  let line: number | undefined;
  for (const l of lookup.split('\n')) {
    if (l === '') continue;
    if (l.startsWith('#')) {
      const m = /found: line (\d+)/.exec(l);
      if (m) line = Number(m[1]);
      continue;
    }
    const have = keyFields(l);
    if (want === undefined || have === undefined) continue;
    const host = want.host.startsWith('|1|') && have.host.startsWith('|1|') ? have.host : want.host;
    if (host === have.host && want.marker === have.marker && want.type === have.type && want.key === have.key) return { found: true, replaceOrAdd: false, foundLine: line };
    if (want.type === have.type) return { found: true, replaceOrAdd: true, foundLine: line };
  }
  return { found: true, replaceOrAdd: true, foundLine: undefined };
}

/** The key line with its host field hashed as `ssh-keygen -H` does (HMAC-SHA1 of the name under a random salt). */
export function hashHostField(host: string, keyLine: string, salt: Buffer = randomBytes(20)): string {
  const parts = keyLine.trim().split(/\s+/);
  const i = parts[0]?.startsWith('@') ? 1 : 0;
  parts[i] = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(host).digest('base64')}`;
  return parts.join(' ');
}

/** The file's text after the change: the found line dropped when it is replaced or removed, the key appended. */
export function editedText(before: string, search: Search, present: boolean, key: string | undefined): string {
  const lines = before.split(/(?<=\n)/).filter((l) => l !== '');
  if ((search.replaceOrAdd || !present) && search.foundLine !== undefined && search.foundLine <= lines.length) lines.splice(search.foundLine - 1, 1);
  if (present && key !== undefined && (search.replaceOrAdd || search.foundLine === undefined)) lines.push(key);
  return lines.join('');
}

// authorized_keys lines as Ansible's authorized_key module reads them: [options] type blob [comment]; a key is
// identified by its blob, so the same key with other options or comment is replaced, not added.

const TYPE = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-\S+|sk-\S+@openssh\.com|ssh-\S+-cert-v01@openssh\.com)$/;

export interface KeyLine {
  readonly options: string;
  readonly type: string;
  readonly blob: string;
  readonly comment: string;
}

/** The key of a line, or undefined for blank lines, comments and what is not a key. */
export function parseKeyLine(line: string): KeyLine | undefined {
  const t = line.trim();
  if (t === '' || t.startsWith('#')) return undefined;
  const words = t.split(/\s+/);
  const at = words.findIndex((w) => TYPE.test(w));
  const blob = at < 0 ? undefined : words[at + 1];
  if (at < 0 || blob === undefined) return undefined;
  // options may hold quoted spaces: everything before the type word, as written
  const typeStart = t.indexOf(` ${words[at] ?? ''} `);
  return { options: at === 0 ? '' : t.slice(0, typeStart).trim(), type: words[at] ?? '', blob, comment: words.slice(at + 2).join(' ') };
}

export function formatKey(k: KeyLine): string {
  return [k.options, k.type, k.blob, k.comment].filter((x) => x !== '').join(' ');
}

export interface KeyEdit {
  readonly keys: readonly KeyLine[];
  readonly state: 'present' | 'absent';
  readonly exclusive: boolean;
}

/** The file with the keys added, replaced or removed; other lines kept in place. */
export function editKeys(text: string, e: KeyEdit): string {
  const wanted = new Map(e.keys.map((k) => [k.blob, k]));
  const placed = new Set<string>();
  const out: string[] = [];
  for (const line of text === '' ? [] : text.replace(/\n$/, '').split('\n')) {
    const k = parseKeyLine(line);
    if (k === undefined) {
      out.push(line);
      continue;
    }
    const w = wanted.get(k.blob);
    if (e.state === 'absent') {
      if (w === undefined) out.push(line);
    } else if (w !== undefined) {
      if (!placed.has(k.blob)) out.push(formatKey(w) === line.trim() ? line : formatKey(w));
      placed.add(k.blob);
    } else if (!e.exclusive) out.push(line);
  }
  if (e.state === 'present') {
    for (const k of e.keys) {
      if (placed.has(k.blob)) continue;
      out.push(formatKey(k));
      placed.add(k.blob);
    }
  }
  return out.map((l) => `${l}\n`).join('');
}

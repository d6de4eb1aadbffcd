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

/** A key line as Ansible's module writes every key of a file it rewrites: "[options ]type blob comment" (a space before an empty comment too). */
export function formatKey(k: KeyLine): string {
  return `${k.options === '' ? '' : `${k.options} `}${k.type} ${k.blob} ${k.comment}`;
}

const sameKey = (a: KeyLine, b: KeyLine): boolean => a.options === b.options && a.type === b.type && a.comment === b.comment;

export interface KeyEdit {
  readonly keys: readonly KeyLine[];
  readonly state: 'present' | 'absent';
  readonly exclusive: boolean;
}

/**
 * The keys added, replaced or removed, other lines in place. `changed` compares keys by their fields, as Ansible
 * decides to write; `text` is what it then writes: every key line serialized anew, the other lines as they were.
 */
export function editKeys(text: string, e: KeyEdit): { readonly changed: boolean; readonly text: string } {
  const wanted = new Map(e.keys.map((k) => [k.blob, k]));
  const placed = new Set<string>();
  const out: string[] = [];
  let changed = false;
  for (const line of text === '' ? [] : text.replace(/\n$/, '').split('\n')) {
    const k = parseKeyLine(line);
    if (k === undefined) {
      out.push(line);
      continue;
    }
    const w = wanted.get(k.blob);
    if (e.state === 'absent') {
      if (w === undefined) out.push(formatKey(k));
      else changed = true;
    } else if (w !== undefined) {
      if (placed.has(k.blob) || !sameKey(w, k)) changed = true;
      if (!placed.has(k.blob)) out.push(formatKey(w));
      placed.add(k.blob);
    } else if (!e.exclusive) out.push(formatKey(k));
    else changed = true;
  }
  if (e.state === 'present') {
    for (const k of e.keys) {
      if (placed.has(k.blob)) continue;
      out.push(formatKey(k));
      placed.add(k.blob);
      changed = true;
    }
  }
  return { changed, text: out.map((l) => `${l}\n`).join('') };
}

// File modes as Ansible takes them: an octal string ('0644'), an int (YAML 1.1 reads 0644 as 420) or symbolic ('u+rwx,g-w').

export type ModeSpec = { readonly kind: 'octal'; readonly bits: number } | { readonly kind: 'symbolic'; readonly text: string };

const CLAUSE = /^([ugoa]*)((?:[-+=](?:[rwxXst]*|[ugo]))+)$/;

/** Parse a mode parameter; a string message for a mode chmod would not understand. */
export function parseMode(mode: string | number): ModeSpec | string {
  if (typeof mode === 'number') {
    // Ansible uses an int as the numeric mode itself: 420 is 0644 (what YAML 1.1 makes of an unquoted 0644)
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) return `mode ${mode} is not a valid permission value`;
    return { kind: 'octal', bits: mode };
  }
  const s = mode.trim();
  if (/^[0-7]{1,4}$/.test(s)) return { kind: 'octal', bits: Number.parseInt(s, 8) };
  if (/^0[0-7]{4}$/.test(s)) return { kind: 'octal', bits: Number.parseInt(s, 8) };
  if (s !== '' && s.split(',').every((c) => CLAUSE.test(c))) return { kind: 'symbolic', text: s };
  return `mode must be in octal or symbolic form ('0644', 'u=rw,g=r,o=r'), not ${JSON.stringify(mode)}`;
}

/** '0644', as chmod and Ansible print it. */
export function formatMode(bits: number): string {
  return bits.toString(8).padStart(4, '0');
}

const CLASS_SHIFT = { u: 6, g: 3, o: 0 } as const;

/** The mode a symbolic spec gives when applied to `current` (for a directory when `isDir`: X means x). */
export function applySymbolic(text: string, current: number, isDir: boolean): number {
  let mode = current & 0o7777;
  for (const clause of text.split(',')) {
    const m = CLAUSE.exec(clause);
    if (!m) continue;
    // Ansible applies a clause without a who to everyone, ignoring the umask (unlike chmod)
    const who = (m[1] === '' || (m[1] ?? '').includes('a') ? 'ugo' : (m[1] ?? '')).split('') as ('u' | 'g' | 'o')[];
    for (const op of (m[2] ?? '').match(/[-+=][^-+=]*/g) ?? []) {
      const sign = op[0];
      const perms = op.slice(1);
      let bits = 0;
      for (const cls of who) bits |= permBits(cls, perms, mode, isDir);
      if (sign === '+') mode |= bits;
      else if (sign === '-') mode &= ~bits;
      else {
        let clear = 0;
        for (const cls of who) clear |= (0o7 << CLASS_SHIFT[cls]) | (cls === 'u' ? 0o4000 : cls === 'g' ? 0o2000 : 0o1000);
        mode = (mode & ~clear) | bits;
      }
    }
  }
  return mode;
}

function permBits(cls: 'u' | 'g' | 'o', perms: string, current: number, isDir: boolean): number {
  const shift = CLASS_SHIFT[cls];
  if (perms === 'u' || perms === 'g' || perms === 'o') return ((current >> CLASS_SHIFT[perms]) & 0o7) << shift;
  let rwx = 0;
  let special = 0;
  for (const p of perms) {
    if (p === 'r') rwx |= 4;
    else if (p === 'w') rwx |= 2;
    else if (p === 'x') rwx |= 1;
    else if (p === 'X' && (isDir || (current & 0o111) !== 0)) rwx |= 1;
    else if (p === 's' && cls !== 'o') special |= cls === 'u' ? 0o4000 : 0o2000;
    else if (p === 't' && cls === 'o') special |= 0o1000;
  }
  return (rwx << shift) | special;
}

/** The exact bits wanted, given what is there now (undefined when symbolic and nothing exists yet). */
export function wantedBits(spec: ModeSpec, current: number | undefined, isDir: boolean): number | undefined {
  if (spec.kind === 'octal') return spec.bits;
  return current === undefined ? undefined : applySymbolic(spec.text, current, isDir);
}

/** The argument for chmod: octal when known, else the symbolic text made explicit about who (Ansible's 'a'). */
export function chmodArg(spec: ModeSpec, wanted: number | undefined): string {
  if (wanted !== undefined) return formatMode(wanted);
  if (spec.kind === 'octal') return formatMode(spec.bits);
  return spec.text
    .split(',')
    .map((c) => (/^[ugoa]/.test(c) ? c : `a${c}`))
    .join(',');
}

// sysctl files as ansible.posix.sysctl reads and rewrites them: key=value lines; comments (#, ;) and blanks kept.

const TRUE_WORDS = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE_WORDS = new Set(['n', 'no', 'off', '0', 'false', 'f']);

/** The value as Ansible normalises it: booleans and yes/no words become 1/0, strings are trimmed. */
export function sysctlValue(raw: string | number | boolean | undefined): string {
  if (raw === undefined) return '';
  if (typeof raw === 'boolean') return raw ? '1' : '0';
  const s = String(raw);
  if (TRUE_WORDS.has(s.toLowerCase())) return '1';
  if (FALSE_WORDS.has(s.toLowerCase())) return '0';
  return s.trim();
}

function isSetting(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#') && !t.startsWith(';') && t.includes('=');
}

function split(line: string): [string, string] {
  const t = line.trim();
  const at = t.indexOf('=');
  return [t.slice(0, at).trim(), t.slice(at + 1).trim()];
}

/** key -> value of the file's settings (a later line for the same key wins, as in Ansible's reading). */
export function parseSysctlFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) if (isSetting(line)) values.set(...split(line));
  return values;
}

/** The file as Ansible writes it back: every line trimmed, settings as key=value, each key once, `name` set or dropped. */
export function fixLines(text: string, name: string, value: string | undefined): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    if (!isSetting(line)) {
      out.push(line.trim());
      continue;
    }
    const [k, v] = split(line);
    if (seen.has(k)) continue;
    seen.add(k);
    if (k !== name) out.push(`${k}=${v}`);
    else if (value !== undefined) out.push(`${k}=${value}`);
  }
  if (!seen.has(name) && value !== undefined) out.push(`${name}=${value}`);
  return out.map((l) => `${l}\n`).join('');
}

/** Ansible's comparison of the kernel's value with the wanted one: the same whitespace-separated words. */
export function sameValue(proc: string | undefined, want: string): boolean {
  if (proc === undefined) return false;
  const a = proc.split(/\s+/).filter((w) => w !== '');
  const b = want.split(/\s+/).filter((w) => w !== '');
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

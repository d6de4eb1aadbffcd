// SELinux booleans as the tools print them: getsebool -a (the running values), semanage boolean -l (the persistent
// ones), and libselinux's renaming of old boolean names (booleans.subs_dist), all parsed without running anything.

/**
 * `getsebool -a`: name -> running value. A line is "name --> on", or "name --> off pending: on" while a change is
 * pending; "No booleans" when the policy has none.
 */
export function parseGetsebool(text: string): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    const m = /^(\S+) --> (on|off)(?: pending: (?:on|off))?$/.exec(line.trimEnd());
    if (m?.[1] !== undefined) values.set(m[1], m[2] === 'on');
  }
  return values;
}

/**
 * `semanage boolean -l -n` (in the C locale): name -> the persistent value, the second of "(state,default)":
 *   httpd_can_network_connect      (off  ,  off)  Allow httpd to can network connect
 * That value is what libsemanage's store holds (semanage_bool_get_value), which Ansible compares for persistent.
 */
export function parseSemanageBooleans(text: string): Map<string, boolean> {
  const values = new Map<string, boolean>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+\(\s*(?:on|off)\s*,\s*(on|off)\s*\)/.exec(line);
    if (m?.[1] !== undefined) values.set(m[1], m[2] === 'on');
  }
  return values;
}

/** The header the subs probe prints before each policy's booleans.subs_dist. */
export const SUBS_HEADER = '==> ';

/** The probe: every policy's booleans.subs_dist, each after a header naming its path. */
export const SUBS_PROBE = `for f in /etc/selinux/*/booleans.subs_dist; do [ -r "$f" ] && { printf '${SUBS_HEADER}%s\\n' "$f"; cat -- "$f"; }; done; true`;

/** The text of one file from the subs probe's output, or undefined when it printed none at that path. */
export function subsFile(probeText: string, path: string): string | undefined {
  const sections = probeText.split('\n');
  let inside = false;
  const out: string[] = [];
  let found = false;
  for (const line of sections) {
    if (line.startsWith(SUBS_HEADER)) {
      inside = line.slice(SUBS_HEADER.length) === path;
      found ||= inside;
      continue;
    }
    if (inside) out.push(line);
  }
  return found ? out.join('\n') : undefined;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** The first blank-separated word of `s` from `start`: [word, index after it]. */
function word(s: string, start: number): [string, number] {
  let i = start;
  while (i < s.length && isSpace(s.charAt(i))) i++;
  const from = i;
  while (i < s.length && !isSpace(s.charAt(i))) i++;
  return [s.slice(from, i), i];
}

/**
 * libselinux's selinux_boolean_sub: the first line "old new" whose old is `name` gives new (unless new holds a '/');
 * blank lines and lines starting with '#' are skipped; no match keeps the name.
 */
export function booleanSub(subsText: string | undefined, name: string): string {
  for (const line of (subsText ?? '').split('\n')) {
    const [src, end] = word(line, 0);
    if (src === '' || src.startsWith('#') || src !== name) continue;
    const [dst] = word(line, end);
    if (dst === '') continue;
    return dst.includes('/') ? name : dst;
  }
  return name;
}

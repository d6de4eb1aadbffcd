// One command argument as Ansible's command module treats it: $VAR, ${VAR} and a leading ~ are expanded on the
// host (os.path.expandvars / expanduser: unset variables stay as written); everything else arrives literally.
import { quote } from '../../engine/core/quote.js';

const VAR = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/g;
const TILDE = /^~([A-Za-z0-9_][A-Za-z0-9_.-]*)?(?=\/|$)/;

/** A shell word that expands only variables and a leading tilde; `$(...)`, backticks, globs stay literal. */
export function expandingWord(word: string): string {
  let out = '';
  let rest = word;
  const tilde = TILDE.exec(rest);
  if (tilde) {
    // unquoted ~ (or ~user) up to an unquoted slash: the shell's tilde expansion, the rest stays quoted
    out += tilde[0];
    rest = rest.slice(tilde[0].length);
    if (rest.startsWith('/')) {
      out += '/';
      rest = rest.slice(1);
    }
  }
  let last = 0;
  const parts: string[] = [];
  for (const m of rest.matchAll(VAR)) {
    const at = m.index;
    if (at > last) parts.push(quote(rest.slice(last, at)));
    const name = m[1] ?? m[2] ?? '';
    // ${NAME-\$NAME}: the value when set (even empty), else the reference as written, like expandvars
    parts.push(m[1] !== undefined ? `"\${${name}-\\$${name}}"` : `"\${${name}-\\\${${name}\\}}"`);
    last = at + m[0].length;
  }
  if (last < rest.length || (parts.length === 0 && out === '')) parts.push(quote(rest.slice(last)));
  return out + parts.join('');
}

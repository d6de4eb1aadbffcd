// A glob pattern as one shell word: only * ? [ ] stay active, everything else is quoted (command's creates/removes).
import { quote } from '../../engine/core/quote.js';

/** `/tmp/a b*.txt` -> `'/tmp/a b'*.txt`: the shell expands the pattern but nothing else in it. */
function globWord(pattern: string): string {
  return pattern
    .split(/([*?[\]])/)
    .filter((part) => part !== '')
    .map((part) => (/^[*?[\]]$/.test(part) ? part : quote(part)))
    .join('');
}

/** A probe that exits 0 when anything (even a dangling symlink) matches the pattern, as Python's glob does. */
export function globExistsCommand(pattern: string, chdir?: string): string {
  const test = `for f in ${globWord(pattern)}; do if [ -e "$f" ] || [ -L "$f" ]; then exit 0; fi; done; exit 1`;
  return chdir === undefined ? test : `cd -- ${quote(chdir)} || exit 1; ${test}`;
}

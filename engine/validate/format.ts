// A located problem as the user sees it: `file:line:col: message`, the line, a caret under the column, the hint.
import type { InputError } from '../core/errors.js';
import { formatLoc } from '../core/location.js';

/**
 * `sourceText` is the text of `err.loc.file` (undefined when unreadable: then no code frame). The caret line
 * copies the line's tabs so it lines up however the terminal shows tabs.
 */
export function formatProblem(err: InputError, sourceText: string | undefined): string {
  const out: string[] = [];
  const loc = err.loc;
  out.push(loc ? `${formatLoc(loc)}: ${err.message}` : err.message);
  if (loc && sourceText !== undefined) {
    const line = sourceText.split(/\r?\n/)[loc.line - 1];
    if (line !== undefined) {
      const gutter = String(loc.line).length;
      const pad = ' '.repeat(gutter);
      const before = line.slice(0, Math.max(0, loc.col - 1)).replace(/[^\t]/g, ' ');
      out.push(`  ${loc.line} | ${line}`, `  ${pad} | ${before}^`);
    }
  }
  if (err.hint) out.push(`  hint: ${err.hint}`);
  return out.join('\n');
}

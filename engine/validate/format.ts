// A located problem as the user sees it: `file:line:col: message`, the line, a caret under the column, the hint.
import type { InputError } from '../core/errors.js';
import { formatLoc } from '../core/location.js';

/** The widest part of a source line a code frame shows: a long line is cut to a window around the column. */
export const FRAME_WIDTH = 160;
/** A longer message (one that quotes a huge value) is cut in the middle. */
const MAX_MESSAGE = 2000;

/** The line from `text` without splitting the whole file (a 100 MB file, a 20 MB line: bounded work). */
function lineAt(text: string, lineNo: number): string | undefined {
  let start = 0;
  for (let n = 1; n < lineNo; n++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The window of `line` shown around 1-based `col`, with … where it was cut, and the caret's column in it. */
export function frameWindow(line: string, col: number): { text: string; col: number } {
  if (line.length <= FRAME_WIDTH) return { text: line, col };
  const half = Math.floor(FRAME_WIDTH / 2);
  const start = Math.max(0, Math.min(col - 1 - half, line.length - FRAME_WIDTH));
  const end = Math.min(line.length, start + FRAME_WIDTH);
  const pre = start > 0 ? '…' : '';
  const post = end < line.length ? '…' : '';
  return { text: `${pre}${line.slice(start, end)}${post}`, col: col - start + pre.length };
}

function shorten(message: string): string {
  if (message.length <= MAX_MESSAGE) return message;
  const keep = MAX_MESSAGE / 2;
  return `${message.slice(0, keep)}… (${message.length - MAX_MESSAGE} characters left out) …${message.slice(-keep)}`;
}

/**
 * `sourceText` is the text of `err.loc.file` (undefined when unreadable: then no code frame). The caret line
 * copies the line's tabs so it lines up however the terminal shows tabs.
 */
export function formatProblem(err: InputError, sourceText: string | undefined): string {
  const out: string[] = [];
  const loc = err.loc;
  const message = shorten(err.message);
  out.push(loc ? `${formatLoc(loc)}: ${message}` : message);
  if (loc && sourceText !== undefined) {
    const line = lineAt(sourceText, loc.line);
    if (line !== undefined) {
      const gutter = String(loc.line).length;
      const pad = ' '.repeat(gutter);
      const shown = frameWindow(line, loc.col);
      const before = shown.text.slice(0, Math.max(0, shown.col - 1)).replace(/[^\t]/g, ' ');
      out.push(`  ${loc.line} | ${shown.text}`, `  ${pad} | ${before}^`);
    }
  }
  if (err.hint) out.push(`  hint: ${shorten(err.hint)}`);
  return out.join('\n');
}

// The one door to a terminal: every printed line passes here, its text with control characters shown escaped (as
// JSON shows them: `\u001b`), so bytes from a host or from input never act on the terminal; then our own colors.
import { COLORS, type ColorName } from './colors.js';

/** A run of text in one color. */
export interface Span {
  readonly text: string;
  readonly color: ColorName;
}

/** One printed line: text, painted text, or pieces of both. It may hold newlines (multi-line JSON, messages). */
export type Line = string | Span | readonly (string | Span)[];

/**
 * What must not reach a terminal raw: C0 controls but newline and tab (ESC starts CSI and OSC sequences, CR
 * overwrites a line, BEL rings), DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional marks,
 * overrides, embeddings and isolates that make text show in another order than it is (Trojan Source).
 * `oneLine`: newline too (a name or label is one line: a newline in it could forge a result line).
 */
function unsafe(code: number, oneLine: boolean): boolean {
  if (code < 0x20) return code === 0x0a ? oneLine : code !== 0x09;
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  return code === 0x061c || code === 0x200e || code === 0x200f || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const SHORT: Readonly<Record<number, string>> = { 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };

function escapeWith(text: string, oneLine: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!unsafe(code, oneLine)) continue;
    out += text.slice(from, i) + (SHORT[code] ?? `\\u${code.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Text safe to print: every unsafe character as its JSON escape (`\u001b`); newlines and tabs stay. Idempotent. */
export function escapeControls(text: string): string {
  return escapeWith(text, false);
}

/** The same for one line: newlines escaped too (a tab stays, as in a line of a file). */
export function escapeToOneLine(text: string): string {
  return escapeWith(text, true);
}

export function paint(text: string, color: ColorName): Span {
  return { text, color };
}

/** Ansible paints multi-line text line by line, so a colored block survives `less -R` and line-wise copying. */
function sgr(text: string, color: ColorName): string {
  return text
    .split('\n')
    .map((l) => `\u001b[${COLORS[color]}m${l}\u001b[0m`)
    .join('\n');
}

function renderPiece(piece: string | Span, color: boolean): string {
  if (typeof piece === 'string') return escapeControls(piece);
  const text = escapeControls(piece.text);
  return color ? sgr(text, piece.color) : text;
}

/** A line as the terminal gets it: escaped, then painted when color is on. */
export function renderLine(line: Line, color: boolean): string {
  if (typeof line === 'string' || 'text' in line) return renderPiece(line, color);
  return line.map((p) => renderPiece(p, color)).join('');
}

/** Lines as one chunk to write, each ending in a newline ('' for none). */
export function renderLines(lines: readonly Line[], color: boolean): string {
  return lines.length === 0 ? '' : `${lines.map((l) => renderLine(l, color)).join('\n')}\n`;
}

// {% raw %} ... {% endraw %}: the text between is output as written (Prometheus' {{ $labels.x }} inside a template).
// The library's parser has no raw statement, so each block becomes a string literal before the text is parsed,
// with Jinja2's whitespace control: `-` strips blanks on its side, and trim_blocks drops the newline after endraw
// (not after raw: Jinja2's raw_begin takes no block suffix).

/** A piece of a template: text to parse, or the content of a raw block. */
export interface Piece {
  readonly text: string;
  readonly raw: boolean;
}

const OPEN = /\{%(-?)\s*raw\s*(-?)%\}/;
/** The tag that ends a raw block, with its whitespace markers (also what the syntax check skips to). */
export const END_RAW = /\{%(-?)\s*endraw\s*(-?)%\}/;

/** The template cut at its raw blocks; one piece when it has none. Throws Jinja2's error for a block never closed. */
export function rawPieces(text: string, trimBlocks: boolean): Piece[] {
  const pieces: Piece[] = [];
  let rest = text;
  let stripLeading = false;
  for (;;) {
    const open = OPEN.exec(rest);
    if (open === null) {
      pieces.push({ text: stripLeading ? rest.trimStart() : rest, raw: false });
      return pieces;
    }
    let before = rest.slice(0, open.index);
    if (stripLeading) before = before.trimStart();
    if (open[1] === '-') before = before.trimEnd();
    pieces.push({ text: before, raw: false });
    const inside = rest.slice(open.index + open[0].length);
    const close = END_RAW.exec(inside);
    if (close === null) throw new Error('Missing end of raw directive');
    let content = inside.slice(0, close.index);
    if (open[2] === '-') content = content.trimStart();
    if (close[1] === '-') content = content.trimEnd();
    pieces.push({ text: content, raw: true });
    rest = inside.slice(close.index + close[0].length);
    stripLeading = close[2] === '-';
    if (!stripLeading && trimBlocks && rest.startsWith('\n')) rest = rest.slice(1);
  }
}

/** A raw block's text as an expression that outputs it unchanged. */
export function rawExpression(text: string): string {
  return `{{ "${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}" }}`;
}

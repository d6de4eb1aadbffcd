// {% include name [ignore missing] [with context | without context] %}: the library's parser has no include, so
// each tag becomes an expression statement calling INCLUDE_CALL (a name no template can spell), which the evaluator
// renders through its context's loader (index.ts); the tag's line rides along for the error of a missing file.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Token } from './jinja-lib.js';
import { END_RAW } from './raw-blocks.js';

/** The callee of a rewritten include: with a space, so no identifier in a template can be it. */
export const INCLUDE_CALL = 'include statement';

/** Why an include in a template written in a task or variable is refused: it has no search path. */
export const INCLUDE_OUTSIDE_FILES = '{% include %} works in template files (the template module and lookup), not in a template written in a task or variable';

/** the tags that load a template: include, and import / from (import.ts) */
const INCLUDE_TAG = /\{%([-+]?)(\s*)(include|import|from)\b/g;
const RAW_OPEN = /\{%-?\s*raw\s*-?%\}/g;

/**
 * Each `{% include`, `{% import` and `{% from` outside raw blocks followed by its 1-based line (a number token the
 * rewrite reads back), since the library's tokens carry no position. `firstLine` is the line of the text's first
 * character.
 */
export function markIncludeLines(text: string, firstLine = 1): string {
  if (!/include|import|from/.test(text)) return text;
  let out = '';
  let from = 0;
  let line = firstLine;
  const mark = (part: string, at: number): string =>
    part.replace(INCLUDE_TAG, (whole: string, ws: string, space: string, tag: string, offset: number) => {
      return `{%${ws}${space}${tag} ${line + countNewlines(text.slice(at, at + offset))} `;
    });
  RAW_OPEN.lastIndex = 0;
  for (let open = RAW_OPEN.exec(text); open !== null; open = RAW_OPEN.exec(text)) {
    out += mark(text.slice(from, open.index), from);
    line += countNewlines(text.slice(from, open.index));
    const close = END_RAW.exec(text.slice(open.index));
    const end = close === null ? text.length : open.index + close.index + close[0].length;
    out += text.slice(open.index, end);
    line += countNewlines(text.slice(open.index, end));
    from = end;
    RAW_OPEN.lastIndex = end;
  }
  return out + mark(text.slice(from), from);
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

export const isWord = (t: Token | undefined, word: string): boolean => t?.type === 'Identifier' && t.value === word;
const number = (n: number): Token => ({ type: 'NumericLiteral', value: String(n) });

/** A statement tag read from tokens: its line mark, its argument tokens [start, end), its `%}`, its context clause. */
export interface StatementTag {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly close: number;
  /** `with context` (true), `without context` (false), or none written (undefined: the tag's own default) */
  readonly withContext: boolean | undefined;
}

/** The tag whose `{%` is tokens[open], its word next and its line mark (markIncludeLines) after that. */
export function readStatementTag(tokens: readonly Token[], open: number, word: string): StatementTag {
  const mark = tokens[open + 2];
  const line = mark?.type === 'NumericLiteral' ? Number(mark.value) : 0;
  const start = open + 3;
  let close = start;
  while (close < tokens.length && tokens[close]?.type !== 'CloseStatement') close++;
  if (close >= tokens.length) throw new SyntaxError(`unexpected end of template: the '{% ${word} %}' tag is never closed`);
  let end = close;
  let withContext: boolean | undefined;
  if (isWord(tokens[end - 1], 'context') && (isWord(tokens[end - 2], 'with') || isWord(tokens[end - 2], 'without'))) {
    withContext = isWord(tokens[end - 2], 'with');
    end -= 2;
  }
  return { line, start, end, close, withContext };
}

/** The tokens with each include tag rewritten to `{{ INCLUDE_CALL(names, ignoreMissing, withContext, line) }}`. */
export function rewriteIncludes(tokens: Token[]): Token[] {
  if (!tokens.some((t) => isWord(t, 'include'))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!(t.type === 'OpenStatement' && isWord(tokens[i + 1], 'include'))) {
      out.push(t);
      continue;
    }
    const tag = readStatementTag(tokens, i, 'include');
    let end = tag.end;
    const ignoreMissing = isWord(tokens[end - 1], 'missing') && isWord(tokens[end - 2], 'ignore');
    if (ignoreMissing) end -= 2;
    if (end <= tag.start) throw new SyntaxError("'{% include %}' names no template: write {% include 'file.j2' %}");
    out.push(
      { type: 'OpenExpression', value: '{{' },
      { type: 'Identifier', value: INCLUDE_CALL },
      { type: 'OpenParen', value: '(' },
      ...tokens.slice(tag.start, end),
      { type: 'Comma', value: ',' },
      number(ignoreMissing ? 1 : 0),
      { type: 'Comma', value: ',' },
      number(tag.withContext === false ? 0 : 1),
      { type: 'Comma', value: ',' },
      number(tag.line),
      { type: 'CloseParen', value: ')' },
      { type: 'CloseExpression', value: '}}' },
    );
    i = tag.close;
  }
  return out;
}

/** A template search path as Ansible's template action and lookup build it: each directory's templates/ first. */
export function withTemplatesDirs(dirs: readonly string[]): string[] {
  return dirs.flatMap((d) => [join(d, 'templates'), d]);
}

/**
 * Jinja2's FileSystemLoader: the name split at `/` (`.` and empty parts dropped, `..` refused), joined to each
 * directory of the search path in turn; the first file found. An absolute name is relative to them too.
 */
export function findIncludedTemplate(searchPath: readonly string[], name: string): string | undefined {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..') || parts.length === 0) return undefined;
  for (const dir of searchPath) {
    const path = join(dir, ...parts);
    try {
      if (statSync(path).isFile()) return path;
    } catch {
      // not there: the next directory
    }
  }
  return undefined;
}

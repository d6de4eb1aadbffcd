// Parses a template into the library's AST, after rewriting Jinja tests (`x is match('a')`) into filter calls.
import { parseTokens, tokenize, type Program, type Token } from './jinja-lib.js';

/** Prefix of the filter names tests are rewritten to; `is not` gets TEST_NOT_PREFIX. */
export const TEST_PREFIX = '__is_';
export const TEST_NOT_PREFIX = '__isnot_';

const NOT_AN_ARGUMENT = new Set(['else', 'or', 'and', 'if', 'is', 'not']);
const OPENERS: Record<string, string> = { OpenSquareBracket: 'CloseSquareBracket', OpenCurlyBracket: 'CloseCurlyBracket', OpenParen: 'CloseParen' };

/**
 * The library's parser knows only argument-less tests. Jinja2 parses tests at the same level as filters, so
 * `x is not match(r)` is exactly `x | __isnot_match(r)`; a bare argument (`x is in groups`) gets parentheses.
 */
function rewriteTests(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!(t.type === 'Identifier' && t.value === 'is')) {
      out.push(t);
      continue;
    }
    let j = i + 1;
    const negate = tokens[j]?.type === 'Identifier' && tokens[j]?.value === 'not';
    if (negate) j++;
    const name = tokens[j];
    if (name?.type !== 'Identifier') {
      out.push(t);
      continue;
    }
    out.push({ type: 'Pipe', value: '|' }, { type: 'Identifier', value: `${negate ? TEST_NOT_PREFIX : TEST_PREFIX}${name.value}` });
    const end = bareArgumentEnd(tokens, j + 1);
    if (end > j + 1) {
      out.push({ type: 'OpenParen', value: '(' }, ...tokens.slice(j + 1, end), { type: 'CloseParen', value: ')' });
    }
    i = end - 1;
  }
  return out;
}

/** End (exclusive) of a test's argument written without parentheses, or `from` when there is none. */
function bareArgumentEnd(tokens: Token[], from: number): number {
  const first = tokens[from];
  if (first === undefined) return from;
  let k = from;
  if (first.type === 'StringLiteral' || first.type === 'NumericLiteral') k++;
  else if (first.type === 'Identifier' && !NOT_AN_ARGUMENT.has(first.value)) k++;
  else if (first.type === 'OpenSquareBracket' || first.type === 'OpenCurlyBracket') k = groupEnd(tokens, k);
  else return from;
  // postfix: .attr and [index]
  for (;;) {
    const next = tokens[k];
    if (next?.type === 'Dot' && tokens[k + 1]?.type === 'Identifier') k += 2;
    else if (next?.type === 'OpenSquareBracket') k = groupEnd(tokens, k);
    else return k;
  }
}

function groupEnd(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const type = (tokens[k] as Token).type;
    if (type in OPENERS) depth++;
    else if (Object.values(OPENERS).includes(type)) depth--;
    if (depth === 0) return k + 1;
  }
  return tokens.length;
}

/**
 * Ansible's _escape_backslashes (template/__init__.py): inside `{{ }}`, backslashes in string literals are kept
 * as written (a regex written `'\d+'` in YAML reaches re as backslash-d), where Jinja2 alone would unescape them.
 * Done as Ansible does it: those backslashes are doubled before the lexer unescapes them. Not for `{% %}` (so not
 * for conditions) nor for template files.
 */
export function escapeBackslashes(text: string): string {
  if (!text.includes('\\') || !text.includes('{{')) return text;
  let out = '';
  let inExpr = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === '\\') {
        out += `\\\\${text[i + 1] === '\\' ? '\\\\' : (text[i + 1] ?? '')}`;
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (!inExpr && text.startsWith('{{', i)) {
      inExpr = true;
    } else if (inExpr && text.startsWith('}}', i)) {
      inExpr = false;
    } else if (inExpr && (c === "'" || c === '"')) quote = c;
    out += c;
  }
  return out;
}

export interface ParseOptions {
  /** drop the newline after a block tag (template files) */
  readonly trimBlocks?: boolean;
  /** backslashes in `{{ }}` string literals are literal (templates in YAML values; not conditions, not files) */
  readonly literalBackslashes?: boolean;
}

/** Parse a template; throws the library's SyntaxError on a fault. */
export function parseTemplate(text: string, opts: ParseOptions = {}): Program {
  const source = opts.literalBackslashes ? escapeBackslashes(text) : text;
  return parseTokens(rewriteTests(tokenize(source, opts.trimBlocks ?? false)));
}

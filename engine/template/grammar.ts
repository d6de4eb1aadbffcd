// Jinja2 grammar the library's parser lacks, rewritten into what it has: a bare tuple in `{{ a, b }}` (Jinja2's
// parse_tuple: `(a, b)`), and inline ifs without else chained one after another (`x if a if b`, Jinja2's
// parse_condexpr loop: `(x if a) if b`).
import type { Token } from './jinja-lib.js';

const OPEN = new Set(['OpenParen', 'OpenSquareBracket', 'OpenCurlyBracket']);
const CLOSE = new Set(['CloseParen', 'CloseSquareBracket', 'CloseCurlyBracket']);

const isWord = (t: Token | undefined, word: string): boolean => t?.type === 'Identifier' && t.value === word;
const paren = (open: boolean): Token => (open ? { type: 'OpenParen', value: '(' } : { type: 'CloseParen', value: ')' });

/** Index of the token closing the group opened at `open` (or the end). */
function closeOf(tokens: readonly Token[], open: number, closer: string): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const type = (tokens[k] as Token).type;
    if (OPEN.has(type) || type === 'OpenExpression') depth++;
    else if (CLOSE.has(type) || type === closer) depth--;
    if (depth === 0) return k;
  }
  return tokens.length;
}

/**
 * One expression list (tokens between a group's brackets, or a `{{ }}`'s body), its nested groups rewritten too;
 * `tuple`: a comma at its top makes it a tuple (only a `{{ }}` body: inside brackets the library parses lists).
 */
function rewriteList(tokens: readonly Token[], tuple: boolean): Token[] {
  const segments: Token[][] = [[]];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (OPEN.has(t.type)) {
      const close = closeOf(tokens, k, '');
      const seg = segments[segments.length - 1] as Token[];
      seg.push(t, ...rewriteList(tokens.slice(k + 1, close), false));
      if (close < tokens.length) seg.push(tokens[close] as Token);
      k = close;
    } else if (t.type === 'Comma' || t.type === 'Colon') {
      segments.push([t], []);
    } else (segments[segments.length - 1] as Token[]).push(t);
  }
  const out = segments.flatMap((s) => (s[0]?.type === 'Comma' || s[0]?.type === 'Colon' ? s : chainedIfs(s)));
  const commas = segments.some((s) => s[0]?.type === 'Comma') && !segments.some((s) => s[0]?.type === 'Colon');
  return tuple && commas ? [paren(true), ...out, paren(false)] : out;
}

/** `x if a if b` -> `(x if a) if b` (its groups are done already); after an `else` the rest is a new conditional. */
function chainedIfs(segment: Token[]): Token[] {
  let out = segment;
  let start = 0;
  let open = false;
  let depth = 0;
  for (let k = 0; k < out.length; k++) {
    const t = out[k] as Token;
    if (OPEN.has(t.type)) depth++;
    else if (CLOSE.has(t.type)) depth--;
    else if (depth > 0) continue;
    else if (isWord(t, 'else')) {
      open = false;
      start = k + 1;
    } else if (isWord(t, 'if')) {
      if (open) {
        out = [...out.slice(0, start), paren(true), ...out.slice(start, k), paren(false), ...out.slice(k)];
        k += 2;
      }
      open = true;
    }
  }
  return out;
}

/** Every `{{ }}` body rewritten, and every bracketed group inside statements. */
export function rewriteGrammar(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'Comma' || isWord(t, 'if'))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    out.push(t);
    if (t.type === 'OpenExpression') {
      const close = closeOf(tokens, i, 'CloseExpression');
      out.push(...rewriteList(tokens.slice(i + 1, close), true));
      if (close < tokens.length) out.push(tokens[close] as Token);
      i = close;
    } else if (OPEN.has(t.type)) {
      const close = closeOf(tokens, i, '');
      out.push(...rewriteList(tokens.slice(i + 1, close), false));
      if (close < tokens.length) out.push(tokens[close] as Token);
      i = close;
    }
  }
  return out;
}

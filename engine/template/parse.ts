// Parses a template into the library's AST, after rewriting Jinja tests (`x is match('a')`) into filter calls.
import { parseTokens, tokenize, type Program, type Token } from './jinja-lib.js';
import { rewriteBlocks } from './blocks.js';
import { dropStatementColons } from './statement-colon.js';
import { rawExpression, rawPieces } from './raw-blocks.js';
import { markIncludeLines, rewriteIncludes } from './include.js';
import { rewriteImports } from './import.js';
import { joinCallCallee } from './call-block.js';
import { libraryEscape } from './string-escapes.js';
import { rewriteGrammar } from './grammar.js';
import { applyBlockWhitespace } from './whitespace.js';
import { literalEval } from '../core/pyliteral.js';
import { truthy } from './values.js';

/** Prefix of the filter names tests are rewritten to; `is not` gets TEST_NOT_PREFIX. */
export const TEST_PREFIX = '__is_';
export const TEST_NOT_PREFIX = '__isnot_';

const NOT_AN_ARGUMENT = new Set(['else', 'or', 'and', 'if', 'is', 'not']);
const OPENERS: Record<string, string> = { OpenSquareBracket: 'CloseSquareBracket', OpenCurlyBracket: 'CloseCurlyBracket', OpenParen: 'CloseParen' };

/**
 * The library's parser knows only argument-less tests. Jinja2 parses tests at the same level as filters, so
 * `x is not match(r)` is exactly `x | __isnot_match(r)`; a bare argument (`x is in groups`) gets parentheses.
 */
function rewriteTests(input: Token[]): Token[] {
  const tokens = joinDottedNames(input);
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

/**
 * Jinja2 reads a filter or test name as a dotted name (`x | ansible.builtin.to_json`, `x is ansible.utils.ipv4`):
 * after `|`, `is`, `is not` and `{% filter`, `a.b.c` becomes one identifier token, which the library's parser
 * would otherwise take for the end of the filter.
 */
function joinDottedNames(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    out.push(t);
    const prev = out[out.length - 2];
    const prevPrev = out[out.length - 3];
    const afterIs = prev?.type === 'Identifier' && (prev.value === 'is' || (prev.value === 'not' && prevPrev?.type === 'Identifier' && prevPrev.value === 'is'));
    const afterFilter = prev?.type === 'Identifier' && prev.value === 'filter' && prevPrev?.type === 'OpenStatement';
    if (t.type !== 'Identifier' || !(prev?.type === 'Pipe' || afterIs || afterFilter)) continue;
    let name = t.value;
    while (tokens[i + 1]?.type === 'Dot' && tokens[i + 2]?.type === 'Identifier') {
      name += `.${(tokens[i + 2] as Token).value}`;
      i += 2;
    }
    if (name !== t.value) out[out.length - 1] = { type: 'Identifier', value: name };
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
 * Backslashes in string literals inside tags, made to mean what they mean to Ansible:
 * - inside `{{ }}` of a template in a YAML value, Ansible's _escape_backslashes (template/__init__.py) keeps them
 *   as written (a regex `'\d+'` reaches re as backslash-d, where Jinja2 alone would unescape): doubled here,
 *   as Ansible does, before the lexer unescapes them. Not in `{% %}` (so not in conditions) nor template files.
 * - elsewhere Jinja2 unescapes like Python: `\n` is a newline, `\"` a quote, `\101` an A, and an unknown pair such
 *   as `\d` stays as written, where the library's lexer would throw (string-escapes.ts).
 */
export function prepareEscapes(text: string, literalBackslashes: boolean): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let tag: '{{' | '{%' | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (literalBackslashes && tag === '{{') {
          out += `\\\\${next === '\\' ? '\\\\' : next}`;
          i++;
          continue;
        }
        const escape = libraryEscape(text, i);
        out += escape.spelled;
        i += escape.length - 1;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (tag === undefined && (text.startsWith('{{', i) || text.startsWith('{%', i))) {
      tag = text.slice(i, i + 2) as '{{' | '{%';
    } else if (tag !== undefined && text.startsWith(tag === '{{' ? '}}' : '%}', i)) {
      tag = undefined;
    } else if (tag !== undefined && (c === "'" || c === '"')) quote = c;
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

/** Ansible's Templar reads Jinja2 settings from a first line `#jinja2: trim_blocks: False, lstrip_blocks: True`. */
const JINJA2_OVERRIDE = '#jinja2:';
const OVERRIDES: Readonly<Record<string, 'trimBlocks' | 'lstripBlocks'>> = { trim_blocks: 'trimBlocks', lstrip_blocks: 'lstripBlocks' };

/**
 * The template without its `#jinja2:` line, and the settings that line gives (Templar.do_template: each
 * `key: value` pair, the value a Python literal). kplay has trim_blocks and lstrip_blocks, True or False.
 */
export function jinja2Overrides(text: string): { text: string; trimBlocks?: boolean; lstripBlocks?: boolean } {
  if (!text.startsWith(JINJA2_OVERRIDE)) return { text };
  const eol = text.indexOf('\n');
  const line = text.slice(JINJA2_OVERRIDE.length, eol === -1 ? text.length : eol);
  const out: { text: string; trimBlocks?: boolean; lstripBlocks?: boolean } = { text: eol === -1 ? '' : text.slice(eol + 1) };
  for (const pair of line.split(',')) {
    const at = pair.indexOf(':');
    if (at === -1) throw new SyntaxError(`failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`);
    const key = pair.slice(0, at).trim();
    const value = pair.slice(at + 1).trim();
    const setting = OVERRIDES[key];
    if (setting === undefined) throw new SyntaxError(`kplay does not support the jinja2 override '${key}' (it has trim_blocks and lstrip_blocks)`);
    // Ansible sets each with ast.literal_eval: any Python literal, which Jinja2 takes by its truth ("false" is true)
    const literal = literalEval(value);
    if (literal === undefined) throw new SyntaxError(`jinja2 override '${key}': ${value} is not a Python literal (True or False)`);
    out[setting] = truthy(literal);
  }
  return out;
}

/**
 * The library's messages, made whole: one holds an un-filled `${tokens[current].type}`, whose value its parser's
 * expect() appends (`... instead.. Identifier !== CloseParen.`); and its parser throws plain Errors.
 */
function libraryFault(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const got = /\. (\w+) !== \w+\.$/.exec(err.message)?.[1] ?? 'another token';
  const message = err.message.replace(/\$\{[^}]*\}/g, got).replace(/\.\./g, '.');
  return err instanceof SyntaxError && message === err.message ? err : new SyntaxError(message);
}

/** Parse a template; throws a SyntaxError on a fault. */
export function parseTemplate(template: string, opts: ParseOptions = {}): Program {
  const { text: body, ...overrides } = jinja2Overrides(template);
  const text = markIncludeLines(body, body === template ? 1 : 2);
  const trimBlocks = overrides.trimBlocks ?? opts.trimBlocks ?? false;
  const pieces = text.includes('raw') ? rawPieces(text, trimBlocks) : [{ text, raw: false }];
  const joined = pieces.map((p) => (p.raw ? rawExpression(p.text) : prepareEscapes(p.text, opts.literalBackslashes ?? false))).join('');
  const source = applyBlockWhitespace(joined, trimBlocks, overrides.lstripBlocks ?? false);
  try {
    return parseTokens(rewriteTests(rewriteGrammar(joinCallCallee(rewriteImports(rewriteIncludes(rewriteBlocks(dropStatementColons(tokenize(source)))))))));
  } catch (err) {
    throw libraryFault(err);
  }
}

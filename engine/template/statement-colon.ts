// Jinja2's Parser.parse_statements skips one `:` before `%}`, so `{% if x: %}`, `{% for a in b: %}` and
// `{% else: %}` are valid Jinja2 (templates written by Python programmers, such as anxs.mysql's my.cnf.j2).
import type { Token } from './jinja-lib.js';

/** tags whose body Jinja2 reads with parse_statements, right after the tag's own expression */
const BODY_TAGS = new Set(['if', 'elif', 'else', 'for', 'macro', 'call', 'filter', 'block']);

/** Whether the statement opened at `open` (an OpenStatement) reads its body with parse_statements. */
function opensBody(tokens: readonly Token[], open: number, close: number): boolean {
  const tag = tokens[open + 1];
  if (tag?.type !== 'Identifier') return false;
  if (BODY_TAGS.has(tag.value)) return true;
  // `{% set x %}...{% endset %}` (a block set) has a body; `{% set x = 1 %}` has none
  return tag.value === 'set' && !tokens.slice(open + 2, close).some((t) => t.type === 'Equals');
}

/** The tokens without the one colon Jinja2 allows right before `%}` of a tag that opens a body. */
export function dropStatementColons(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'Colon')) return tokens;
  const out: Token[] = [];
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'OpenStatement') open = i;
    const colonBeforeClose = t.type === 'Colon' && tokens[i + 1]?.type === 'CloseStatement' && tokens[i - 1]?.type !== 'Colon';
    if (colonBeforeClose && open >= 0 && opensBody(tokens, open, i + 1)) continue;
    out.push(t);
  }
  return out;
}

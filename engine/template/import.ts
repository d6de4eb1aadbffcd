// {% import name as m %} and {% from name import a, b as c %}, each [with context | without context] (Jinja2's
// default: without, so the imported template sees only the globals; Ansible 2.14 keeps that default). The library's
// parser has neither, so each tag becomes a `{% set %}` of a call to IMPORT_CALL or FROM_CALL (names no template can
// spell), which the evaluator answers by rendering the template found through its context's loader (index.ts), as
// an include is, and keeping its exports: its top-level macros and `{% set %}` variables, except names beginning
// with `_`.
import type { Token } from './jinja-lib.js';
import { isWord, readStatementTag } from './include.js';
import { PyObject } from './values.js';
import { Undefined } from './undefined.js';

/** The callees of a rewritten import and from-import: with spaces, so no identifier in a template can be one. */
export const IMPORT_CALL = 'import statement';
export const FROM_CALL = 'from import statement';

/** Why an import in a template written in a task or variable is refused: it has no search path. */
export const IMPORT_OUTSIDE_FILES = '{% import %} and {% from %} work in template files (the template module and lookup), not in a template written in a task or variable';

const describe = (t: Token | undefined): string => (t === undefined || t.type === 'CloseStatement' ? 'end of statement block' : t.value);

/** Index of the first `word` at the top level of tokens[from, to) (not an attribute: `x.as`), or -1. */
function topLevelWord(tokens: readonly Token[], from: number, to: number, word: string): number {
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (t.type === 'OpenParen' || t.type === 'OpenSquareBracket' || t.type === 'OpenCurlyBracket') depth++;
    else if (t.type === 'CloseParen' || t.type === 'CloseSquareBracket' || t.type === 'CloseCurlyBracket') depth--;
    else if (depth === 0 && isWord(t, word) && tokens[k - 1]?.type !== 'Dot') return k;
  }
  return -1;
}

/** `a, b as c` of a from-import: [name, alias] pairs, as Jinja2's parse_from reads them. */
function importedNames(tokens: readonly Token[], from: number, to: number): [string, string][] {
  const out: [string, string][] = [];
  for (let k = from; ; ) {
    const name = tokens[k];
    if (k >= to || name?.type !== 'Identifier') throw new SyntaxError(`expected token 'name', got '${describe(k >= to ? undefined : name)}'`);
    if (name.value.startsWith('_')) throw new SyntaxError('names starting with an underline can not be imported');
    let alias = name.value;
    k++;
    if (k < to && isWord(tokens[k], 'as')) {
      const target = tokens[k + 1];
      if (k + 1 >= to || target?.type !== 'Identifier') throw new SyntaxError(`expected token 'name', got '${describe(k + 1 >= to ? undefined : target)}'`);
      alias = target.value;
      k += 2;
    }
    out.push([name.value, alias]);
    if (k >= to) return out;
    if (tokens[k]?.type !== 'Comma') throw new SyntaxError(`expected token 'end of statement block', got '${describe(tokens[k])}'`);
    k++;
  }
}

const op = (type: string, value: string): Token => ({ type, value });
const str = (value: string): Token => ({ type: 'StringLiteral', value });

/**
 * The tokens with each import tag rewritten to `{% set m = IMPORT_CALL(name, withContext, line) %}` and each
 * from-import to `{% set a, c = FROM_CALL(name, withContext, line, 'a', 'b') %}`.
 */
export function rewriteImports(tokens: Token[]): Token[] {
  if (!tokens.some((t) => isWord(t, 'import') || isWord(t, 'from'))) return tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const tag = t.type === 'OpenStatement' && (isWord(tokens[i + 1], 'import') || isWord(tokens[i + 1], 'from')) ? (tokens[i + 1] as Token).value : undefined;
    if (tag === undefined) {
      out.push(t);
      continue;
    }
    const { line, start, end, close, withContext = false } = readStatementTag(tokens, i, tag);
    const keyword = topLevelWord(tokens, start, end, tag === 'import' ? 'as' : 'import');
    if (keyword <= start) throw new SyntaxError(keyword === start ? `'{% ${tag} %}' names no template` : `expected token '${tag === 'import' ? 'as' : 'import'}', got 'end of statement block'`);
    const call = (callee: string, names: readonly Token[]): Token[] => [
      op('Identifier', callee), op('OpenParen', '('), ...tokens.slice(start, keyword),
      op('Comma', ','), op('NumericLiteral', withContext ? '1' : '0'), op('Comma', ','), op('NumericLiteral', String(line)),
      ...names.flatMap((n) => [op('Comma', ','), n]), op('CloseParen', ')'),
    ];
    if (tag === 'import') {
      const target = tokens[keyword + 1];
      if (keyword + 1 >= end || target?.type !== 'Identifier') throw new SyntaxError(`expected token 'name', got '${describe(keyword + 1 >= end ? undefined : target)}'`);
      if (keyword + 2 < end) throw new SyntaxError(`expected token 'end of statement block', got '${describe(tokens[keyword + 2])}'`);
      out.push(t, op('Identifier', 'set'), target, op('Equals', '='), ...call(IMPORT_CALL, []), tokens[close] as Token);
    } else {
      const names = importedNames(tokens, keyword + 1, end);
      const targets = names.flatMap(([, alias], n) => (n === 0 ? [op('Identifier', alias)] : [op('Comma', ','), op('Identifier', alias)]));
      out.push(t, op('Identifier', 'set'), ...targets, op('Equals', '='), ...call(FROM_CALL, names.map(([name]) => str(name))), tokens[close] as Token);
    }
    i = close;
  }
  return out;
}

/** An imported template, as Jinja2's TemplateModule: its exports as attributes, its output as its text. */
export class TemplateModule extends PyObject {
  readonly pyType = 'TemplateModule';
  constructor(
    /** the name it was imported by */
    readonly name: string,
    /** what rendering it printed */
    readonly body: string,
    private readonly exports: ReadonlyMap<string, unknown>,
  ) {
    super();
  }

  str(): string {
    return this.body;
  }

  repr(): string {
    return `<TemplateModule '${this.name}'>`;
  }

  compareTo(): undefined {
    return undefined;
  }

  attr(name: string): unknown {
    return name.startsWith('_') || !this.exports.has(name) ? undefined : this.exports.get(name);
  }

  /** A name a from-import asks for: its value, or Jinja2's undefined saying the template does not export it. */
  exported(name: string, line: number): unknown {
    const value = this.attr(name);
    if (value !== undefined) return value;
    return new Undefined(name, name, false, `the template '${this.name}' (imported on line ${line}) does not export the requested name '${name}'`);
  }
}

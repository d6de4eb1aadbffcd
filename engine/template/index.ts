// The template interface the engine uses: render values, evaluate expressions and conditions, check syntax.
import { MUTATING_CALL, ownCopy } from './own-copy.js';
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { SourceLoc } from '../core/location.js';
import { closest } from '../core/suggest.js';
import type { Program } from './jinja-lib.js';
import { parseTemplate } from './parse.js';
import { evaluateProgramExpression, renderProgram, type EvalContext, type IncludeAt } from './evaluator.js';
import { findIncludedTemplate, INCLUDE_OUTSIDE_FILES } from './include.js';
import { IMPORT_OUTSIDE_FILES } from './import.js';
import { OMIT } from './globals.js';
import { QuietUndefined, TemplateRuntimeError, Undefined, UndefinedUse } from './undefined.js';
import { isUnsafe, looksLikeTemplate, markUnsafe, UnsafeText } from '../core/unsafe.js';
import { Callable, isDict, isTuple, pyRepr, pyStr, setKey, truthy, isList } from './values.js';
import { templateLiteral } from '../core/pyliteral.js';
import { numberOf } from '../core/pyfloat.js';

export { templateSyntaxError, type TemplateSyntaxProblem } from './syntax.js';
export { markUnsafe, isUnsafe, unsafeValue, UnsafeText } from '../core/unsafe.js';
export { OMIT } from './globals.js';
export { toBool } from './filters.js';
export { Callable, pyStr } from './values.js';

export type Vars = Record<string, unknown>;

/** A template file's place, for its `{% include %}`s and `{% import %}`s. */
export interface TemplateFiles {
  /** the file's path, for messages */
  readonly path: string;
  /** the directories Jinja's loader looks in for an included name, in order (the template action's / lookup's) */
  readonly searchPath: readonly string[];
}

/** Jinja2 has no limit of its own (Python's recursion limit stops a cycle); kplay stops here with the chain. */
const MAX_INCLUDE_DEPTH = 40;

/** Where a template comes from, for error messages. */
export interface TemplateWhere {
  readonly loc: SourceLoc;
  readonly task?: string | undefined;
}

interface Compiled {
  readonly program: Program;
  /** the whole text is one `{{ expr }}`: its value keeps its type (list, dict, number, bool) */
  readonly native: boolean;
  /** Ansible's convert_data: a result that spells a literal becomes it (templates in variables and task arguments) */
  readonly convert: boolean;
  /** the library's lexer drops one trailing newline; Ansible keeps it */
  /** Newlines ending the source: Ansible adds to the output what Jinja dropped of them (preserve_trailing_newlines). */
  readonly trailingNewlines: number;
  /** it calls a method that changes a list or dict in place: its variables are read as own copies */
  readonly mutates: boolean;
}

const MAX_CACHED = 20_000;
const MAX_DEPTH = 30;
const cache = new Map<string, Compiled>();
const fileCache = new Map<string, Compiled>();

class RecursionError extends Error {}

function remember(map: Map<string, Compiled>, text: string, compiled: Compiled): Compiled {
  if (map.size >= MAX_CACHED) map.clear();
  map.set(text, compiled);
  return compiled;
}

function newlinesAtEnd(text: string): number {
  let n = 0;
  while (text[text.length - 1 - n] === '\n') n++;
  return n;
}

/** A template in a variable or task argument: compiled once per distinct text. */
function compile(text: string): Compiled {
  const hit = cache.get(text);
  if (hit) return hit;
  // Ansible's Templar renders with trim_blocks on: the newline after a block tag goes
  const program = parseTemplate(text, { literalBackslashes: true, trimBlocks: true });
  // exactly one expression, nothing around it: "{{ x }}\n" is a string ending in a newline, as in Ansible
  const single = text.startsWith('{{') && text.endsWith('}}') && program.body.length === 1 && program.body[0]?.type !== 'StringLiteral';
  const native = single && !/^\{\{.*\}\}.*\{\{/s.test(text);
  return remember(cache, text, { program, native, convert: true, trailingNewlines: native ? 0 : newlinesAtEnd(text), mutates: MUTATING_CALL.test(text) });
}

const expressionCache = new Map<string, Compiled>();

/** A bare expression (when:, until:, ...). */
function compileExpression(expression: string): Compiled {
  const hit = expressionCache.get(expression);
  if (hit) return hit;
  const program = parseTemplate(`{{ ${expression} }}`);
  return remember(expressionCache, expression, { program, native: true, convert: false, trailingNewlines: 0, mutates: MUTATING_CALL.test(expression) });
}

/** A template file (template module): Ansible renders these with trim_blocks and keeps the final newline. */
function compileFile(text: string): Compiled {
  const hit = fileCache.get(text);
  if (hit) return hit;
  const program = parseTemplate(text, { trimBlocks: true });
  return remember(fileCache, text, { program, native: false, convert: false, trailingNewlines: newlinesAtEnd(text), mutates: MUTATING_CALL.test(text) });
}

/** One evaluation: the vars, the recursion depth of stored templates, and whether host data was read. */
class Context implements EvalContext {
  tainted = false;
  /** the string of a structure being rendered, for error messages */
  current: string | undefined;
  private depth = 0;
  private readonly hasTemplates = new WeakMap<object, boolean>();
  /** what templates rendered to that still holds braces ({% raw %} blocks): final, never rendered again */
  private readonly rendered = new Set<string>();
  /** what a text filter (to_json, string...) produced: never read as a literal (Ansible's NativeJinjaText) */
  private readonly nativeText = new Set<string>();
  /** set once a template changes values in place (list.append...): variables are then read as own copies */
  private mutating = false;
  private readonly copies = new Map<string, unknown>();
  private readonly texts = new Map<string, string>();

  constructor(
    readonly vars: Vars,
    private readonly files?: TemplateFiles,
    /** the files being included, outermost first */
    private readonly includes: string[] = [],
  ) {}

  include(names: unknown, at: IncludeAt, render: (program: Program, ctx: EvalContext) => string): string {
    const files = this.files;
    if (files === undefined) throw new TemplateRuntimeError(at.tag === 'import' || at.tag === 'from' ? IMPORT_OUTSIDE_FILES : INCLUDE_OUTSIDE_FILES);
    const list = isList(names) ? names.map((n) => pyStr(n)) : [pyStr(names)];
    const including = this.includes[this.includes.length - 1] ?? files.path;
    const path = list.map((n) => findIncludedTemplate(files.searchPath, n)).find((p) => p !== undefined);
    if (path === undefined) {
      if (at.ignoreMissing) return '';
      const what = list.length === 1 ? `template '${list[0]}' not found` : `none of the templates given were found: ${list.join(', ')}`;
      throw new TemplateRuntimeError(`${including}:${at.line}: {% ${at.tag ?? 'include'} %}: ${what} (searched: ${files.searchPath.join(', ')})`);
    }
    if (this.includes.length >= MAX_INCLUDE_DEPTH) {
      const chain = [files.path, ...this.includes.slice(-5), path].join(' -> ');
      throw new RecursionError(`${including}:${at.line}: {% ${at.tag ?? 'include'} %} nested more than ${MAX_INCLUDE_DEPTH} deep (an include cycle?): ${chain}`);
    }
    this.includes.push(path);
    try {
      return render(compileFile(this.includedText(path)).program, this);
    } finally {
      this.includes.pop();
    }
  }

  /** an included file's text, read once per render (an include in a loop is not read again each time) */
  private includedText(path: string): string {
    let text = this.texts.get(path);
    if (text === undefined) {
      text = readFileSync(path, 'utf8');
      this.texts.set(path, text);
    }
    return text;
  }

  /** lookup, query and q stay: Ansible's are Jinja globals, which a template imported without context still has */
  withoutVars(): EvalContext {
    const globals: Vars = {};
    for (const name of ['lookup', 'query', 'q']) if (this.vars[name] instanceof Callable) setKey(globals, name, this.vars[name]);
    return new Context(globals, this.files, this.includes);
  }

  resolve(value: unknown): unknown {
    if (typeof value === 'string') return looksLikeTemplate(value) && !this.rendered.has(value) ? this.renderString(value) : value;
    if (value instanceof UnsafeText) {
      this.tainted = true;
      return value.text;
    }
    if (typeof value !== 'object' || value === null || isUnsafe(value) || !this.containsTemplates(value)) return value;
    if (isList(value)) return value.map((v) => this.resolve(v));
    const out: Vars = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, this.resolve(v));
    return out;
  }

  /** Whether a stored value holds any template string; accessor properties (hostvars) are not read. */
  private containsTemplates(value: object): boolean {
    const known = this.hasTemplates.get(value);
    if (known !== undefined) return known;
    let found = false;
    if (isList(value)) found = value.some((v) => this.valueHasTemplates(v));
    else {
      for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
        if (d.get === undefined && (looksLikeTemplate(k) || this.valueHasTemplates(d.value))) {
          found = true;
          break;
        }
      }
    }
    this.hasTemplates.set(value, found);
    return found;
  }

  /** (an UnsafeText counts: resolving the container takes its text out of the box) */
  private valueHasTemplates(v: unknown): boolean {
    if (typeof v === 'string') return looksLikeTemplate(v);
    if (v instanceof UnsafeText) return true;
    return typeof v === 'object' && v !== null && !isUnsafe(v) && this.containsTemplates(v);
  }

  ownValue(name: string, value: unknown): unknown {
    if (!this.mutating || typeof value !== 'object' || value === null) return value;
    if (!this.copies.has(name)) this.copies.set(name, ownCopy(value));
    return this.copies.get(name);
  }

  keepAsText(text: string): void {
    this.nativeText.add(text);
  }

  /**
   * What Ansible (without jinja2_native) makes of a template's one expression: a variable named alone keeps its None;
   * otherwise None is '' (its finalize), and text that spells a list, a mapping or a boolean becomes that value.
   * A number is its text ("{{ l | length }}" is '3'; module parameters turn it back), unless the template names a
   * variable stored as a number ("{{ port }}"): Ansible's NON_TEMPLATED_TYPES.
   */
  private convertSingle(value: unknown, text: string): unknown {
    if (value === null) return namesNullVariable(text, this.vars) ? null : '';
    if (numberOf(value) !== undefined) return namesNumberVariable(text, this.vars) ? value : pyStr(value);
    // a tuple's text (Python's str) is not a literal Ansible reads back: `{{ a, b }}` is the string '(1, 2)'
    if (isTuple(value)) return pyRepr(value);
    return typeof value === 'string' ? this.literalOrText(value) : value;
  }

  /** Ansible's literal_eval of a result that looks like a list, a mapping or a boolean; text stays text otherwise. */
  private literalOrText(text: string): unknown {
    if (!(text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False') || this.nativeText.has(text)) return text;
    const value = templateLiteral(text);
    return value === undefined ? text : value;
  }

  renderString(text: string, compiled?: Compiled): unknown {
    if (++this.depth > MAX_DEPTH) throw new RecursionError(`recursive loop detected in template: ${text}`);
    try {
      compiled ??= compile(text);
      if (compiled.mutates) this.mutating = true;
      if (compiled.native) {
        const value = evaluateProgramExpression(compiled.program, this);
        // Jinja2's plain Undefined (an inline if without else) prints as ''
        if (value instanceof QuietUndefined) return '';
        if (value instanceof Undefined) throw new UndefinedUse(value);
        // a value read from host data is returned as it is: a template in that text is never rendered
        const out = this.tainted ? value : this.resolve(value);
        if (!compiled.convert) return out;
        return this.convertSingle(out, text);
      }
      const out = renderProgram(compiled.program, this);
      const whole = out + '\n'.repeat(Math.max(0, compiled.trailingNewlines - newlinesAtEnd(out)));
      if (looksLikeTemplate(whole)) this.rendered.add(whole);
      return compiled.convert ? this.literalOrText(whole) : whole;
    } finally {
      this.depth--;
    }
  }
}

/** Ansible's SINGLE_VAR: `{{ name }}` and nothing else. */
const SINGLE_VAR = /^\{\{\s*(\w*)\s*\}\}$/;

/** Whether the template is `{{ name }}` for a variable stored as None (Ansible returns that None as it is). */
function namesNullVariable(text: string, vars: Vars): boolean {
  const name = SINGLE_VAR.exec(text)?.[1];
  return name !== undefined && name in vars && vars[name] === null;
}

/** Whether the template is `{{ name }}` for a variable stored as a number (Ansible returns it as it is). */
function namesNumberVariable(text: string, vars: Vars): boolean {
  const name = SINGLE_VAR.exec(text)?.[1];
  return name !== undefined && name in vars && numberOf(vars[name]) !== undefined;
}

function renderDeep(value: unknown, ctx: Context): unknown {
  if (typeof value === 'string') {
    if (!looksLikeTemplate(value)) return value;
    ctx.current = value;
    return ctx.renderString(value);
  }
  if (value instanceof UnsafeText) {
    ctx.tainted = true;
    return value.text;
  }
  if (typeof value !== 'object' || value === null || isUnsafe(value)) return value;
  if (isList(value)) return value.map((v) => renderDeep(v, ctx));
  if (!isDict(value)) return value;
  const out: Vars = {};
  for (const [k, v] of Object.entries(value)) {
    const rendered = renderDeep(v, ctx);
    if (rendered === OMIT) continue;
    setKey(out, looksLikeTemplate(k) ? String(renderDeep(k, ctx)) : k, rendered);
  }
  return out;
}

/** Turn any failure inside a template into an InputError naming the template, the task and its location. */
function located<T>(whole: string, vars: Vars, where: TemplateWhere, run: () => T, ctx?: Context): T {
  try {
    return run();
  } catch (err) {
    const text = ctx?.current ?? whole;
    const task = where.task ? `task "${where.task}": ` : '';
    if (err instanceof UndefinedUse) {
      const u = err.undef;
      const near = u.rootMissing ? closest(u.root, Object.keys(vars)) : undefined;
      const hint = near !== undefined ? `did you mean "${near}"?` : `define it (play vars, inventory, -e) or give a default: {{ ${u.path} | default(...) }}`;
      throw new InputError(`${task}${err.message} (in ${JSON.stringify(text)})`, { loc: where.loc, hint, cause: err });
    }
    if (err instanceof TemplateRuntimeError || err instanceof RecursionError) {
      throw new InputError(`${task}template error in ${JSON.stringify(text)}: ${err.message}`, { loc: where.loc, cause: err });
    }
    if (err instanceof SyntaxError) {
      throw new InputError(`${task}template syntax error in ${JSON.stringify(text)}: ${err.message}`, { loc: where.loc, cause: err });
    }
    if (err instanceof RangeError) {
      throw new InputError(`${task}template too deep in ${JSON.stringify(text)}: ${err.message}`, { loc: where.loc, cause: err });
    }
    throw err;
  }
}

function finish(result: unknown, ctx: Context): unknown {
  return ctx.tainted && typeof result === 'object' && result !== null ? markUnsafe(result) : result;
}

/**
 * Render every template string inside value. A string that is exactly one `{{ expr }}` yields the expression's
 * value with its type; other strings yield strings. Strings without `{{`/`{%`/`{#` and data marked unsafe are
 * returned as they are. Mapping keys whose value renders to `omit` are dropped.
 */
export function render(value: unknown, vars: Vars, where: TemplateWhere): unknown {
  return renderTracked(value, vars, where).value;
}

/**
 * render(), also saying whether any host data went into the result: a value stored as a variable from it keeps
 * that mark (unsafeValue), as set_fact does.
 */
export function renderTracked(value: unknown, vars: Vars, where: TemplateWhere): { value: unknown; tainted: boolean } {
  if (typeof value === 'string' && !looksLikeTemplate(value)) return { value, tainted: false };
  if (value instanceof UnsafeText) return { value: value.text, tainted: true };
  if (typeof value !== 'object' && typeof value !== 'string') return { value, tainted: false };
  const ctx = new Context(vars);
  const text = typeof value === 'string' ? value : JSON.stringify(value).slice(0, 200);
  const out = located(text, vars, where, () => finish(renderDeep(value, ctx), ctx), ctx);
  return { value: out, tainted: ctx.tainted };
}

/**
 * Render a template file's text (template module): always a string, trim_blocks on, final newline kept; `files`
 * gives its `{% include %}`s their search path.
 */
export function renderTemplateFile(text: string, vars: Vars, where: TemplateWhere, files?: TemplateFiles): string {
  const ctx = new Context(vars, files);
  return located(text.slice(0, 200), vars, where, () => String(ctx.renderString(text, compileFile(text))));
}

/** Evaluate a bare expression (when:, changed_when:, until:, assert that:, loop: without braces). */
export function evaluate(expression: string, vars: Vars, where: TemplateWhere): unknown {
  const ctx = new Context(vars);
  return located(expression, vars, where, () => {
    // as Ansible evaluates conditions inside `{% if %}`: string escapes apply, unlike in `{{ }}`
    const compiled = compileExpression(expression);
    const value = evaluateProgramExpression(compiled.program, ctx);
    if (value instanceof QuietUndefined) return '';
    if (value instanceof Undefined) throw new UndefinedUse(value);
    return finish(ctx.resolve(value), ctx);
  });
}

/**
 * A condition as Ansible 2.14 evaluates `when:` (playbook/conditional.py): templates inside it are rendered
 * first; a non-string result counts by Python truthiness; a string result is then evaluated as an expression
 * (so `when: "{{ flag }}"` with flag "false" is false), and that value counts by Python truthiness.
 * A bare variable holding the string "false" is therefore true, exactly as in Ansible.
 */
export function evaluateCondition(expression: string | boolean, vars: Vars, where: TemplateWhere): boolean {
  if (typeof expression === 'boolean') return expression;
  // Ansible: an empty condition holds
  if (expression.trim() === '') return true;
  let expr: unknown = expression;
  if (looksLikeTemplate(expression)) {
    const rendered = renderTracked(expression, vars, where);
    expr = rendered.value;
    if (typeof expr !== 'string') return located(expression, vars, where, () => truthy(expr));
    // Ansible: "Conditional is marked as unsafe, and cannot be evaluated."
    if (rendered.tainted) throw new InputError(`conditional ${JSON.stringify(expression)} is built from host data and cannot be evaluated`, { loc: where.loc, hint: 'compare the value instead: when: result.stdout == "yes"' });
    if (expr.trim() === '') return true;
  }
  const value = evaluate(String(expr), vars, where);
  return located(expression, vars, where, () => truthy(value));
}

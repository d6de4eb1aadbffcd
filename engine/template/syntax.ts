// Template syntax check without variables: finds the first fault and the character offset it starts at.
import type { CallNode, Identifier, Node, Program } from './jinja-lib.js';
import { unknownLookup } from './lookup-names.js';

/** the template functions that call a lookup plugin named by their first argument */
const LOOKUP_FUNCTIONS = new Set(['lookup', 'query', 'q']);
import { parseTemplate, TEST_NOT_PREFIX, TEST_PREFIX } from './parse.js';
import { END_RAW } from './raw-blocks.js';
import { faultyStatement } from './statement-fault.js';
import { FILTERS } from './filters.js';
import { TESTS } from './tests.js';
import { canonicalFilter, canonicalTest, unknownNameHint } from './names.js';
import { closest } from '../core/suggest.js';

export interface TemplateSyntaxProblem {
  readonly message: string;
  /** character offset in the text of the fault (e.g. the unclosed `{{`) */
  readonly index: number;
}

interface Tag {
  readonly kind: '{{' | '{%' | '{#';
  readonly start: number;
  /** text between the delimiters, without `-` / `+` whitespace markers */
  readonly body: string;
}

const CLOSERS = { '{{': '}}', '{%': '%}', '{#': '#}' } as const;
/** statements that open a body closed by `end<name>` */
const BLOCK_STATEMENTS = new Set(['if', 'for', 'macro', 'call', 'filter', 'raw', 'block']);

/** Split text into its tags; a tag whose closer never comes is a problem at its opener. */
function scanTags(text: string): Tag[] | TemplateSyntaxProblem {
  const tags: Tag[] = [];
  let i = 0;
  for (;;) {
    const open = text.slice(i).search(/\{[{%#]/);
    if (open < 0) return tags;
    const start = i + open;
    const kind = text.slice(start, start + 2) as Tag['kind'];
    const closer = CLOSERS[kind];
    const end = findCloser(text, start + 2, closer, kind !== '{#');
    if (end < 0) return { message: `unclosed '${kind}': no matching '${closer}'`, index: start };
    const body = text.slice(start + 2, end).replace(/^[-+]/, '').replace(/[-+]$/, '');
    tags.push({ kind, start, body });
    i = end + 2;
    // what stands between {% raw %} and {% endraw %} is text, not tags (Prometheus' {{ $labels.x }} in a rule)
    if (kind === '{%' && body.trim() === 'raw') {
      const endRaw = END_RAW.exec(text.slice(i));
      if (endRaw === null) return { message: "'{% raw %}' is never closed: '{% endraw %}' is missing", index: start };
      tags.push({ kind, start: i + endRaw.index, body: 'endraw' });
      i += endRaw.index + endRaw[0].length;
    }
  }
}

/** Index of `closer` after `from`, skipping quoted strings (a `}}` inside quotes does not close). */
function findCloser(text: string, from: number, closer: string, quotes: boolean): number {
  let quote: string | undefined;
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote !== undefined) {
      if (c === '\\') j++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (!quotes) {
      if (text.startsWith(closer, j)) return j;
    } else if (c === '"' || c === "'") quote = c;
    else if (depth === 0 && text.startsWith(closer, j)) return j;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  return -1;
}

function tryParse(source: string, literalBackslashes = true): string | Program {
  try {
    return parseTemplate(source, { literalBackslashes });
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Every filter, test and lookup a parsed template names (tests arrive rewritten as prefixed filters). */
function* usedNames(node: unknown): Generator<{ kind: 'filter' | 'test' | 'lookup'; name: string }> {
  if (Array.isArray(node)) {
    for (const n of node) yield* usedNames(n);
    return;
  }
  if (node instanceof Map) {
    for (const [k, v] of node) yield* usedNames([k, v]);
    return;
  }
  if (typeof node !== 'object' || node === null || !('type' in node)) return;
  const n = node as Node & Record<string, unknown>;
  const lookup = lookupCalled(n);
  if (lookup !== undefined) yield { kind: 'lookup', name: lookup };
  if (n.type === 'FilterExpression' || n.type === 'FilterStatement') {
    const f = n.filter as Node & { value?: string; callee?: { value?: string } };
    const raw = f.type === 'CallExpression' ? f.callee?.value : f.value;
    if (raw !== undefined) {
      if (raw.startsWith(TEST_NOT_PREFIX)) yield { kind: 'test', name: raw.slice(TEST_NOT_PREFIX.length) };
      else if (raw.startsWith(TEST_PREFIX)) yield { kind: 'test', name: raw.slice(TEST_PREFIX.length) };
      else yield { kind: 'filter', name: raw };
    }
  }
  for (const [key, v] of Object.entries(n)) if (key !== 'type') yield* usedNames(v);
}

/** The plugin a lookup('name', ...) / query / q call names, when written as a string. */
function lookupCalled(n: Node & Record<string, unknown>): string | undefined {
  if (n.type !== 'CallExpression') return undefined;
  const { callee, args } = n as unknown as CallNode;
  const fn = callee.type === 'Identifier' ? (callee as Identifier).value : undefined;
  const first: { readonly type: string; readonly value?: unknown } | undefined = args[0];
  const name = first?.type === 'StringLiteral' ? first.value : undefined;
  return fn !== undefined && LOOKUP_FUNCTIONS.has(fn) && typeof name === 'string' ? name : undefined;
}

/**
 * A did-you-mean for a name; a misspelt last part of a dotted name keeps its collection (`ansible.utils.ipadr`),
 * suggesting only what that collection has (a collection kplay does not know gets no guess from the builtins).
 */
function nearName(name: string, known: string[]): string | undefined {
  const whole = closest(name, known);
  if (whole !== undefined) return whole;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const collection = name.slice(0, dot);
  const builtin = collection === 'ansible.builtin' || collection === 'ansible.legacy';
  const names = builtin ? known.filter((k) => !k.includes('.')) : known.filter((k) => k.startsWith(`${collection}.`)).map((k) => k.slice(dot + 1));
  const part = closest(name.slice(dot + 1), names);
  return part === undefined ? undefined : `${collection}.${part}`;
}

/** The first filter, test or lookup kplay does not have, located where the text names it. */
function unknownName(program: Program, text: string, fallback: number): TemplateSyntaxProblem | undefined {
  for (const { kind, name } of usedNames(program.body)) {
    if (kind === 'lookup') {
      const why = unknownLookup(name);
      if (why === undefined) continue;
      const at = text.search(new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
      return { message: why, index: at >= 0 ? at + 1 : fallback };
    }
    const known = kind === 'filter' ? FILTERS : TESTS;
    if ((kind === 'filter' ? canonicalFilter(name, known) : canonicalTest(name, known)) !== undefined) continue;
    const hint = unknownNameHint(kind, name, known);
    const near = hint === undefined ? nearName(name, [...known.keys()]) : undefined;
    const escaped = name.replaceAll('.', '\\s*\\.\\s*');
    const at = new RegExp(kind === 'filter' ? `\\|\\s*${escaped}\\b` : `\\bis\\s+(not\\s+)?${escaped}\\b`).exec(text);
    const why = hint !== undefined ? `: ${hint}` : near !== undefined ? ` (did you mean '${near}'?)` : '';
    return { message: `no ${kind} named '${name}'${why}`, index: at ? at.index + at[0].search(/\w+(\s*\.\s*\w+)*$/) : fallback };
  }
  return undefined;
}

/**
 * The first syntax fault in a template, or undefined when it parses. `literalBackslashes`: a template in a YAML value
 * (Ansible keeps backslashes in its `{{ }}` strings as written); false for a condition wrapped in `{{ }}` (Ansible
 * evaluates it inside `{% if %}`, where `\"` is an escaped quote).
 */
export function templateSyntaxError(text: string, literalBackslashes = true): TemplateSyntaxProblem | undefined {
  if (!/\{[{%#]/.test(text)) return undefined;
  const tags = scanTags(text);
  if (!Array.isArray(tags)) return tags;

  // each expression parses on its own, so a fault inside one is located exactly
  for (const tag of tags) {
    if (tag.kind !== '{{') continue;
    if (tag.body.trim() === '') return { message: "empty expression '{{ }}'", index: tag.start };
    const parsed = tryParse(`{{ ${tag.body} }}`, literalBackslashes);
    if (typeof parsed === 'string') return { message: `invalid expression '{{${tag.body}}}': ${parsed}`, index: tag.start };
  }

  // statements pair up (if ... endif); an unpaired one is located at its tag
  const open: { name: string; start: number }[] = [];
  for (const tag of tags) {
    if (tag.kind !== '{%') continue;
    const name = /^\s*(\w+)/.exec(tag.body)?.[1] ?? '';
    if (name === '') return { message: "empty statement '{% %}'", index: tag.start };
    if (name === 'set' && !tag.body.includes('=')) open.push({ name, start: tag.start });
    else if (BLOCK_STATEMENTS.has(name)) open.push({ name, start: tag.start });
    else if (name.startsWith('end')) {
      const top = open.pop();
      if (top === undefined) return { message: `'{% ${name} %}' without an opening '{% ${name.slice(3)} %}'`, index: tag.start };
      if (top.name !== name.slice(3)) return { message: `'{% ${name} %}' closes '{% ${top.name} %}' (expected '{% end${top.name} %}')`, index: tag.start };
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) return { message: `'{% ${unclosed.name} %}' is never closed: '{% end${unclosed.name} %}' is missing`, index: unclosed.start };

  const parsed = tryParse(text, literalBackslashes);
  const firstStatement = tags.find((t) => t.kind === '{%');
  const fallback = firstStatement?.start ?? tags[0]?.start ?? 0;
  if (typeof parsed === 'string') {
    const fault = faultyStatement(tags.filter((t) => t.kind === '{%'), tryParse);
    return { message: `invalid template: ${fault?.message ?? parsed}`, index: fault?.index ?? fallback };
  }
  return unknownName(parsed, text, fallback);
}

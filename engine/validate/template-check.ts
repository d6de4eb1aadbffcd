// Template syntax in every string of a loaded file, located at the fault inside the string when possible.
import { templateSyntaxError } from '../template/syntax.js';
import { isUnsafe } from '../core/unsafe.js';
import { valueLoc } from '../yaml/positions.js';
import type { Problems } from './problems.js';

function hintFor(message: string): string | undefined {
  if (/unclosed '\{\{'/.test(message)) return 'close the expression with }}';
  if (/unclosed '\{%'/.test(message)) return 'close the statement with %}';
  if (/never closed/.test(message)) return 'add the matching {% end... %}';
  return undefined;
}

/** Check one string known to sit at container[key]; `prefix` characters were added before it (conditions). */
export function checkTemplateAt(text: string, container: object, key: string | number, problems: Problems, asExpression = false): void {
  const source = asExpression ? `{{ ${text} }}` : text;
  // a condition is evaluated as `{% if %}`: its string escapes apply (`\"` is a quote), unlike in a `{{ }}` value
  const fault = templateSyntaxError(source, !asExpression);
  if (!fault) return;
  const index = Math.max(0, fault.index - (asExpression ? 3 : 0));
  const message = asExpression ? `condition syntax: ${fault.message.replace(/'\{\{ (.*) \}\}'/s, "'$1'")}` : `template syntax: ${fault.message}`;
  problems.add(message, valueLoc(container, key, index), hintFor(fault.message));
}

/** Every string below `value` (a file's content): templates must parse. */
export function checkTemplatesIn(value: unknown, problems: Problems, seen = new Set<object>()): void {
  // !unsafe text (an UnsafeText) is never rendered, so its braces need not parse
  if (typeof value !== 'object' || value === null || isUnsafe(value) || seen.has(value)) return;
  seen.add(value);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof v === 'string') checkTemplateAt(v, value, k, problems);
    else checkTemplatesIn(v, problems, seen);
  }
}

// Locates a syntax fault inside one `{% %}` tag: each statement is parsed alone, completed into the smallest
// template that holds it (`{% if x %}` with an `{% endif %}`, `{% else %}` inside an if), so the error names the
// tag at fault rather than the first statement of the template.

/** statements that open a body closed by `end<name>` */
const OPENERS = new Set(['if', 'for', 'macro', 'call', 'filter', 'block']);

interface StatementTag {
  readonly start: number;
  /** text between `{%` and `%}`, without `-` whitespace markers */
  readonly body: string;
}

/** The smallest template holding this statement, or undefined for a tag that cannot stand alone (`endif`). */
function standalone(body: string): string | undefined {
  const name = /^\s*(\w+)/.exec(body)?.[1] ?? '';
  const tag = `{%${body}%}`;
  if (OPENERS.has(name) || (name === 'set' && !body.includes('='))) return `${tag}{% end${name} %}`;
  if (name === 'elif' || name === 'else') return `{% if true %}${tag}{% endif %}`;
  if (name === 'raw' || name.startsWith('end')) return undefined;
  return tag;
}

/** The first statement that does not parse alone, with the parser's message; undefined when each one does. */
export function faultyStatement(tags: readonly StatementTag[], parse: (text: string) => string | object): { message: string; index: number } | undefined {
  for (const tag of tags) {
    const text = standalone(tag.body);
    if (text === undefined) continue;
    const result = parse(text);
    if (typeof result === 'string') return { message: result, index: tag.start };
  }
  return undefined;
}

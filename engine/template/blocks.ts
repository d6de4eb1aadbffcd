// {% block name %} ... {% endblock %} in a template that extends none: Jinja2 renders the block's body where it
// stands (base templates such as a vhost template written to be extended, used as they are). The library's parser
// has no block statement, so each pair of tags becomes `{% if true %}` / `{% endif %}`: the tags keep their
// whitespace control (`{%- block x -%}`), which the lexer has already applied. Known difference: a `set` inside the
// block is seen after it (Jinja2 renders a block in its own scope). `extends` stays unsupported.
import type { Token } from './jinja-lib.js';

const MODIFIERS = new Set(['scoped', 'required']);

/** The tokens with block / endblock tags rewritten; throws Jinja2's errors for a block defined twice or misnamed. */
export function rewriteBlocks(tokens: Token[]): Token[] {
  if (!tokens.some((t) => t.type === 'Identifier' && (t.value === 'block' || t.value === 'endblock'))) return tokens;
  const out: Token[] = [];
  const open: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const tag = t.type === 'OpenStatement' ? tokens[i + 1] : undefined;
    if (tag?.type === 'Identifier' && tag.value === 'block') {
      const name = tokens[i + 2];
      if (name?.type !== 'Identifier') throw new SyntaxError(`expected token 'name', got '${name?.value ?? 'end of template'}'`);
      if (seen.has(name.value)) throw new SyntaxError(`block '${name.value}' defined twice`);
      seen.add(name.value);
      let k = i + 3;
      while (tokens[k]?.type === 'Identifier' && MODIFIERS.has((tokens[k] as Token).value)) k++;
      const close = tokens[k];
      if (close?.type !== 'CloseStatement') throw new SyntaxError(`expected token 'end of statement block', got '${close?.value ?? 'end of template'}'`);
      open.push(name.value);
      out.push(t, { type: 'Identifier', value: 'if' }, { type: 'Identifier', value: 'true' }, close);
      i = k;
      continue;
    }
    if (tag?.type === 'Identifier' && tag.value === 'endblock') {
      const name = open.pop();
      if (name === undefined) throw new SyntaxError("Encountered unknown tag 'endblock'.");
      let k = i + 2;
      // `{% endblock name %}`: the name is optional, and must be the block's
      if (tokens[k]?.type === 'Identifier' && (tokens[k] as Token).value === name) k++;
      const close = tokens[k];
      if (close?.type !== 'CloseStatement') throw new SyntaxError(`expected token 'end of statement block', got '${close?.value ?? 'end of template'}'`);
      out.push(t, { type: 'Identifier', value: 'endif' }, close);
      i = k;
      continue;
    }
    out.push(t);
  }
  if (open.length > 0) throw new SyntaxError(`Unexpected end of template. Jinja was looking for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'.`);
  return out;
}

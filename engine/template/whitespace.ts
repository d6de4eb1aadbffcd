// Jinja2's block whitespace settings, applied before the library's lexer (which is then given neither): trim_blocks
// drops the newline after `%}` and `#}`, lstrip_blocks the blanks before `{%` and `{#` that start a line, and a tag
// written `+%}` or `{%+` (also `+#}`, `{#+`) keeps them; the `+` is then dropped.

export function applyBlockWhitespace(source: string, trimBlocks: boolean, lstripBlocks: boolean): string {
  let out = source;
  if (lstripBlocks) out = out.replace(/^[ \t]*(\{[%#](?!\+))/gm, '$1');
  if (trimBlocks) out = out.replace(/(?<!\+)([%#]\})\n/g, '$1');
  if (!out.includes('+')) return out;
  return out.replace(/\{([%#])\+/g, '{$1').replace(/\+([%#]\})/g, '$1');
}

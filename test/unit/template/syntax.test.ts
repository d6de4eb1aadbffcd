// Template syntax faults and the character offset each names.
import { describe, expect, it } from 'vitest';
import { templateSyntaxError } from '../../../engine/template/syntax.js';

const valid = [
  'plain text',
  '{{ x }}',
  "{{ '}}' }}",
  "{{ {'a': 1} }}",
  '{% if x %}a{% endif %}',
  '{{ x.y[0] | default("a") }}',
  '{{ x is defined }}',
  "{{ x | regex_replace('a', 'b') }}",
  '{% set a = 1 %}{{ a }}',
  '{{ x if y else z }}',
  "{{ 'a' in b }}",
  '{{ a not in b }}',
  '{# comment #}{{ a }}',
  '{% for i in x %}{{ i }}{% endfor %}',
  '{{- x -}}',
  "{{ x is match('^a\\d') }}",
  '{{ r is not failed and r is changed }}',
  "{{ x | regex_replace('\\s+', ' ') | trim }}",
  "{{ 'a' is in ['a'] }}",
  // what stands inside a raw block is text, whatever it looks like
  '{% raw %}{{ $labels.instance }} {% if %}{% endraw %} {{ x }}',
  '{%- raw -%} {{ $v }} {%- endraw -%}',
  // Jinja2 grammar the library lacks: a bare tuple, inline ifs without else (chained), `+` whitespace markers, include
  '{{ a, b }}',
  "{{ 'x' if c }}",
  "{{ ('a' in b or c if d | bool or e if d | bool) and true }}",
  'a{% if x +%}\nb{% endif +%}\n{%+ if y %}{% endif %}{#+ c +#}',
  "{% include 'inner.j2' %}",
  "{%- include ['a.j2', name ~ '.j2'] ignore missing without context -%}",
  "{% for x in y %}{% include 'x.j2' with context %}{% endfor %}",
];

const broken: { text: string; index: number; message: RegExp }[] = [
  { text: 'a {{ x', index: 2, message: /unclosed '\{\{'/ },
  { text: 'ab {% if x', index: 3, message: /unclosed '\{%'/ },
  { text: 'x {# c', index: 2, message: /unclosed '\{#'/ },
  { text: 'ok {{ y }} then {{ x | }}', index: 16, message: /invalid expression/ },
  { text: '{% if x %}a', index: 0, message: /never closed/ },
  { text: '{% for i in x %}{% endif %}', index: 16, message: /closes/ },
  { text: 'a{% endfor %}', index: 1, message: /without an opening/ },
  { text: '{{ }}', index: 0, message: /empty expression/ },
  { text: 'a {% raw %}{{ $x }}', index: 2, message: /'\{% raw %\}' is never closed/ },
  { text: '{% raw %}{{ $x }}{% endraw %} {{ $y }}', index: 30, message: /invalid expression/ },
  { text: 'x {{ name | uper }}', index: 12, message: /no filter named 'uper' \(did you mean 'upper'\?\)/ },
  { text: '{% if r is sucess %}y{% endif %}', index: 11, message: /no test named 'sucess' \(did you mean 'success'\?\)/ },
  { text: '{{ a | default(1) | to_jsn(indent=2) }}', index: 20, message: /no filter named 'to_jsn'/ },
  { text: 'a {% include %}', index: 2, message: /'\{% include %\}' names no template/ },
  { text: "{% include 'x.j2' | uper %}", index: 20, message: /no filter named 'uper'/ },
  // the library's message with its template filled in: no `${...}` left
  { text: '{{ (a b) }}', index: 0, message: /^invalid expression '\{\{ \(a b\) \}\}': Parser Error: Expected closing parenthesis, got Identifier instead\. Identifier !== CloseParen\.$/ },
];

describe('templateSyntaxError', () => {
  it('reads backslashes in {{ }} strings as Ansible does for a YAML value, and as escapes for a condition', () => {
    const condition = '{{ "iif \\"lo\\" accept" not in x }}';
    expect(templateSyntaxError(condition)?.message).toMatch(/invalid expression/);
    expect(templateSyntaxError(condition, false)).toBeUndefined();
  });
  it.each(valid)('accepts %s', (text) => {
    expect(templateSyntaxError(text)).toBeUndefined();
  });
  it.each(broken)('rejects $text at $index', ({ text, index, message }) => {
    const p = templateSyntaxError(text);
    expect(p?.index).toBe(index);
    expect(p?.message).toMatch(message);
  });
});

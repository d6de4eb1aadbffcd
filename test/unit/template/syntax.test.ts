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
];

describe('templateSyntaxError', () => {
  it.each(valid)('accepts %s', (text) => {
    expect(templateSyntaxError(text)).toBeUndefined();
  });
  it.each(broken)('rejects $text at $index', ({ text, index, message }) => {
    const p = templateSyntaxError(text);
    expect(p?.index).toBe(index);
    expect(p?.message).toMatch(message);
  });
});

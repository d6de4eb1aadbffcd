// Jinja2 accepts one `:` before `%}` of a tag that opens a body; kplay's parser must accept exactly those, and a
// syntax fault inside a later tag must be located at that tag, not at the template's first statement.
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../engine/template/parse.js';
import { templateSyntaxError } from '../../../engine/template/syntax.js';

// each accepted by python3's jinja2 (Environment().from_string)
const accepted = [
  "{% if flush != 'fdatasync': %}a{% endif %}",
  '{% if 1: %}a{% else: %}b{% endif %}',
  '{% if 0 %}a{% elif 1: %}c{% endif %}',
  '{% for i in [1,2]: %}{{ i }}{% else: %}e{% endfor %}',
  '{% for i in [1] if i: %}{{ i }}{% endfor %}',
  "{% for k, v in {'a': 1}.items(): %}{{ k }}{% endfor %}",
  "{% if {'a': 1}: %}a{% endif %}",
  '{% if x[1:]: %}a{% endif %}',
  '{% if 1 : %}a{% endif %}',
  '{%- if 1: -%} a {%- endif %}',
  '{% macro m(): %}x{% endmacro %}{{ m() }}',
  '{% filter upper: %}x{% endfilter %}',
  '{% block b: %}x{% endblock %}',
  '{% set x: %}y{% endset %}{{ x }}',
];

// each refused by python3's jinja2 with "expected token 'end of statement block', got ':'" (or ',', 'if')
const refused = ['{% if 1 %}a{% endif: %}', '{% set x = 1: %}', '{% if 1 :: %}a{% endif %}', '{% for i in [1]: if i %}{{ i }}{% endfor %}'];

describe('a colon before %}', () => {
  it.each(accepted)('parses %s', (text) => {
    expect(() => parseTemplate(text)).not.toThrow();
    expect(templateSyntaxError(text)).toBeUndefined();
  });
  it.each(refused)('refuses %s', (text) => {
    expect(() => parseTemplate(text)).toThrow();
    expect(templateSyntaxError(text)).toBeDefined();
  });
});

describe('a fault inside a statement', () => {
  it('is located at its tag, not at an earlier if', () => {
    const text = 'a\n{% if x %}\nx\n{% endif %}\n{% for i in y: if i %}\nz\n{% endfor %}\n';
    expect(templateSyntaxError(text)?.index).toBe(text.indexOf('{% for'));
  });
  it('inside an else is located at the else', () => {
    const text = '{% if x %}a{% else y %}b{% endif %}';
    expect(templateSyntaxError(text)?.index).toBe(text.indexOf('{% else'));
  });
  it('inside a set is located at the set', () => {
    const text = '{% if x %}a{% endif %}{% set y = 1: %}';
    expect(templateSyntaxError(text)?.index).toBe(text.indexOf('{% set'));
  });
});

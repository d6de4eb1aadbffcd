// Templates with a colon before `%}` (`{% if x: %}`, `{% for a in b: %}`, `{% else: %}`): kplay renders them as
// Ansible's own Templar does.
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { ansibleTemplar } from './support/templar.js';

const vars = { flush: 'O_DIRECT', items: ['a', 'b'], empty: [] };
const templates = [
  "{% if flush != 'fdatasync': %}innodb_flush_method = {{ flush }}{% endif %}",
  "{% if flush == 'fdatasync': %}one{% elif flush == 'O_DIRECT': %}two{% else: %}three{% endif %}",
  '{% for i in items: %}[{{ i }}]{% else: %}none{% endfor %}',
  '{% for i in empty: %}[{{ i }}]{% else: %}none{% endfor %}',
  "{% for i in items if i != 'a': %}{{ i }}{% endfor %}",
  '{% set joined: %}{{ items | join(",") }}{% endset %}{{ joined }}',
  '{% filter upper: %}{{ flush }}{% endfilter %}',
];

describe("a colon before %} renders as with Ansible's Templar", () => {
  const answers = ansibleTemplar(vars, templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    expect(render(template, vars, { loc: { file: 'p.yml', line: 1, col: 1 } })).toEqual(answer.value);
  });
});

// Differential test: every render case through Ansible's own Templar (Debian's ansible-core) must agree with kplay.
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { cases, vars } from '../../unit/template/render-cases.js';
import { ansibleTemplar, asAnsibleString } from './support/templar.js';

/**
 * Ansible (without jinja2_native) passes a whole result through ast.literal_eval, so "{{ n }}\n" becomes the
 * number 5 and the newline is lost; kplay keeps text around an expression as text ("5\n"), which is what a
 * `copy: content:` author means.
 */
const LITERAL_EVAL = new Set(['{{ n }}\n', '{{ pkgs }}\n']);

describe("agrees with Ansible's Templar", () => {
  const templates = cases.map(([t]) => t).filter((t) => !LITERAL_EVAL.has(t));
  const answers = ansibleTemplar(vars, templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = render(template, vars, { loc: { file: 'p.yml', line: 1, col: 1 } });
    if (typeof answer.value === 'string' && typeof mine !== 'string') expect(asAnsibleString(mine)).toEqual(answer.value);
    else expect(mine).toEqual(answer.value);
  });
});

// Differential test: every render case through Ansible's own Templar (Debian's ansible-core) must agree with kplay.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { pyStr } from '../../../engine/template/values.js';
import { cases, vars } from '../../unit/template/render-cases.js';

const TEMPLAR = `
import json, sys
from ansible.template import Templar
from ansible.parsing.dataloader import DataLoader
data = json.load(sys.stdin)
t = Templar(loader=DataLoader(), variables=data['vars'])
out = []
for tmpl in data['templates']:
    try:
        out.append({'ok': True, 'value': t.template(tmpl)})
    except Exception as e:
        out.append({'ok': False, 'error': str(e)[:300]})
json.dump(out, sys.stdout)
`;

/**
 * Where kplay differs on purpose: a lone `{{ expr }}` keeps its type (Ansible without jinja2_native turns numbers
 * into strings, and its modules convert them back); JS has one number type, so 5.0 prints as 5.
 */
const FLOAT_PRINTING = new Set(["{{ '2.5' | float * 2 }}"]);
/**
 * Ansible (without jinja2_native) passes a whole result through ast.literal_eval, so "{{ n }}\n" becomes the
 * number 5 and the newline is lost; kplay keeps text around an expression as text ("5\n"), which is what a
 * `copy: content:` author means.
 */
const LITERAL_EVAL = new Set(['{{ n }}\n', '{{ pkgs }}\n']);

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

function ansible(templates: string[]): Answer[] {
  const run = spawnSync('/usr/bin/python3', ['-c', TEMPLAR], { input: JSON.stringify({ vars, templates }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ansible Templar failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

/** Ansible's non-native result for a value kplay keeps native. */
function asAnsibleString(v: unknown): unknown {
  if (typeof v === 'number') return pyStr(v);
  if (v === null) return '';
  return v;
}

describe("agrees with Ansible's Templar", () => {
  const templates = cases.map(([t]) => t).filter((t) => !FLOAT_PRINTING.has(t) && !LITERAL_EVAL.has(t));
  const answers = ansible(templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = render(template, vars, { loc: { file: 'p.yml', line: 1, col: 1 } });
    if (typeof answer.value === 'string' && typeof mine !== 'string') expect(asAnsibleString(mine)).toEqual(answer.value);
    else expect(mine).toEqual(answer.value);
  });
});

// Differential test: every filter and test case (test/unit/template/filter-cases.ts) through Ansible's own Templar
// must agree with kplay. The ansible.utils and json_query cases need Debian's `ansible` package (the collections),
// python3-netaddr and python3-jmespath, which scripts/setup.sh installs: without them, those cases fail.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { pyStr } from '../../../engine/template/values.js';
import { filterCases, filterVars } from '../../unit/template/filter-cases.js';

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

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

function ansible(templates: string[]): Answer[] {
  const run = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', TEMPLAR], { input: JSON.stringify({ vars: filterVars, templates }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ansible Templar failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

const collections = spawnSync('/usr/bin/python3', ['-c', 'import ansible_collections.ansible.utils, ansible_collections.community.general, netaddr, jmespath'], { encoding: 'utf8' });

/** Ansible's non-native result for a value kplay keeps native (as ansible-differential.test.ts) */
function asAnsibleString(v: unknown): unknown {
  if (typeof v === 'number') return pyStr(v);
  if (v === null) return '';
  return v;
}

describe("filters and tests agree with Ansible's Templar", () => {
  it('has the collections to compare with (Debian packages ansible, python3-netaddr, python3-jmespath: scripts/setup.sh)', () => {
    expect(collections.status, collections.stderr).toBe(0);
  });
  const templates = filterCases.map(([t]) => t);
  const answers = ansible(templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = render(template, filterVars, { loc: { file: 'p.yml', line: 1, col: 1 } });
    if (typeof answer.value === 'string' && typeof mine !== 'string') expect(asAnsibleString(mine)).toEqual(answer.value);
    else expect(mine).toEqual(answer.value);
  });
});

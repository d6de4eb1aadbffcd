// Differential test: every filter and test case (test/unit/template/filter-cases.ts) through Ansible's own Templar
// must agree with kplay. The ansible.utils and json_query cases need Debian's `ansible` package (the collections),
// python3-netaddr and python3-jmespath, which scripts/setup.sh installs: without them, those cases fail.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { render } from '../../../engine/template/index.js';
import { filterCases, filterVars } from '../../unit/template/filter-cases.js';
import { ansibleTemplar, asAnsibleString } from './support/templar.js';

const collections = spawnSync('/usr/bin/python3', ['-c', 'import ansible_collections.ansible.utils, ansible_collections.community.general, netaddr, jmespath'], { encoding: 'utf8' });

describe("filters and tests agree with Ansible's Templar", () => {
  it('has the collections to compare with (Debian packages ansible, python3-netaddr, python3-jmespath: scripts/setup.sh)', () => {
    expect(collections.status, collections.stderr).toBe(0);
  });
  const templates = filterCases.map(([t]) => t);
  const answers = ansibleTemplar(filterVars, templates);
  it.each(templates.map((t, i) => [t, answers[i]] as const))('%s', (template, answer) => {
    expect(answer?.ok, answer && !answer.ok ? answer.error : '').toBe(true);
    if (!answer?.ok) return;
    const mine = render(template, filterVars, { loc: { file: 'p.yml', line: 1, col: 1 } });
    if (typeof answer.value === 'string' && typeof mine !== 'string') expect(asAnsibleString(mine)).toEqual(answer.value);
    else expect(mine).toEqual(answer.value);
  });
});

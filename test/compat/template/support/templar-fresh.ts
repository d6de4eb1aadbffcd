// Templates rendered by Ansible's own Templar, each with a fresh deep copy of the variables: some collection filters
// (ansible.utils' remove_keys, replace_keys) change the data they are given, which would leak into the next template.
import { spawnSync } from 'node:child_process';
import type { Answer } from './templar.js';

const TEMPLAR = `
import copy, json, sys
from ansible.template import Templar
from ansible.parsing.dataloader import DataLoader
data = json.load(sys.stdin)
out = []
for tmpl in data['templates']:
    t = Templar(loader=DataLoader(), variables=copy.deepcopy(data['vars']))
    try:
        out.append({'ok': True, 'value': t.template(tmpl)})
    except Exception as e:
        out.append({'ok': False, 'error': str(e)[:300]})
json.dump(out, sys.stdout)
`;

/** Each template's value (or error) as Ansible's Templar gives it, every one from the same variables. */
export function ansibleTemplarFresh(vars: Record<string, unknown>, templates: readonly string[]): Answer[] {
  const run = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', TEMPLAR], { input: JSON.stringify({ vars, templates }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ansible Templar failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

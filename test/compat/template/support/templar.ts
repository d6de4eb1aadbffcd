// Templates rendered by Ansible's own Templar (Debian's ansible-core), for the compat tests that compare kplay's
// template engine with it: one python3 process for a whole list of templates.
import { spawnSync } from 'node:child_process';

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

export type Answer = { ok: true; value: unknown } | { ok: false; error: string };

/** Each template's value (or error) as Ansible's Templar gives it with these variables. */
export function ansibleTemplar(vars: Record<string, unknown>, templates: readonly string[]): Answer[] {
  const run = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', TEMPLAR], { input: JSON.stringify({ vars, templates }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ansible Templar failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

/** Ansible's non-native result for a value kplay keeps native (None as ''). */
export function asAnsibleString(v: unknown): unknown {
  if (v === null) return '';
  return v;
}

// Template files rendered as Ansible's template action renders them (action/template.py): a Templar copied with an
// AnsibleEnvironment whose loader looks in the search path, trim_blocks on, do_template keeping the trailing
// newlines and leaving backslashes alone; one python3 process for a whole list of templates.
import { spawnSync } from 'node:child_process';
import type { Answer } from './templar.js';

const TEMPLATE_ACTION = `
import json, sys
from ansible.template import Templar, AnsibleEnvironment
from ansible.parsing.dataloader import DataLoader
data = json.load(sys.stdin)
base = Templar(loader=DataLoader(), variables=data['vars'])
out = []
for tmpl in data['templates']:
    t = base.copy_with_new_env(environment_class=AnsibleEnvironment, searchpath=data['searchpath'], trim_blocks=True, available_variables=data['vars'])
    try:
        out.append({'ok': True, 'value': t.do_template(tmpl, preserve_trailing_newlines=True, escape_backslashes=False)})
    except BaseException as e:
        out.append({'ok': False, 'error': (type(e).__name__ + ': ' + str(e))[:300]})
json.dump(out, sys.stdout)
`;

/** Each template file's text (or error) as Ansible's template action renders it with these variables. */
export function ansibleTemplateFiles(vars: Record<string, unknown>, searchPath: readonly string[], templates: readonly string[], env: NodeJS.ProcessEnv = process.env): Answer[] {
  const run = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', TEMPLATE_ACTION], { input: JSON.stringify({ vars, searchpath: searchPath, templates }), encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`ansible template action failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Answer[];
}

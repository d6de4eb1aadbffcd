// include_vars: variables from a YAML/JSON file on the controller, for the rest of the run on this host.
// The runner stores the returned ansible_facts at include_vars precedence (below set_fact), as Ansible does.
import { Type } from '@sinclair/typebox';
import { InputErrors } from '../engine/core/errors.js';
import { parseYaml } from '../engine/yaml/load.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  file: Type.String({
    description:
      "The vars file (YAML or JSON, a mapping). A relative name is looked for in the role's vars/ and the role's directory, then the playbook's vars/ and the playbook's directory.",
  }),
  name: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Put all the variables of the file under this one variable, as a mapping.' })),
});

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'empty' : typeof v;
}

export const includeVarsModule = defineModule({
  name: 'include_vars',
  short: 'Load variables from a YAML or JSON file (on the controller)',
  params,
  freeForm: 'file',
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Variables for this OS family (vars/RedHat.yml, ...)
  include_vars: "{{ ansible_os_family }}.yml"

- name: The guest list, under one name
  include_vars:
    file: guests.yml
    name: guest_config
`,
  plan(p, _observed, ctx) {
    const text = ctx.readLocalFile(p.file, 'vars');
    let value: unknown;
    try {
      value = parseYaml(text, p.file).value;
    } catch (err) {
      if (err instanceof InputErrors && err.problems[0]) return { kind: 'fail', msg: `${p.file}: ${err.problems[0].describe()}` };
      throw err;
    }
    const vars = value ?? {};
    if (typeof vars !== 'object' || Array.isArray(vars)) return { kind: 'fail', msg: `${p.file} must be stored as a dictionary/hash, but it holds ${describeValue(vars)}` };
    const facts = p.name !== undefined ? { [p.name]: vars } : (vars as Record<string, unknown>);
    return { kind: 'ok', reason: `loaded ${Object.keys(facts).join(', ') || 'no variables'} from ${p.file}`, data: { ansible_facts: facts } };
  },
});

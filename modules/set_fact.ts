// set_fact: set host variables for the rest of the run (the runner stores the returned ansible_facts as host vars).
import { Type } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { defineModule } from './contract.js';

// Every key but cacheable is a variable name, so the schema allows any property.
const params = Type.Object(
  {
    cacheable: Type.Boolean({ description: 'Accepted for Ansible compatibility: kplay keeps no fact cache between runs, so the facts last for this run.', default: false }),
  },
  { additionalProperties: true, description: 'Any other key is a variable to set, with its (rendered) value.' },
);

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const setFactModule = defineModule({
  name: 'set_fact',
  short: 'Set host variables from values computed in the play',
  params,
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Pick the guest image path
  set_fact:
    image_dir: /var/lib/libvirt/images
    guest_disk: "/var/lib/libvirt/images/{{ guest_name }}.qcow2"
`,
  plan(p) {
    const facts: Record<string, unknown> = dict();
    for (const [k, v] of Object.entries(p)) {
      if (k === 'cacheable') continue;
      if (!NAME.test(k)) return { kind: 'fail', msg: `The variable name '${k}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` };
      facts[k] = v;
    }
    if (Object.keys(facts).length === 0) return { kind: 'fail', msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
    return { kind: 'ok', reason: `set ${Object.keys(facts).join(', ')}`, data: { ansible_facts: facts } };
  },
});

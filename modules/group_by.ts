// group_by: the host put in a group named from its variables (created if new), for the later plays of the run, as
// ansible.builtin.group_by. The module only says which group; the engine groups (engine/run/dynamic-inventory.ts).
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';

const params = Type.Object({
  key: Type.String({ description: 'The group to put the host in (spaces become dashes), usually templated: os_{{ ansible_distribution }}.' }),
  parents: Type.Union([Type.String(), Type.Array(Type.String())], { description: 'The group(s) the new group goes under.', default: ['all'] }),
});

export const groupByModule = defineModule({
  name: 'group_by',
  aliases: ['ansible.builtin.group_by', 'ansible.legacy.group_by'],
  short: "Group hosts by a value of their variables for the rest of the run",
  examples: `- name: One group per distribution, for the plays below
  group_by:
    key: os_{{ ansible_facts['distribution'] }}
`,
  params,
  controllerOnly: true,
  checkMode: 'plan',
  changesInventory: true,
  plan(p) {
    const parents = (typeof p.parents === 'string' ? [p.parents] : p.parents).map((g) => g.replaceAll(' ', '-'));
    const group = p.key.replaceAll(' ', '-');
    return { kind: 'ok', reason: `group ${group}`, data: { add_group: group, parent_groups: parents } };
  },
});

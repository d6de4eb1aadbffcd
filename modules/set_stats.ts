// set_stats: custom statistics of the run (shown at its end by Ansible with show_custom_stats); the result carries
// them as ansible_stats, as Ansible's action returns them. kplay does not print them.
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';

const params = Type.Object({
  data: Type.Optional(Type.Unknown({ description: 'The statistics: a dictionary of variable names to values.' })),
  per_host: Type.Boolean({ description: 'Keep them per host.', default: false }),
  aggregate: Type.Boolean({ description: 'Add them to what earlier set_stats tasks gave.', default: true }),
});

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const setStatsModule = defineModule({
  name: 'set_stats',
  short: 'Record custom statistics of the run (returned as ansible_stats)',
  params,
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Count what was deployed
  set_stats:
    data:
      deployed: "{{ apps | length }}"
`,
  plan(p) {
    const data = p.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { kind: 'fail', msg: "The 'data' option needs to be a dictionary/hash" };
    const bad = Object.keys(data).find((k) => !IDENTIFIER.test(k));
    if (bad !== undefined) {
      return { kind: 'fail', msg: `The variable name '${bad}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` };
    }
    const stats = { data, per_host: p.per_host, aggregate: p.aggregate };
    return { kind: 'ok', reason: `statistics: ${Object.keys(data).join(', ')}`, data: { ansible_stats: stats } };
  },
});

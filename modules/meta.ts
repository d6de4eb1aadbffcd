// meta: act on the run itself (flush handlers, end the host or play); the runner carries out data.meta.
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';
import { choice } from './common/schema.js';

const META_ACTIONS = [
  'flush_handlers',
  'refresh_inventory',
  'noop',
  'clear_facts',
  'clear_host_errors',
  'end_play',
  'end_host',
  'end_batch',
  'reset_connection',
  'role_complete',
] as const;

export type MetaAction = (typeof META_ACTIONS)[number];

const params = Type.Object({
  free_form: choice(META_ACTIONS, { description: 'The action, as the free-form text after `meta:`.' }),
});

export const metaModule = defineModule({
  name: 'meta',
  playControl: true,
  mayEndHostRun: true,
  short: 'Act on the run: flush handlers now, end this host or play, clear host errors',
  freeForm: 'free_form',
  params,
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Restart libvirtd now if a config change asked for it
  meta: flush_handlers

- name: Nothing more to do on hosts already converted
  meta: end_host
  when: converted | default(false)
`,
  plan: (p) => ({ kind: 'ok', reason: p.free_form, data: { meta: p.free_form } }),
});

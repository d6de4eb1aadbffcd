// fail: stop the host with a message (usually under `when:`).
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';

const params = Type.Object({
  msg: Type.String({ description: 'The failure message.', default: 'Failed as requested from task' }),
});

export const failModule = defineModule({
  name: 'fail',
  mayEndHostRun: true,
  short: 'Fail the host with a custom message',
  params,
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Refuse hosts without hardware virtualization
  fail:
    msg: "{{ inventory_hostname }}: enable VT-x / AMD-V in the firmware"
  when: ansible_virtualization_flags | length == 0
`,
  plan: (p) => ({ kind: 'fail', msg: p.msg ?? 'Failed as requested from task' }),
});

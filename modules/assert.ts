// assert: check that expressions hold for the host (on the controller), failing with a message when one does not.
import { Type } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { defineModule } from './contract.js';
import { aliasOf } from './common/schema.js';

const expression = Type.Union([Type.String(), Type.Boolean()]);

const params = Type.Object({
  that: Type.Union([expression, Type.Array(expression)], { description: 'One expression or a list of expressions (Jinja, without {{ }}) that must all be true.' }),
  fail_msg: Type.Optional(Type.Unknown({ description: 'The message when an assertion fails (a string or a list of strings).' })),
  msg: aliasOf('fail_msg', Type.Optional(Type.Unknown({ description: 'Alias of fail_msg.' }))),
  success_msg: Type.Optional(Type.Unknown({ description: 'The message when every assertion holds.' })),
  quiet: Type.Boolean({ description: 'Report only the outcome, not each assertion.', default: false }),
});

export const assertModule = defineModule({
  name: 'assert',
  mayEndHostRun: true,
  conditionParams: ['that'],
  short: 'Fail unless the given expressions are true',
  params,
  mutuallyExclusive: [['fail_msg', 'msg']],
  missingMessage: 'conditional required in "that" string',
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: The host can run KVM guests
  assert:
    that:
      - ansible_virtualization_flags | length > 0
      - ansible_memtotal_mb >= 4096
    fail_msg: "{{ inventory_hostname }} cannot host VMs"
    success_msg: ready for KVM
`,
  plan(p, _observed, ctx) {
    const list = Array.isArray(p.that) ? p.that : [p.that];
    for (const item of list) {
      let value: unknown;
      if (typeof item === 'boolean') value = item;
      else {
        try {
          value = ctx.evaluate(item);
        } catch (err) {
          return { kind: 'fail', msg: `The conditional check '${item}' failed. The error was: ${errorMessage(err)}`, data: { assertion: item } };
        }
      }
      if (!truthy(value)) {
        const custom = p.fail_msg ?? p.msg;
        const msg = custom === undefined ? 'Assertion failed' : text(custom);
        return { kind: 'fail', msg, data: { assertion: item, evaluated_to: false, msg } };
      }
    }
    const msg = p.success_msg === undefined ? 'All assertions passed' : text(p.success_msg);
    // Ansible's result is the msg alone
    return { kind: 'ok', reason: msg, data: { msg } };
  },
});

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(String).join('\n');
  return JSON.stringify(v) ?? String(v);
}

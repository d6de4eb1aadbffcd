// debug: print a message or a variable's value (on the controller; nothing reaches the host).
import { Type } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  msg: Type.Optional(Type.Unknown({ description: 'The message to print (any value: a string, a list, a mapping). Default "Hello world!". Use either msg or var.' })),
  var: Type.Optional(Type.String({ description: 'The name of a variable (or an expression) whose value to print, without {{ }}.' })),
  verbosity: Type.Integer({ description: 'Print only when the run has at least this many -v.', default: 0, minimum: 0 }),
});

export const debugModule = defineModule({
  name: 'debug',
  showsOwnResult: true,
  short: 'Print a message or the value of a variable',
  params,
  mutuallyExclusive: [['msg', 'var']],
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Say which extension the CPU has
  debug:
    msg: "{{ inventory_hostname }} has {{ ansible_virtualization_flags | join(', ') }}"

- name: Show a registered result with -v
  debug:
    var: guests.stdout_lines
    verbosity: 1
`,
  plan(p, _observed, ctx) {
    if ((p.verbosity ?? 0) > (ctx.verbosity ?? 0)) {
      return { kind: 'ok', reason: `skipped: verbosity threshold ${p.verbosity} not met`, data: { skipped_reason: 'Verbosity threshold not met.' } };
    }
    if (p.var !== undefined) {
      let value: unknown;
      try {
        value = ctx.evaluate(p.var);
      } catch (err) {
        // Ansible prints this marker instead of failing, so a debug of an undefined name never breaks a play
        value = `VARIABLE IS NOT DEFINED! (${errorMessage(err)})`;
      }
      if (value === undefined) value = 'VARIABLE IS NOT DEFINED!';
      return { kind: 'ok', reason: `${p.var}: ${show(value)}`, data: { [p.var]: value } };
    }
    const msg = p.msg === undefined ? 'Hello world!' : p.msg;
    return { kind: 'ok', reason: show(msg), data: { msg } };
  },
});

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value);
}

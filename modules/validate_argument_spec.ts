// validate_argument_spec: check arguments against an argument spec on the controller, as Ansible's action does.
// The arguments are the spec's options that are variables of the task, with provided_arguments over them. A role
// with meta/argument_specs.yml gets this task first (engine/playbook/role-argspecs.ts), as in Ansible.
import { Type } from '@sinclair/typebox';
import { defineModule } from './contract.js';
import { validateArgumentSpec } from './support/arg-spec.js';

const params = Type.Object({
  argument_spec: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), { description: 'The options: each with type, required, choices, default, elements, options, aliases.' }),
  provided_arguments: Type.Record(Type.String(), Type.Unknown(), { description: 'Arguments given directly; the spec\'s options that are variables come too, under these.', default: {} }),
  validate_args_context: Type.Record(Type.String(), Type.Unknown(), { description: 'What is being validated (a role: its name and entry point), returned as is.', default: {} }),
});

export const validateArgumentSpecModule = defineModule({
  name: 'validate_argument_spec',
  short: 'Check arguments (variables and given ones) against an argument spec',
  params,
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: The role's arguments are right
  validate_argument_spec:
    argument_spec:
      app_port: { type: int, required: true }
      app_state: { choices: [started, stopped], default: started }
`,
  plan(p, _observed, ctx) {
    const fromVars: Record<string, unknown> = {};
    for (const name of Object.keys(p.argument_spec)) {
      const v = ctx.variable?.(name);
      if (v?.defined === true) fromVars[name] = v.value;
    }
    const errors = validateArgumentSpec(p.argument_spec, { ...fromVars, ...p.provided_arguments });
    const context = { validate_args_context: p.validate_args_context };
    if (errors.length > 0) {
      const msg = `Validation of arguments failed:\n${errors.join('\n')}`;
      return { kind: 'fail', msg, data: { ...context, argument_spec_data: p.argument_spec, argument_errors: errors } };
    }
    return { kind: 'ok', reason: 'The arg spec validation passed', data: { ...context, msg: 'The arg spec validation passed' } };
  },
});

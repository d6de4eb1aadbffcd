// The schemas shipped for editors (schemas/playbook.schema.json, tasks.schema.json): the playbook schema the
// validator checks with, plus each module's parameter names, generated from the modules' own schemas, so an
// editor flags a misspelled parameter as it is typed. Values are left free (a template may stand for any of them);
// `kplay validate` checks them.
import type { ModuleDef } from '../../modules/contract.js';
import { playbookSchema, tasksSchema } from './playbook-schema.js';

type Json = Record<string, unknown>;

/** Every name a task may use for the module: its name, aliases, and their ansible.builtin. / ansible.legacy. forms. */
function namesOf(m: ModuleDef): string[] {
  const names = [m.name, ...(m.aliases ?? [])];
  return [...names, ...names.map((n) => `ansible.builtin.${n}`), ...names.map((n) => `ansible.legacy.${n}`)];
}

/** A task using the module by this name: a mapping of arguments may hold only the module's parameters. */
function moduleRule(name: string, m: ModuleDef): Json {
  const params = Object.keys(m.params.properties);
  const mapping = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p, { description: (m.params.properties[p] as { description?: string }).description ?? '' }])),
    additionalProperties: false,
  };
  return {
    if: { type: 'object', required: [name] },
    then: { properties: { [name]: { anyOf: [{ not: { type: 'object' } }, mapping], description: m.short } } },
  };
}

/** The task definition of the validator's schema, with one rule per module name (open-ended modules aside). */
function taskWithModules(modules: readonly ModuleDef[]): Json {
  const closed = modules.filter((m) => (m.params as { additionalProperties?: unknown }).additionalProperties !== true);
  return { allOf: [playbookSchema.$defs.task, ...closed.flatMap((m) => namesOf(m).map((n) => moduleRule(n, m)))] };
}

export function editorSchemas(modules: readonly ModuleDef[]): { readonly playbook: Json; readonly tasks: Json } {
  const $defs = { ...playbookSchema.$defs, task: taskWithModules(modules) };
  return { playbook: { ...playbookSchema, $defs }, tasks: { ...tasksSchema, $defs } };
}

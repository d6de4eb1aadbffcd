// schemas/playbook.schema.json and tasks.schema.json, for editors: the schema the validator uses plus every module's
// parameter names (engine/validate/editor-schema.ts); they must stay in sync. Regenerate with: npm run schema
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect, test } from 'vitest';
import { editorSchemas } from '../../../engine/validate/editor-schema.js';
import { allModules } from '../../../modules/registry.js';
import { parseYaml } from '../../../engine/yaml/load.js';

const FILE = join(import.meta.dirname, '../../../schemas/playbook.schema.json');
const TASKS_FILE = join(import.meta.dirname, '../../../schemas/tasks.schema.json');
const CORPUS = join(import.meta.dirname, '../../corpus/playbooks');
const shipped = editorSchemas(allModules);
const generated = `${JSON.stringify(shipped.playbook, null, 2)}\n`;

test('the shipped schema files equal the schema the validator uses', () => {
  const tasks = `${JSON.stringify(shipped.tasks, null, 2)}\n`;
  if (process.env.KPLAY_WRITE_SCHEMA === '1') {
    writeFileSync(FILE, generated);
    writeFileSync(TASKS_FILE, tasks);
  }
  expect(readFileSync(FILE, 'utf8')).toBe(generated);
  expect(readFileSync(TASKS_FILE, 'utf8')).toBe(tasks);
});

// compiling one of these schemas takes seconds (4 s on a busy 2-core machine): once for the file, with room to spare
const COMPILE_TIMEOUT_MS = 60_000;
let tasksValidator: ValidateFunction | undefined;
const tasksSchema = (): ValidateFunction => (tasksValidator ??= new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(TASKS_FILE, 'utf8')) as object));

test('a role task file is valid against the tasks schema, a bad task is not', { timeout: COMPILE_TIMEOUT_MS }, () => {
  const validate = tasksSchema();
  const load = (rel: string): unknown => parseYaml(readFileSync(join(CORPUS, rel), 'utf8'), rel).value;
  expect(validate(load('valid-roles-imports/roles/common/tasks/main.yml')), JSON.stringify(validate.errors)).toBe(true);
  expect(validate([{ name: 'x', become: 'maybe', command: 'true' }])).toBe(false);
});

test('the shipped file is a valid draft 2020-12 schema that accepts good playbooks and rejects bad shapes', { timeout: COMPILE_TIMEOUT_MS }, () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(FILE, 'utf8')) as object);
  const load = (rel: string): unknown => parseYaml(readFileSync(join(CORPUS, rel), 'utf8'), rel).value;
  expect(validate(load('valid-everything.yml')), JSON.stringify(validate.errors)).toBe(true);
  expect(validate(load('valid-roles-imports/playbook.yml'))).toBe(true);
  for (const bad of ['strategy-choice.yml', 'play-without-hosts.yml', 'become-wrong-type.yml', 'tasks-not-a-list.yml', 'register-invalid-name.yml']) {
    expect(validate(load(bad)), bad).toBe(false);
  }
});

test('a misspelled module parameter is flagged by the shipped schema, a template value is not', { timeout: COMPILE_TIMEOUT_MS }, () => {
  const validate = tasksSchema();
  expect(validate([{ name: 'x', yum: { name: 'libvirt', enable_repo: 'lab' } }])).toBe(false);
  expect(JSON.stringify(validate.errors)).toContain('enable_repo');
  expect(validate([{ name: 'x', 'ansible.builtin.dnf': { name: 'libvirt', enablerepo: '{{ repos }}' } }]), JSON.stringify(validate.errors)).toBe(true);
  expect(validate([{ name: 'x', yum: 'name=libvirt enable_repo=lab' }])).toBe(true); // free form: validate's job
  expect(validate([{ name: 'x', set_fact: { anything: 1 } }])).toBe(true);
});

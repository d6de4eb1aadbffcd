// import_role of a role not present: in a file an include_tasks brings in, Ansible resolves it only when the include
// runs (a warning before the run; the runner's own read of the file fails); written in the play, it is an error.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadPlaybook, loadTasksFile } from '../../../engine/playbook/index.js';
import { InputErrors, type InputError } from '../../../engine/core/errors.js';
import { YamlFiles } from '../../../engine/yaml/load.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-import-role-missing-'));
mkdirSync(join(dir, 'roles', 'outer', 'tasks'), { recursive: true });
writeFileSync(join(dir, 'roles', 'outer', 'tasks', 'main.yml'), '- include_tasks: dyn.yml\n  when: false\n');
const dyn = join(dir, 'roles', 'outer', 'tasks', 'dyn.yml');
writeFileSync(dyn, '- name: Create mount\n  import_role:\n    name: not_installed_role\n');
const notFound = `the role 'not_installed_role' was not found in ${join(dir, 'roles')}:`;

test('in a file of an include_tasks: a warning where the role is named, and the play loads', async () => {
  const file = join(dir, 'included.yml');
  writeFileSync(file, '- hosts: all\n  roles:\n    - outer\n');
  const warnings: InputError[] = [];
  await loadPlaybook(file, { warnings });
  expect(warnings.map((w) => [w.message, w.loc?.file, w.loc?.line])).toEqual([[expect.stringContaining(notFound), dyn, 3]]);
});

test('the runner reading that file when its include runs: an error with Ansible\'s message', () => {
  let thrown: unknown;
  try {
    loadTasksFile(dyn, new YamlFiles(), join(dir, 'roles', 'outer'), 'outer', dir);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(InputErrors);
  expect((thrown as InputErrors).problems.map((p) => p.message)).toEqual([expect.stringContaining(notFound)]);
});

test('written in the play itself: an error before the run', async () => {
  const file = join(dir, 'direct.yml');
  writeFileSync(file, '- hosts: all\n  tasks:\n    - import_role:\n        name: not_installed_role\n');
  const thrown: unknown = await loadPlaybook(file).catch((err: unknown) => err);
  expect(thrown).toBeInstanceOf(InputErrors);
  expect((thrown as InputErrors).problems.map((p) => p.message)).toEqual([expect.stringContaining(notFound)]);
});

// Python plugins beside a playbook or a role (filter_plugins/, test_plugins/, library/, module_utils/...) and in the
// collections installed beside a playbook: kplay cannot run Python on the controller, so each such file is named and
// located at validate, instead of a filter, test or module that is "unknown" later. A Python module (library/) is what
// #14 calls a module kplay does not have: a warning, and the hosts where a task uses it fail that task; the other
// playbook and role plugins are refused. A collection's plugins are warnings: Ansible loads one only where it is named
// by its full name (a filter, test or lookup in a template, which validate then refuses; a module or action plugin in
// a task, which fails where it runs) or enabled (a callback), so a collection that ships plugins its roles never use
// runs as Ansible runs it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problems } from '../validate/problems.js';

const PLUGIN_DIRS: Readonly<Record<string, string>> = {
  filter_plugins: 'a Python filter plugin',
  test_plugins: 'a Python test plugin',
  library: 'a Python module',
  module_utils: 'Python module utilities',
  lookup_plugins: 'a Python lookup plugin',
  action_plugins: 'a Python action plugin',
  callback_plugins: 'a Python callback plugin',
};

function pythonFiles(dir: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) return [];
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const path = join(dir, n);
    if (n.endsWith('.py') && n !== '__init__.py') return [path];
    try {
      return statSync(path).isDirectory() && !n.startsWith('.') && n !== '__pycache__' ? pythonFiles(path) : [];
    } catch {
      return [];
    }
  });
}

/** A collection's plugins/ directories, by what their files are. */
const COLLECTION_PLUGIN_DIRS: Readonly<Record<string, string>> = {
  filter: 'a Python filter plugin',
  test: 'a Python test plugin',
  modules: 'a Python module',
  module_utils: 'Python module utilities',
  lookup: 'a Python lookup plugin',
  action: 'a Python action plugin',
  callback: 'a Python callback plugin',
};

const HINT = 'use the filters, tests and modules kplay has (`kplay doc`), or run this playbook with ansible-playbook';

/** Plugin kinds that only modules use: the tasks naming such a module fail where they run, nothing else does. */
const MODULE_KINDS = new Set(['a Python module', 'Python module utilities']);

function report(problems: Problems, file: string, message: string, what: string): void {
  if (MODULE_KINDS.has(what)) problems.warn(`${message}: kplay cannot run it; the hosts where a task uses it will fail that task`, { file, line: 1, col: 1 }, HINT);
  else problems.add(`${message}: kplay cannot run Python plugins`, { file, line: 1, col: 1 }, HINT);
}

/** What happens where a collection's plugin of this kind is used (nothing happens where it is not). */
const COLLECTION_PLUGIN_USE: Readonly<Record<string, string>> = {
  filter: 'a template that uses one of its filters is refused',
  test: 'a condition or template that uses one of its tests is refused',
  lookup: 'a template or loop that uses its lookup is refused',
  callback: 'kplay prints its own output where ansible.cfg enables it',
};

function reportCollectionPlugin(problems: Problems, file: string, message: string, sub: string): void {
  const use = COLLECTION_PLUGIN_USE[sub] ?? 'the hosts where a task uses it will fail that task';
  problems.warn(`${message}: kplay cannot run it; ${use}`, { file, line: 1, col: 1 }, HINT);
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => !n.startsWith('.') && statSync(join(dir, n)).isDirectory())
      .sort();
  } catch {
    return [];
  }
}

/**
 * Every Python plugin file under `base` (a playbook's or a role's directory), each a located problem; also those of
 * the collections installed beside a playbook (collections/ansible_collections/NAMESPACE/NAME/plugins/), as warnings.
 */
export function checkPythonPlugins(base: string, problems: Problems): void {
  for (const [sub, what] of Object.entries(PLUGIN_DIRS)) {
    for (const file of pythonFiles(join(base, sub))) {
      report(problems, file, `${file} is ${what} (${sub}/)`, what);
    }
  }
  const root = join(base, 'collections', 'ansible_collections');
  for (const ns of subdirs(root)) {
    for (const name of subdirs(join(root, ns))) {
      for (const [sub, what] of Object.entries(COLLECTION_PLUGIN_DIRS)) {
        for (const file of pythonFiles(join(root, ns, name, 'plugins', sub))) {
          reportCollectionPlugin(problems, file, `${file} is ${what} of the collection ${ns}.${name}`, sub);
        }
      }
    }
  }
}

// Playbook-local and role-local Python plugins (filter_plugins/, test_plugins/, library/, module_utils/...): kplay
// cannot run Python on the controller, so each such file is refused at validate, named and located, instead of a
// filter, test or module that is "unknown" later.
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

/** Every Python plugin file under `base` (a playbook's or a role's directory), each a located problem. */
export function checkPythonPlugins(base: string, problems: Problems): void {
  for (const [sub, what] of Object.entries(PLUGIN_DIRS)) {
    for (const file of pythonFiles(join(base, sub))) {
      problems.add(`${file} is ${what} (${sub}/): kplay cannot run Python plugins`, { file, line: 1, col: 1 }, 'use the filters, tests and modules kplay has (`kplay doc`), or run this playbook with ansible-playbook');
    }
  }
}

// `kplay adhoc`'s work: the pattern and module become a one-task play, run as `kplay run` runs a playbook, and
// printed as ansible prints ad-hoc results.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, InputErrors } from '../engine/core/errors.js';
import { didYouMean } from '../engine/core/suggest.js';
import { findModule, moduleNames } from '../modules/registry.js';
import type { AdhocFlags } from './adhoc-options.js';
import { runCommand } from './run-command.js';
import { inventoryFromConfig } from './config.js';
import { setupVault } from './vault-options.js';
import { loadInventory, resolveInventorySources } from '../engine/inventory/index.js';
import { playHosts } from '../engine/run/playbook.js';

/** command, shell and raw print their output as text (Ansible's MODULE_NO_JSON) */
const TEXT_OUTPUT = new Set(['command', 'shell', 'raw']);

export async function adhocCommand(pattern: string, flags: AdhocFlags): Promise<number> {
  const name = flags.moduleName.replace(/^ansible\.(builtin|legacy)\./, '');
  const module = findModule(name);
  if (module === undefined) throw new InputErrors([new InputError(`-m ${flags.moduleName}: no such module`, { hint: didYouMean(name, moduleNames(), 'modules') ?? '`kplay doc` lists the modules' })]);
  if (module.controllerOnly === true && name !== 'debug') {
    throw new InputErrors([new InputError(`-m ${name}: runs on the controller within a playbook, not as an ad-hoc command`)]);
  }
  if (/\{\{|\{%/.test(pattern)) throw new InputErrors([new InputError(`host pattern ${JSON.stringify(pattern)}: a pattern is not a template`)]);
  if (flags.listHosts === true) return listHosts(pattern, flags);
  const dir = mkdtempSync(join(tmpdir(), 'kplay-adhoc-'));
  try {
    const playbook = join(dir, 'adhoc.yml');
    // every value is written as a JSON string (valid YAML): the pattern and the arguments are data, never YAML
    const args = flags.args === undefined || flags.args.trim() === '' ? '{}' : JSON.stringify(flags.args);
    const text = [`- name: Ansible Ad-Hoc`, `  hosts: ${JSON.stringify(pattern)}`, '  gather_facts: false', '  tasks:', `    - ${JSON.stringify(flags.moduleName)}: ${args}`, ''].join('\n');
    writeFileSync(playbook, text);
    return await runCommand(playbook, { ...flags, tags: [], skipTags: [], live: false, record: false }, { oneLine: flags.oneLine === true, textOutput: TEXT_OUTPUT.has(name) });
  } catch (err) {
    // a problem found in the generated play is one of the command line's: say so, without the temporary file
    if (!(err instanceof InputErrors)) throw err;
    const where = `-m ${flags.moduleName}${flags.args === undefined ? '' : ` -a ${JSON.stringify(flags.args)}`}`;
    throw new InputErrors(err.problems.map((p) => (p.loc?.file.startsWith(dir) === true ? new InputError(`${where}: ${p.message}`, { hint: p.hint }) : p)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** --list-hosts, as ansible prints it: `  hosts (N):` and one indented name per line. */
async function listHosts(pattern: string, flags: AdhocFlags): Promise<number> {
  const keyring = await setupVault(flags);
  const inventory = await loadInventory(resolveInventorySources(inventoryFromConfig(flags.inventory), process.cwd()), process.cwd(), keyring);
  const hosts = playHosts(inventory, pattern, flags.limit);
  process.stdout.write(`  hosts (${hosts.length}):\n${hosts.map((h) => `    ${h}\n`).join('')}`);
  return 0;
}

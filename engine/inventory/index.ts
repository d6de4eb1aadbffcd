// Public entry of the inventory: find the sources, read them as Ansible does, hand back an Inventory.
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { Inventory } from './inventory.js';
import { InventoryData } from './model.js';
import { isHostList, parseSource, unfrackPath } from './sources.js';
import { sourceVars, VarsFiles } from './vars-files.js';
import { NO_VAULT, type Keyring } from '../vault/keyring.js';

export { Inventory, type ListOptions } from './inventory.js';
export { splitHostPattern } from './patterns.js';

/** The default inventory names under ./inventory/ (DESIGN.md), in the order they are looked for. */
const DEFAULT_NAMES = ['hosts', 'hosts.ini', 'hosts.yml', 'hosts.yaml'];

/**
 * The inventory sources to read: the -i values as given, else ./inventory/hosts (or hosts.ini/.yml/.yaml)
 * if it exists, else 'implicit-localhost' (Ansible's implicit localhost with a local connection).
 */
export function resolveInventorySources(cliSources: readonly string[], cwd: string): string[] | 'implicit-localhost' {
  if (cliSources.length) return [...cliSources];
  for (const name of DEFAULT_NAMES) {
    const path = join(cwd, 'inventory', name);
    try {
      if (statSync(path).isFile() || statSync(path).isDirectory()) return [path];
    } catch {
      // not there: try the next name
    }
  }
  return 'implicit-localhost';
}

/**
 * Reads every source (files, directories, `a,b,` host lists) into one inventory, in order, as several -i do.
 * A mistake throws an InputError naming file and line.
 */
export function loadInventorySync(sources: readonly string[], cwd = process.cwd(), keyring: Keyring = NO_VAULT): Inventory {
  try {
    return load(sources, cwd, keyring);
  } catch (err) {
    throw err instanceof InputError ? relativeTo(err, cwd) : err;
  }
}

/** Errors name files as the user would type them: relative to the working directory when inside it. */
function relativeTo(err: InputError, cwd: string): InputError {
  if (!err.loc || !isAbsolute(err.loc.file)) return err;
  const rel = relative(cwd, err.loc.file);
  if (rel.startsWith('..') || isAbsolute(rel)) return err;
  return new InputError(err.message, { loc: { ...err.loc, file: rel }, hint: err.hint, cause: err.cause });
}

function load(sources: readonly string[], cwd: string, keyring: Keyring): Inventory {
  const data = new InventoryData();
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
  };
  const resolved = sources.filter((s) => s).map((s) => (s.includes(',') ? s : unfrackPath(s, cwd)));
  for (const source of resolved) parseSource(data, source, warn, keyring);
  data.reconcile();
  const files = new VarsFiles(keyring);
  const vars = resolved
    .filter((s) => !isHostList(s))
    .map((s) => sourceVars(s, statSync(s).isDirectory(), files, warn));
  const inventory = new Inventory(data, vars, warnings);
  // read every host's group_vars/host_vars now, so a broken vars file is reported before any host is touched
  for (const h of inventory.hostNames()) inventory.hostVars(h);
  return inventory;
}

/**
 * The inventory with the group_vars/ and host_vars/ beside the playbook (its directory's), read now so a broken
 * vars file there is reported before any host is touched.
 */
export function withPlaybookDir(inventory: Inventory, playbookFile: string, keyring: Keyring = NO_VAULT): Inventory {
  const warnings: string[] = [];
  const beside = sourceVars(resolve(playbookFile), false, new VarsFiles(keyring), (m) => warnings.push(m));
  // nothing beside the playbook (the usual case): the inventory as it is, its hosts' variables not merged again
  if (!beside.groupVars.present && !beside.hostVars.present) {
    inventory.warnings.push(...warnings);
    return inventory;
  }
  const viewed = inventory.withPlaybookVars(beside);
  for (const h of viewed.hostNames()) viewed.hostVars(h);
  viewed.warnings.push(...warnings);
  return viewed;
}

/** loadInventorySync, also accepting resolveInventorySources' 'implicit-localhost'. */
export function loadInventory(sources: readonly string[] | 'implicit-localhost', cwd = process.cwd(), keyring: Keyring = NO_VAULT): Promise<Inventory> {
  return Promise.resolve().then(() => (sources === 'implicit-localhost' ? implicitLocalhostInventory() : loadInventorySync(sources, cwd, keyring)));
}

/**
 * No inventory at all: only Ansible's implicit localhost (a local connection), which a play reaches by naming it
 * (`hosts: localhost`) and which `all` does not match, as in Ansible: a playbook for `all` runs nowhere rather than
 * on the controller (DESIGN.md). Preparing this machine is explicit: `-i localhost, -c local`.
 */
export function implicitLocalhostInventory(): Inventory {
  const data = new InventoryData();
  data.reconcile();
  return new Inventory(data, [], [
    'No inventory was parsed, only implicit localhost is available',
    "provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'",
  ]);
}

// Inventory sources as Ansible walks them: files (YAML, then INI), directories (each entry, sorted), host lists.
import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { ownValue } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import { parseAddress } from './address.js';
import { loadData, readText } from './data-file.js';
import { parseIni } from './ini.js';
import { InventoryModelError, type InventoryData } from './model.js';
import { parseYamlInventory } from './yaml-inventory.js';
import type { Keyring } from '../vault/keyring.js';

// INVENTORY_IGNORE_EXTS and the names Ansible always skips inside a directory source (so `.ini` files there too)
const IGNORE_EXTS = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.ini', '.cfg', '.retry'];
const IGNORED_NAMES = /^\.|^host_vars$|^group_vars$|^vars_plugins$/;
const YAML_EXTS = ['.yaml', '.yml', '.json'];

export function ignoredInDirectory(name: string): boolean {
  return IGNORED_NAMES.test(name) || IGNORE_EXTS.some((e) => name.endsWith(e));
}

/** Ansible's unfrackpath: ~ and $VARS expanded, absolute, normalised (symlinks kept). */
export function unfrackPath(source: string, cwd: string): string {
  let p = source.replace(/^~(?=$|\/)/, homedir());
  p = p.replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string | undefined, b: string | undefined) => ownValue(process.env, a ?? b ?? '') ?? m);
  return resolve(cwd, p);
}

export function isHostList(source: string): boolean {
  return source.includes(',') && !exists(source);
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Ansible's host_list plugin: `-i 'web1,web2:2222,'`. */
function parseHostList(inv: InventoryData, list: string): void {
  for (const raw of list.split(',')) {
    const h = raw.trim();
    if (!h) continue;
    const parsed = parseAddress(h);
    // allow_ranges=False in this plugin: a range is taken as a literal name
    const name = parsed && !parsed.host.includes('[') ? parsed.host : h;
    const port = parsed && !parsed.host.includes('[') ? parsed.port : undefined;
    if (!inv.hosts.has(name)) inv.addHost(name, 'ungrouped', port);
  }
}

interface Attempt {
  /** how sure we are this parser was meant: a YAML mapping's own error beats an INI error on YAML text */
  readonly weight: number;
  readonly error: unknown;
}

/** For a file both parsers reject: was it meant as YAML? (a YAML extension, `---`, or a first line `key:`) */
function looksLikeYaml(text: string, ext: string): boolean {
  if (YAML_EXTS.includes(ext)) return true;
  const first = text.split('\n').find((l) => l.trim() && !/^\s*[#;]/.test(l)) ?? '';
  return /^---/.test(first) || /^[^\s[=]+:(\s|$)/.test(first);
}

/** One file, tried with each format Ansible would try, in Ansible's order; the first that parses wins. */
function parseFile(inv: InventoryData, path: string, warn: (m: string) => void, keyring: Keyring): void {
  const text = readText(path, keyring);
  const ext = extname(path);
  // Ansible would run a file with a shebang as a dynamic inventory script
  if (text.startsWith('#!')) {
    throw new InputError('inventory scripts are not supported: give kplay a static INI or YAML inventory', {
      loc: { file: path, line: 1, col: 1 },
    });
  }
  const attempts: Attempt[] = [];
  if (!ext || YAML_EXTS.includes(ext)) {
    let data: unknown;
    let loaded = false;
    try {
      data = loadData(text, path, keyring);
      loaded = true;
    } catch (err) {
      attempts.push({ weight: looksLikeYaml(text, ext) ? 3 : 0, error: err });
    }
    if (loaded) {
      const isMap = typeof data === 'object' && data !== null && !Array.isArray(data);
      if (isMap && (data as Record<string, unknown>)['plugin']) {
        throw new InputError(`inventory plugin configuration files are not supported (plugin: ${String((data as Record<string, unknown>)['plugin'])})`, {
          loc: { file: path, line: 1, col: 1 },
        });
      }
      if (isMap) {
        try {
          parseYamlInventory(inv, path, data as Record<string, unknown>, warn);
          return;
        } catch (err) {
          attempts.push({ weight: 2, error: err });
        }
      }
    }
  }
  try {
    parseIni(inv, path, text);
    return;
  } catch (err) {
    attempts.push({ weight: 1, error: err });
  }
  if (ext === '.toml') {
    throw new InputError('TOML inventories are not supported: use INI or YAML', { loc: { file: path, line: 1, col: 1 } });
  }
  const best = attempts.sort((a, b) => b.weight - a.weight)[0]?.error;
  throw best instanceof Error ? best : new InputError(`cannot parse ${path} as an inventory source`);
}

/** Parses one source (already unfracked) into `inv`. */
export function parseSource(inv: InventoryData, source: string, warn: (m: string) => void, keyring: Keyring): void {
  if (isHostList(source)) {
    inv.currentSource = source;
    parseHostList(inv, source);
    inv.currentSource = undefined;
    return;
  }
  let st;
  try {
    st = statSync(source);
  } catch {
    throw new InputError(`inventory source ${source} does not exist`, { hint: 'check the -i path' });
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(source).sort()) {
      if (ignoredInDirectory(name)) continue;
      parseSource(inv, join(source, name), warn, keyring);
    }
    return;
  }
  inv.currentSource = source;
  try {
    parseFile(inv, source, warn, keyring);
  } catch (err) {
    if (err instanceof InventoryModelError) {
      throw new InputError(err.message, { loc: { file: source, line: 1, col: 1 } });
    }
    throw err;
  } finally {
    inv.currentSource = undefined;
  }
}

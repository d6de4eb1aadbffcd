// group_vars/ and host_vars/ beside each inventory source, found and merged as Ansible's host_group_vars does.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dict } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import { loadData, readText } from './data-file.js';
import { PORT_VARIABLES, portValueProblem } from '../core/port-value.js';
import { keyLoc } from '../yaml/positions.js';
import type { Vars } from './model.js';
import type { Keyring } from '../vault/keyring.js';

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

/** Python's os.path.splitext(name)[1] for a base name. */
function extOf(name: string): string {
  const i = name.lastIndexOf('.');
  if (i <= 0 || /^\.+$/.test(name.slice(0, i))) return '';
  return name.slice(i);
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The vars files one inventory load reads, each parsed once, decrypted with the load's vault passwords. */
export class VarsFiles {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly keyring: Keyring) {}

  load(file: string): unknown {
    if (!this.cache.has(file)) this.cache.set(file, loadData(readText(file, this.keyring), file, this.keyring));
    return this.cache.get(file);
  }
}

/** Finds and loads vars files for one directory of `group_vars` or `host_vars`, with caches for big inventories. */
export class VarsDir {
  private readonly listing: Set<string> | undefined;
  private readonly found = new Map<string, Vars>();

  constructor(
    private readonly dir: string | undefined,
    private readonly varsFiles: VarsFiles,
  ) {
    this.listing = dir ? new Set(readdirSync(dir)) : undefined;
  }

  /** The directory exists (a missing one holds no variables). */
  get present(): boolean {
    return this.listing !== undefined;
  }

  /** Merged vars of the entity named `name` (a group or a host); {} when it has no files. */
  varsFor(name: string): Vars {
    const hit = this.found.get(name);
    if (hit) return hit;
    let data: Vars = dict();
    if (this.dir && this.listing && !name.startsWith('/')) {
      for (const file of this.files(name)) data = combine(data, this.load(file), file);
    }
    this.found.set(name, data);
    return data;
  }

  /** Ansible's find_vars_files: the first of NAME, NAME.yml, NAME.yaml, NAME.json that exists; a directory is read whole. */
  private files(name: string): string[] {
    for (const ext of EXTENSIONS) {
      const candidate = name + ext;
      // names with a slash cannot be in the listing; fall back to a stat for them
      if (!candidate.includes('/') && !this.listing!.has(candidate)) continue;
      const full = join(this.dir!, candidate);
      const st = statOf(full);
      if (!st) continue;
      return st.isDirectory() ? dirFiles(full) : [full];
    }
    return [];
  }

  private load(file: string): unknown {
    return this.varsFiles.load(file);
  }
}

function dirFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name.endsWith('~')) continue;
    const ext = extOf(name);
    const full = join(dir, name);
    const st = statOf(full);
    if (!st) continue;
    if (st.isDirectory() && !ext) out.push(...dirFiles(full));
    else if (st.isFile() && EXTENSIONS.includes(ext)) out.push(full);
  }
  return out;
}

/** combine_vars with hash_behaviour=replace; an empty file adds nothing; anything but a mapping is an error. */
function combine(into: Vars, data: unknown, file: string): Vars {
  if (data === null || data === undefined || data === '' || data === 0 || data === false) return into;
  if (Array.isArray(data) && data.length === 0) return into;
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`vars file must hold a mapping of variables, got a ${Array.isArray(data) ? 'list' : typeof data}`, {
      loc: { file, line: 1, col: 1 },
    });
  }
  for (const key of PORT_VARIABLES) {
    const problem = key in data ? portValueProblem((data as Vars)[key]) : undefined;
    if (problem !== undefined) throw new InputError(`${key}: ${problem}`, { loc: keyLoc(data, key) ?? { file, line: 1, col: 1 } });
  }
  return dict(into, data as Vars);
}

/** The group_vars/ and host_vars/ of one inventory source (the source itself if a directory, else its directory). */
export interface SourceVars {
  readonly groupVars: VarsDir;
  readonly hostVars: VarsDir;
}

export function sourceVars(source: string, isDir: boolean, files: VarsFiles, warn: (m: string) => void): SourceVars {
  const base = isDir ? source : dirname(source);
  const open = (sub: string): VarsDir => {
    let real: string | undefined;
    try {
      real = realpathSync(join(base, sub));
    } catch {
      return new VarsDir(undefined, files);
    }
    if (!statOf(real)?.isDirectory()) {
      warn(`Found ${sub} that is not a directory, skipping: ${real}`);
      return new VarsDir(undefined, files);
    }
    return new VarsDir(real, files);
  };
  return { groupVars: open('group_vars'), hostVars: open('host_vars') };
}

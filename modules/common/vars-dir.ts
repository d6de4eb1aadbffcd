// include_vars `dir:`: which files of a walked directory are loaded, in which order, as Ansible 2.14's include_vars
// action does (`_traverse_dir_depth`, `_load_files_in_dir`). Pure: the walk comes from the engine.
import { extname, join } from 'node:path';

export interface VarsDirOptions {
  /** how many of the walked directories, in sorted order, are read (0: all) */
  readonly depth: number;
  /** a regular expression a file name must contain */
  readonly filesMatching?: string | undefined;
  /** regular expressions: a file name ending in a match is left out */
  readonly ignoreFiles: readonly string[];
  /** the extensions (without the dot) a file may have */
  readonly extensions: readonly string[];
  /** leave out files of other extensions instead of failing */
  readonly ignoreUnknownExtensions: boolean;
}

export const DEFAULT_EXTENSIONS: readonly string[] = ['yaml', 'yml', 'json'];

/** Python sorts strings by code point (JS's default sort by UTF-16 unit agrees outside the astral planes). */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function regex(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern);
  } catch {
    return `Invalid regular expression: ${pattern}`;
  }
}

/**
 * The files to load, in order (later ones win), or why the task fails. Ansible's `depth` counts the walked
 * directories in sorted path order, not levels: depth 1 is the directory itself, depth 2 adds the first
 * subdirectory in that order.
 */
export function selectVarsFiles(dirs: readonly { path: string; files: readonly string[] }[], o: VarsDirOptions): { files: string[] } | { error: string } {
  const matcher = o.filesMatching === undefined ? undefined : regex(o.filesMatching);
  if (typeof matcher === 'string') return { error: matcher };
  const ignored: RegExp[] = [];
  for (const p of o.ignoreFiles) {
    const r = regex(`${p}$`);
    if (typeof r === 'string') return { error: `Invalid regular expression: ${p}` };
    ignored.push(r);
  }
  const sorted = [...dirs].sort((a, b) => byCodePoint(a.path, b.path));
  const taken = o.depth === 0 ? sorted : sorted.slice(0, o.depth);
  const files: string[] = [];
  for (const d of taken) {
    for (const name of [...d.files].sort(byCodePoint)) {
      if (matcher !== undefined && !matcher.test(name)) continue;
      if (ignored.some((r) => r.test(name))) continue;
      const path = join(d.path, name);
      // os.path.splitext: a leading dot starts no extension (".hidden" has none)
      const ext = extname(name).slice(1);
      if (!o.extensions.includes(ext)) {
        if (o.ignoreUnknownExtensions) continue;
        return { error: `${path} does not have a valid extension: ${o.extensions.join(', ')}` };
      }
      files.push(path);
    }
  }
  return { files };
}

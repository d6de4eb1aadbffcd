// community.general.filetree (routed from `filetree`): every directory, file and symlink under the given trees, with
// its properties, the first tree that has a relative path winning. Symlinks are listed, never followed (os.walk's
// default), so a link loop ends the walk as in Ansible; a path that is not there yields nothing.
import { existsSync, lstatSync, opendirSync, readFileSync, readlinkSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { normalize, resolve } from 'node:path';
import { newDict, pyStr, type Dict } from '../template/values.js';
import { termList, type LookupContext, type LookupPlugin } from './lookup-plugin.js';

/** The names in /etc/passwd or /etc/group by id (pwd.getpwuid / grp.getgrgid for local accounts). */
function idNames(file: string): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id))) names.set(Number(id), name);
    }
  } catch {
    // no such file: ids stay numbers, as Python's KeyError branch leaves them
  }
  return names;
}

/** Python's os.path.join: a part that is absolute restarts the path; an empty last part leaves a trailing '/'. */
function pyJoin(...parts: string[]): string {
  return parts.reduce((acc, p) => (p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : `${acc}/${p}`), '');
}

/** os.path.split: (head, tail) at the last '/', the head without its trailing slashes unless it is all slashes. */
function pySplit(p: string): [string, string] {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return [/^\/+$/.test(head) ? head : head.replace(/\/+$/, ''), p.slice(i)];
}

const unfrack = (p: string): string => normalize(resolve(p.startsWith('~') ? homedir() + p.slice(1) : p));

/** DataLoader.path_dwim_relative(basedir, 'files', source): the first candidate that exists, else the last one. */
function dwimRelative(basedir: string, loaderBase: string, source: string): string {
  if (source.startsWith('/') || source.startsWith('~')) return unfrack(source);
  const isRole = ['tasks/main.yml', 'tasks/main.yaml', 'tasks/main', 'meta/main.yml', 'meta/main.yaml', 'meta/main'].some((f) => existsSync(pyJoin(basedir, f)));
  const search = [pyJoin(basedir, 'files', source), unfrack(pyJoin(basedir, 'files', source))];
  if (isRole && !source.endsWith('files')) search.push(unfrack(pyJoin(basedir, 'tasks', source)));
  search.push(unfrack(pyJoin('files', source)), unfrack(pyJoin(basedir, source)), unfrack(pyJoin(loaderBase, 'files', source)), unfrack(pyJoin(loaderBase, source)));
  return search.find((c) => existsSync(c)) ?? search[search.length - 1] ?? source;
}

/** Python's float st_mtime / st_ctime: seconds plus nanoseconds * 1e-9 */
const seconds = (ns: bigint): number => Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) * 1e-9;

interface Ids {
  readonly users: Map<number, string>;
  readonly groups: Map<number, string>;
}

/** file_props(root, path): the entry's properties, or undefined for what it cannot stat or does not list. */
function fileProps(root: string, path: string, ids: Ids): Dict | undefined {
  const abspath = pyJoin(root, path);
  let st: BigIntStats;
  try {
    st = lstatSync(abspath, { bigint: true });
  } catch {
    return undefined;
  }
  const ret = newDict([['root', root], ['path', path]]);
  if (st.isSymbolicLink()) Object.assign(ret, { state: 'link', src: readlinkSync(abspath) });
  else if (st.isDirectory()) ret.state = 'directory';
  else if (st.isFile()) Object.assign(ret, { state: 'file', src: abspath });
  else return undefined;
  const uid = Number(st.uid);
  const gid = Number(st.gid);
  Object.assign(ret, {
    uid, gid,
    owner: ids.users.get(uid) ?? uid,
    group: ids.groups.get(gid) ?? gid,
    mode: `0${(Number(st.mode) & 0o7777).toString(8).padStart(3, '0')}`,
    size: Number(st.size),
    mtime: seconds(st.mtimeNs),
    ctime: seconds(st.ctimeNs),
  });
  return ret;
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return true;
  }
}

/** A directory's entries in the order the filesystem lists them (os.scandir's order, which Ansible keeps); none if unreadable. */
function entries(dir: string): Dirent[] {
  const out: Dirent[] = [];
  try {
    const d = opendirSync(dir);
    try {
      for (let e = d.readSync(); e !== null; e = d.readSync()) out.push(e);
    } finally {
      d.closeSync();
    }
  } catch {
    // os.walk skips a directory it cannot read
  }
  return out;
}

/** DirEntry.is_dir(): a directory, or a symlink to one */
function isDirEntry(e: Dirent, dir: string): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  try {
    return statSync(pyJoin(dir, e.name)).isDirectory();
  } catch {
    return false;
  }
}

/** os.walk(top) from the top down, not following links: each directory's subdirectories then files, as relative paths. */
function walk(top: string, visit: (rel: string) => void): void {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const rel = pending.shift() ?? '';
    const dir = rel === '' ? top : pyJoin(top, rel);
    const dirs: string[] = [];
    const files: string[] = [];
    for (const entry of entries(dir)) (isDirEntry(entry, dir) ? dirs : files).push(entry.name);
    for (const name of [...dirs, ...files]) visit(rel === '' ? name : `${rel}/${name}`);
    // os.walk descends into the subdirectories in order, depth first; a symlink to a directory is listed, not entered
    const below = dirs.map((d) => (rel === '' ? d : `${rel}/${d}`)).filter((d) => !isLink(pyJoin(top, d)));
    pending.unshift(...below);
  }
}

const filetree: LookupPlugin = (terms, _kw, ctx: LookupContext) => {
  const rolePath = ctx.vars.role_path;
  const basedir = resolve(typeof rolePath === 'string' ? rolePath : ctx.place.playbookDir);
  const ret: Dict[] = [];
  const seen = new Set<string>();
  const ids: Ids = { users: idNames('/etc/passwd'), groups: idNames('/etc/group') };
  for (const term of termList(terms).map(pyStr)) {
    const [head, tail] = pySplit(term);
    const path = pyJoin(dwimRelative(basedir, resolve(ctx.place.playbookDir), head), tail);
    walk(path, (rel) => {
      if (seen.has(rel)) return;
      const props = fileProps(path, rel, ids);
      if (props === undefined) return;
      seen.add(rel);
      ret.push(props);
    });
  }
  return ret;
};

export const FILETREE_LOOKUPS = { filetree } as const satisfies Record<string, LookupPlugin>;

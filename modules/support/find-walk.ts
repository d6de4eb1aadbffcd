// What ansible.builtin.find does with a directory tree, as a pure function over what the host's find(1) listed:
// os.walk's order (a directory's files, then its directories, then into each), its filters (patterns by fnmatch or
// Python regex on the base name, excludes, age, size, hidden, depth) and its stat dicts.
import { compilePython } from '../../engine/core/python-regex.js';

/** One entry find(1) printed: its path and lstat fields. */
export interface Entry {
  readonly path: string;
  /** find's %y: f d l c b p s */
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly user: string;
  readonly group: string;
  readonly size: number;
  readonly inode: number;
  readonly dev: number;
  readonly nlink: number;
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
}

/** The record each entry is printed as: fields separated by '|', the path last (it may hold '|'), NUL-terminated. */
export const FIND_FORMAT = '%y|%m|%U|%G|%u|%g|%s|%i|%D|%n|%A@|%T@|%C@|%p\\0';

export function parseEntries(text: string): Entry[] {
  return text
    .split('\0')
    .filter((r) => r !== '')
    .flatMap((r) => {
      const f = r.split('|');
      if (f.length < 14) return [];
      const [type = '', mode = '', uid = '', gid = '', user = '', group = '', size = '', inode = '', dev = '', nlink = '', atime = '', mtime = '', ctime = ''] = f;
      return [{ path: f.slice(13).join('|'), type, mode: Number.parseInt(mode, 8), uid: Number(uid), gid: Number(gid), user, group, size: Number(size), inode: Number(inode), dev: Number(dev), nlink: Number(nlink), atime: Number(atime), mtime: Number(mtime), ctime: Number(ctime) }];
    });
}

/** Python's fnmatch.fnmatch (POSIX: case-sensitive), as a regular expression. */
export function fnmatchRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + (pattern[i + 1] === '!' ? 2 : 1) + (pattern[i + (pattern[i + 1] === '!' ? 2 : 1)] === ']' ? 1 : 0));
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        else if (body.startsWith('^')) body = `\\${body}`;
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

export interface FindFilter {
  readonly patterns: readonly string[];
  readonly excludes: readonly string[];
  readonly useRegex: boolean;
  readonly fileType: 'any' | 'directory' | 'file' | 'link';
  readonly hidden: boolean;
  readonly depth?: number | undefined;
  readonly recurse: boolean;
  readonly follow: boolean;
  /** seconds: >= 0 older than, < 0 newer than (Ansible's age) */
  readonly age?: number | undefined;
  readonly ageStamp: 'atime' | 'ctime' | 'mtime';
  /** bytes: >= 0 at least, < 0 at most */
  readonly size?: number | undefined;
}

/** Python's re.match: the pattern anchored at the start only. */
function reMatch(pattern: string): RegExp {
  const re = compilePython(pattern);
  return new RegExp(`^(?:${re.source})`, re.flags.replace(/[gy]/g, ''));
}

/** Ansible's pfilter on a base name. */
function patternFilter(name: string, f: FindFilter): boolean {
  const matches = (p: string): boolean => (f.useRegex ? reMatch(p).test(name) : fnmatchRegex(p).test(name));
  for (const p of f.patterns) {
    if (!matches(p)) continue;
    return !f.excludes.some(matches);
  }
  return false;
}

function ageFilter(e: Entry, now: number, f: FindFilter): boolean {
  if (f.age === undefined) return true;
  const t = f.ageStamp === 'atime' ? e.atime : f.ageStamp === 'ctime' ? e.ctime : e.mtime;
  return f.age >= 0 ? now - t >= Math.abs(f.age) : now - t <= Math.abs(f.age);
}

function sizeFilter(e: Entry, f: FindFilter): boolean {
  if (f.size === undefined) return true;
  return f.size >= 0 ? e.size >= Math.abs(f.size) : e.size <= Math.abs(f.size);
}

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const parentOf = (p: string): string => p.slice(0, p.lastIndexOf('/'));

/** The walk of one top directory: the entries matched in os.walk's order, and how many it looked at. */
export function walk(top: string, entries: readonly Entry[], f: FindFilter, now: number, contentOk: (path: string) => boolean): { matched: Entry[]; looked: number } {
  const children = new Map<string, Entry[]>();
  for (const e of entries) {
    const parent = parentOf(e.path);
    const list = children.get(parent) ?? [];
    list.push(e);
    children.set(parent, list);
  }
  const root = top.length > 1 ? top.replace(/\/+$/, '') : top;
  const topDepth = root.split('/').length;
  const matched: Entry[] = [];
  let looked = 0;
  const visit = (dir: string): void => {
    const here = children.get(dir) ?? [];
    // os.walk: a directory (or a link to one, which it lists but only follows with follow) among `dirs`
    const isDirEntry = (e: Entry): boolean => e.type === 'd' || (e.type === 'l' && children.has(e.path));
    const dirs = here.filter(isDirEntry);
    const files = here.filter((e) => !isDirEntry(e));
    looked += here.length;
    const descend: Entry[] = [];
    for (const e of [...files, ...dirs]) {
      const depth = e.path.split('/').length - topDepth;
      if (f.depth !== undefined && f.depth > 0 && depth > f.depth) continue;
      if (isDirEntry(e)) descend.push(e);
      if (basename(e.path).startsWith('.') && !f.hidden) continue;
      if (!patternFilter(basename(e.path), f) || !ageFilter(e, now, f)) continue;
      const reg = e.type === 'f';
      if (f.fileType === 'any' ? !reg || sizeFilter(e, f) : f.fileType === 'directory' ? e.type === 'd' : f.fileType === 'link' ? e.type === 'l' : reg && sizeFilter(e, f) && contentOk(e.path)) {
        matched.push(e);
      }
    }
    if (!f.recurse) return;
    for (const d of descend) if (d.type === 'd' || f.follow) visit(d.path);
  };
  visit(root);
  return { matched, looked };
}

/** Ansible's statinfo dict for an entry (with its path first). */
export function statDict(e: Entry): Record<string, unknown> {
  const m = e.mode;
  return {
    path: e.path,
    mode: (m & 0o7777).toString(8).padStart(4, '0'),
    isdir: e.type === 'd',
    ischr: e.type === 'c',
    isblk: e.type === 'b',
    isreg: e.type === 'f',
    isfifo: e.type === 'p',
    islnk: e.type === 'l',
    issock: e.type === 's',
    uid: e.uid,
    gid: e.gid,
    size: e.size,
    inode: e.inode,
    dev: e.dev,
    nlink: e.nlink,
    atime: e.atime,
    mtime: e.mtime,
    ctime: e.ctime,
    gr_name: e.group,
    pw_name: e.user,
    wusr: (m & 0o200) !== 0,
    rusr: (m & 0o400) !== 0,
    xusr: (m & 0o100) !== 0,
    wgrp: (m & 0o020) !== 0,
    rgrp: (m & 0o040) !== 0,
    xgrp: (m & 0o010) !== 0,
    woth: (m & 0o002) !== 0,
    roth: (m & 0o004) !== 0,
    xoth: (m & 0o001) !== 0,
    isuid: (m & 0o4000) !== 0,
    isgid: (m & 0o2000) !== 0,
  };
}

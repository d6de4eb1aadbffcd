// The parsers behind the stat module: stat(1), access tests, link, checksum, file(1) and lsattr outputs to Ansible's stat dict.
import type { ProbeOutput } from '../contract.js';

/** stat(1) format: raw mode (hex), ids and names, size, inode, dev, links, times (ns), blocks, I/O block, rdev major:minor (hex) */
export const STAT_FORMAT = '%f|%u|%g|%U|%G|%s|%i|%d|%h|%.9X|%.9Y|%.9Z|%b|%o|%t:%T';

const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents', E: 'encrypted',
  h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline', s: 'zero', S: 'synchronous', t: 'notail',
  T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

const S_IFMT = 0o170000;
const TYPES = { isdir: 0o040000, ischr: 0o020000, isblk: 0o060000, isreg: 0o100000, isfifo: 0o010000, islnk: 0o120000, issock: 0o140000 } as const;
const PERMS = { wusr: 0o200, rusr: 0o400, xusr: 0o100, wgrp: 0o020, rgrp: 0o040, xgrp: 0o010, woth: 0o002, roth: 0o004, xoth: 0o001, isuid: 0o4000, isgid: 0o2000 } as const;

/** Linux's makedev(major, minor), as Python's st_rdev holds it. */
function makedev(major: number, minor: number): number {
  return (minor & 0xff) + (major & 0xfff) * 256 + Math.floor(minor / 256) * 1048576 + Math.floor(major / 4096) * 2 ** 32;
}

/** The stat(1) line as Ansible's format_output gives it; undefined when the line is not stat's. */
export function parseStatLine(path: string, line: string): Record<string, unknown> | undefined {
  const f = line.split('|');
  if (f.length !== 15) return undefined;
  const [rawMode = '', uid, gid, user = '', group = '', size, inode, dev, nlink, atime, mtime, ctime, blocks, blksize, rdev = '0:0'] = f;
  const mode = Number.parseInt(rawMode, 16);
  if (Number.isNaN(mode)) return undefined;
  const out: Record<string, unknown> = { exists: true, path, mode: (mode & 0o7777).toString(8).padStart(4, '0') };
  for (const [name, bits] of Object.entries(TYPES)) out[name] = (mode & S_IFMT) === bits;
  Object.assign(out, {
    uid: Number(uid), gid: Number(gid), size: Number(size), inode: Number(inode), dev: Number(dev), nlink: Number(nlink),
    atime: Number(atime), mtime: Number(mtime), ctime: Number(ctime),
  });
  for (const [name, bits] of Object.entries(PERMS)) out[name] = (mode & bits) !== 0;
  const [major = '0', minor = '0'] = rdev.split(':');
  Object.assign(out, { blocks: Number(blocks), block_size: Number(blksize), device_type: makedev(Number.parseInt(major, 16), Number.parseInt(minor, 16)) });
  // stat prints UNKNOWN for an id with no name; Ansible then leaves pw_name / gr_name out
  if (user !== 'UNKNOWN') out.pw_name = user;
  if (group !== 'UNKNOWN') out.gr_name = group;
  return out;
}

/** `rwx` letters printed by the shell's tests (os.access for the task's user, through links). */
export function parseAccess(out: ProbeOutput | undefined): Record<string, boolean> {
  const s = out?.stdout ?? '';
  return { readable: s.includes('r'), writeable: s.includes('w'), executable: s.includes('x') };
}

/** readlink's target line, then `readlink -m`'s resolved path (os.path.realpath, which accepts a dangling link). */
export function parseLink(out: ProbeOutput | undefined): Record<string, string> {
  const [target = '', source = ''] = (out?.stdout ?? '').split('\n');
  return { lnk_source: source, lnk_target: target };
}

/** The digest of `sha1sum -- PATH` (a name with a backslash or newline makes sha*sum prefix a '\'). */
export function parseChecksum(out: ProbeOutput | undefined): string | undefined {
  if (!out || out.code !== 0) return undefined;
  const m = /^\\?([0-9a-f]+) /.exec(out.stdout);
  return m?.[1];
}

/** `file --mime-type --mime-encoding` output, split as Ansible splits it; unknown when file(1) is absent or failed. */
export function parseMime(out: ProbeOutput | undefined): { mimetype: string; charset: string } {
  const unknown = { mimetype: 'unknown', charset: 'unknown' };
  if (!out || out.code !== 0) return unknown;
  const line = out.stdout.replace(/\n$/, '');
  const tail = line.slice(line.lastIndexOf(':') + 1).split(';');
  if (tail.length !== 2) return unknown;
  const charset = (tail[1] ?? '').split('=')[1];
  return { mimetype: (tail[0] ?? '').trim(), charset: (charset ?? '').trim() };
}

/** `lsattr -vd` output: version, the flags without dashes and their names; None / [] / '' when lsattr failed. */
export function parseAttributes(out: ProbeOutput | undefined): { version: string | null; attributes: string[]; attr_flags: string } {
  const fields = out && out.code === 0 ? out.stdout.trim().split(/\s+/) : [];
  if (fields.length < 2) return { version: null, attributes: [], attr_flags: '' };
  const flags = (fields[1] ?? '').replace(/-/g, '');
  return { version: fields[0] ?? null, attr_flags: flags, attributes: [...flags].map((c) => ATTRIBUTE_NAMES[c]).filter((n): n is string => n !== undefined) };
}

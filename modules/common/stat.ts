// One stat(1) probe and its parser: the type, permissions, owner and identity of a path on the host.
import { sh } from '../../engine/core/quote.js';
import type { ProbeOutput } from '../contract.js';

export type FileType = 'file' | 'directory' | 'link' | 'other';

export interface StatInfo {
  readonly type: FileType;
  /** permission bits including setuid/setgid/sticky (0o7777) */
  readonly mode: number;
  readonly owner: string;
  readonly group: string;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** device:inode, to tell whether two paths are hard links of one file */
  readonly inode: string;
  /** the number of hard links (absent where only the type was read) */
  readonly nlink?: number | undefined;
  /** the SELinux context, read only where SELinux runs and it was asked for */
  readonly secontext?: string | undefined;
}

// '|' separates fields: %F has spaces ("regular file") and none of these fields can hold a '|' in practice.
const FORMAT = '%F|%a|%U|%G|%u|%g|%s|%d:%i|%h';

/**
 * stat the path itself (a symlink is reported as a link), or with `follow` what it points to. A path that does
 * not exist is told by the shell's own `test` (no process started), and reads as a failed stat. With `context`,
 * where SELinux runs the line ends with the path's context too (the format is chosen on the host, by a builtin test).
 */
export function statCommand(path: string, follow = false, context = false): string {
  return `${existsTest(path, follow)} && ${statOnly(path, follow, context)}`;
}

/** The shell's own test that the path exists (followed), or that it or the symlink at it does. */
function existsTest(path: string, follow: boolean): string {
  return follow ? sh`test -e ${path}` : sh`{ test -e ${path} || test -h ${path}; }`;
}

/** stat(1) of a path known to exist: the line statCommand prints. */
export function statOnly(path: string, follow: boolean, context: boolean): string {
  const stat = follow ? 'stat -L' : 'stat';
  if (!context) return `${stat} ${sh`-c ${FORMAT} -- ${path}`}`;
  // stat prints the line with a context of '?' and fails when the path has none: the line stands
  return `{ ${sh`f=${FORMAT}`}; [ -e /sys/fs/selinux/enforce ] && f="$f|%C"; ${stat} ${sh`-c "$f" -- ${path}`} 2>/dev/null || ${existsTest(path, follow)}; }`;
}

/**
 * Only the type of a path, by the shell's own `test` (no process started), printed as statCommand prints it
 * with the other fields zero: enough for a plan that wants no mode, owner, group or inode.
 */
export function typeCommand(path: string, follow = false): string {
  const line = (kind: string): string => `printf '%s\\n' '${kind}|0|||0|0|0|'`;
  const link = follow ? '' : `if ${sh`test -h ${path}`}; then ${line('symbolic link')}; el`;
  return `${link}if ${sh`test -d ${path}`}; then ${line('directory')}; elif ${sh`test -f ${path}`}; then ${line('regular file')}; elif ${sh`test -e ${path}`}; then ${line('other')}; else false; fi`;
}

/** Whether a path is a directory (through symlinks), by the shell's own `test`: no process is started. */
export function directoryTestCommand(path: string): string {
  return `${sh`test -d ${path}`} && echo directory`;
}

export function isDirectory(out: ProbeOutput | undefined): boolean {
  return out?.code === 0;
}

/** undefined when the path does not exist (or stat failed). */
export function parseStat(out: ProbeOutput | undefined): StatInfo | undefined {
  if (!out || out.code !== 0) return undefined;
  const line = out.stdout.split('\n')[0] ?? '';
  const [kind = '', mode = '', owner = '', group = '', uid = '', gid = '', size = '', inode = '', nlink = '', ...context] = line.split('|');
  const parsedMode = Number.parseInt(mode, 8);
  if (Number.isNaN(parsedMode)) return undefined;
  return {
    type: kind.startsWith('regular') ? 'file' : kind === 'directory' ? 'directory' : kind === 'symbolic link' ? 'link' : 'other',
    mode: parsedMode,
    owner,
    group,
    uid: Number(uid),
    gid: Number(gid),
    size: Number(size),
    inode,
    ...(nlink === '' ? {} : { nlink: Number(nlink) }),
    ...(context.length > 0 && context.join('|') !== '?' ? { secontext: context.join('|') } : {}),
  };
}

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
}

// '|' separates fields: %F has spaces ("regular file") and none of these fields can hold a '|' in practice.
const FORMAT = '%F|%a|%U|%G|%u|%g|%s|%d:%i';

/** stat the path itself (a symlink is reported as a link), or with `follow` what it points to. */
export function statCommand(path: string, follow = false): string {
  return follow ? sh`stat -L -c ${FORMAT} -- ${path}` : sh`stat -c ${FORMAT} -- ${path}`;
}

/** undefined when the path does not exist (or stat failed). */
export function parseStat(out: ProbeOutput | undefined): StatInfo | undefined {
  if (!out || out.code !== 0) return undefined;
  const line = out.stdout.split('\n')[0] ?? '';
  const [kind = '', mode = '', owner = '', group = '', uid = '', gid = '', size = '', inode = ''] = line.split('|');
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
  };
}

// What Ansible adds to the result of a module that names a path (path, else dest): the path's owner, group, mode,
// state and size as AnsibleModule.add_path_info reads them, only when the path exists (through a symlink).
import { sh } from '../../engine/core/quote.js';
import type { ResultData, StepOutput } from '../contract.js';
import { parseStat, statOnly, type StatInfo } from './stat.js';

/** The keys, from the path's own stat (a symlink's, not its target's); `stat` must be the unfollowed one. */
export function pathInfo(stat: StatInfo): ResultData {
  return {
    uid: stat.uid,
    gid: stat.gid,
    // stat(1) prints UNKNOWN for an id without a name: Ansible gives the number as text
    owner: stat.owner === 'UNKNOWN' ? String(stat.uid) : stat.owner,
    group: stat.group === 'UNKNOWN' ? String(stat.gid) : stat.group,
    mode: `0${(stat.mode & 0o7777).toString(8).padStart(3, '0')}`,
    state: pathState(stat),
    ...(stat.secontext !== undefined ? { secontext: stat.secontext } : {}),
    size: stat.size,
  };
}

/** link before directory, as islink then isdir; a file with other names is `hard`. */
function pathState(stat: StatInfo): string {
  if (stat.type === 'link') return 'link';
  if (stat.type === 'directory') return 'directory';
  return (stat.nlink ?? 1) > 1 ? 'hard' : 'file';
}

/**
 * The keys of a path as the probes saw it: `own` its unfollowed stat, `exists` whether it exists through a symlink
 * (a link to nothing gets none, as os.path.exists says false); none for a missing path.
 */
export function probedPathInfo(own: StatInfo | undefined, exists: boolean): ResultData {
  return own !== undefined && exists ? pathInfo(own) : {};
}

const MARK = 'path_info=';

/**
 * A command that prints the path's stat line after the steps, for finish to read with `resultPathInfo`; prints
 * nothing for a path that does not exist (through a symlink), and succeeds either way.
 */
export function pathInfoCommand(path: string): string {
  return `if ${sh`test -e ${path}`}; then printf %s ${MARK}; ${statOnly(path, false, true)}; fi`;
}

/** The path's keys from the last line pathInfoCommand printed in the outputs; none when it printed none. */
export function resultPathInfo(outputs: readonly StepOutput[]): ResultData {
  const line = outputs
    .flatMap((o) => o.stdout.split('\n'))
    .filter((l) => l.startsWith(MARK))
    .at(-1);
  const stat = line === undefined ? undefined : parseStat({ stdout: line.slice(MARK.length), stderr: '', code: 0 });
  return stat === undefined ? {} : pathInfo(stat);
}

// What the file module registers, as Ansible's: the path under the key its state returns it by (path for file,
// directory and absent; dest, and src for links, for touch, link and hard) and the path's owner, group, mode, state
// and size where it exists, read after the steps (one more line in their channel) or, for ok and check mode, from
// the probes.
import type { Finish, Plan, ResultData, StepOutput } from '../contract.js';
import { pathInfo, pathInfoCommand, probedPathInfo, resultPathInfo } from './path-info.js';
import type { StatInfo } from './stat.js';

export type FileState = 'absent' | 'directory' | 'file' | 'hard' | 'link' | 'touch';

/** What the probes saw of the path, and how the task treats it. */
export interface FileSeen {
  readonly path: string;
  readonly state: FileState;
  /** the path's own stat (a symlink is a link) */
  readonly current: StatInfo | undefined;
  /** what a symlink at path points to, followed (undefined: nothing, or path is no symlink) */
  readonly linked: StatInfo | undefined;
  /** where a symlink at path leads, fully resolved (readlink -f) */
  readonly real: string | undefined;
  readonly follow: boolean;
  readonly src: string | undefined;
}

/** `plan` with the result's keys; a change also reads the path's attributes after its steps. */
export function fileResult(plan: Plan, seen: FileSeen, check: boolean): Plan {
  if (plan.kind !== 'ok' && plan.kind !== 'change') return plan;
  const { path, state, current } = seen;
  // Ansible's os.path.exists follows a symlink: a link to nothing gets no attributes
  const now = probedPathInfo(current, current !== undefined && (current.type !== 'link' || seen.linked !== undefined));
  if (state === 'absent') return { ...plan, data: { path, state: 'absent', ...(check && plan.kind === 'change' ? now : {}) } };
  const throughLink = (state === 'file' || state === 'directory') && seen.follow && current?.type === 'link';
  // file and directory act on a symlink's target and name it by its real path, as Ansible's realpath
  const reported = throughLink ? (seen.real ?? path) : path;
  const keys: ResultData = state === 'file' || state === 'directory' ? { path: reported } : state === 'touch' ? { dest: path } : { dest: path, src: seen.src };
  const data = { ...keys, ...(throughLink ? (seen.linked ? pathInfo(seen.linked) : {}) : now) };
  if (plan.kind === 'ok' || check) return { ...plan, data };
  return { ...plan, data, steps: [...plan.steps, { cmd: pathInfoCommand(reported), describe: `read the attributes of ${reported}` }] };
}

/** After the steps: the path's attributes as the last step read them. */
export function finishFile(outputs: readonly StepOutput[]): Finish {
  return { data: resultPathInfo(outputs) };
}

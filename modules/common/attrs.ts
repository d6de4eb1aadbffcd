// Mode, owner and group of one path: compare exactly with what stat saw and plan chmod/chown only for what differs.
import { sh } from '../../engine/core/quote.js';
import type { Step } from '../contract.js';
import { chmodArg, formatMode, parseMode, wantedBits } from './mode.js';
import type { StatInfo } from './stat.js';

export interface WantedAttrs {
  readonly mode?: string | number | undefined;
  readonly owner?: string | undefined;
  readonly group?: string | undefined;
}

export interface AttrPlan {
  readonly steps: readonly Step[];
  /** "mode 0644 -> 0600", "owner root -> app" */
  readonly changes: readonly string[];
}

/** A bad mode is the user's mistake: reported as a message, before any step. */
export function checkMode(mode: string | number | undefined): string | undefined {
  if (mode === undefined) return undefined;
  const spec = parseMode(mode);
  return typeof spec === 'string' ? spec : undefined;
}

/**
 * Steps that bring `path` to the wanted attributes. `current` undefined means the path is about to be created:
 * every wanted attribute is applied. `noDeref` acts on a symlink itself (chown -h), and skips mode (Linux has none).
 */
export function planAttrs(path: string, want: WantedAttrs, current: StatInfo | undefined, opts: { isDir: boolean; noDeref?: boolean } = { isDir: false }): AttrPlan {
  const steps: Step[] = [];
  const changes: string[] = [];
  const owner = want.owner !== undefined && want.owner !== '' && (!current || !sameId(want.owner, current.owner, current.uid)) ? want.owner : undefined;
  const group = want.group !== undefined && want.group !== '' && (!current || !sameId(want.group, current.group, current.gid)) ? want.group : undefined;
  if (owner !== undefined || group !== undefined) {
    const spec = `${owner ?? ''}${group !== undefined ? `:${group}` : ''}`;
    const flag = opts.noDeref ? '-h ' : '';
    steps.push({ cmd: `chown ${flag}${sh`-- ${spec} ${path}`}`, describe: `set owner/group of ${path} to ${spec}` });
    if (owner !== undefined) changes.push(current ? `owner ${current.owner} -> ${owner}` : `owner ${owner}`);
    if (group !== undefined) changes.push(current ? `group ${current.group} -> ${group}` : `group ${group}`);
  }
  if (want.mode !== undefined && !opts.noDeref) {
    const spec = parseMode(want.mode);
    if (typeof spec !== 'string') {
      const wanted = wantedBits(spec, current?.mode, opts.isDir);
      if (!current || wanted === undefined || wanted !== current.mode) {
        const arg = chmodArg(spec, wanted);
        steps.push({ cmd: sh`chmod -- ${arg} ${path}`, describe: `set mode of ${path} to ${arg}` });
        changes.push(current ? `mode ${formatMode(current.mode)} -> ${arg}` : `mode ${arg}`);
      }
    }
  }
  return { steps, changes };
}

/** A numeric owner compares with the uid, a name with the name. */
function sameId(wanted: string, name: string, id: number): boolean {
  return /^\d+$/.test(wanted) ? Number(wanted) === id : wanted === name;
}

// `systemctl show UNIT -p ...`: the probe command and a parser of its Key=Value lines.
import { dict } from '../../engine/core/dict.js';
import { sh } from '../../engine/core/quote.js';

const UNIT_PROPERTIES = ['Id', 'LoadState', 'LoadError', 'ActiveState', 'SubState', 'UnitFileState', 'NeedDaemonReload', 'CanReload'] as const;
export type UnitProperty = (typeof UNIT_PROPERTIES)[number];

export interface UnitStatus {
  /** loaded, not-found, masked, bad-setting, error, merged, stub */
  readonly loadState: string;
  readonly loadError: string;
  /** active, reloading, inactive, failed, activating, deactivating */
  readonly activeState: string;
  readonly subState: string;
  /** enabled, enabled-runtime, linked, linked-runtime, alias, masked, masked-runtime, static, indirect, disabled, generated, transient, '' */
  readonly unitFileState: string;
  readonly needDaemonReload: boolean;
  readonly canReload: boolean;
}

/** systemd names a unit without a suffix NAME.service, as `systemctl` does. */
export function unitName(name: string): string {
  return /\.(service|socket|target|timer|mount|automount|swap|path|slice|scope|device)$/.test(name) ? name : `${name}.service`;
}

/** `systemctl` may come with the options a task chose (`systemctl --user`), already quoted. */
export function showCommand(name: string, systemctl = 'systemctl'): string {
  return `${systemctl} ${sh`show -p ${UNIT_PROPERTIES.join(',')} -- ${unitName(name)}`}`;
}

/** Key=Value lines in any order (systemctl prints them in its own order, not the -p order), by property name. */
export function parseProperties(stdout: string): Record<string, string> {
  const v: Record<string, string> = dict();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) v[line.slice(0, eq)] = line.slice(eq + 1).trim();
  }
  return v;
}

export function parseShow(stdout: string): UnitStatus {
  const v = parseProperties(stdout);
  return {
    loadState: v.LoadState ?? '',
    loadError: v.LoadError ?? '',
    activeState: v.ActiveState ?? '',
    subState: v.SubState ?? '',
    unitFileState: v.UnitFileState ?? '',
    needDaemonReload: v.NeedDaemonReload === 'yes',
    canReload: v.CanReload === 'yes',
  };
}

// From a unit's `systemctl show` state to the systemctl commands that bring it to what a task wants (mask, enable,
// start...): what the service and systemd modules share. A message instead of a plan when the request cannot apply.
import { sh } from '../../engine/core/quote.js';
import type { Step } from '../contract.js';
import type { UnitStatus } from './systemctl-show.js';

/** Unit file states for which `systemctl enable/disable` do not apply (systemctl is-enabled calls them enabled). */
const NOT_ENABLEABLE = new Set(['static', 'generated', 'indirect', 'transient', 'alias']);
const ENABLED = new Set(['enabled', 'enabled-runtime']);
const RUNNING = new Set(['active', 'reloading', 'activating']);

export interface UnitPlan {
  readonly steps: Step[];
  readonly notes: string[];
}

export interface WantedUnit {
  readonly state?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly masked?: boolean | undefined;
}

/** `systemctl` with the options a task chose (`systemctl --user --no-block`), already quoted; plain by default. */
export type Systemctl = string;

export function isRunning(u: UnitStatus): boolean {
  return RUNNING.has(u.activeState);
}

export function isMasked(u: UnitStatus): boolean {
  return u.loadState === 'masked' || u.unitFileState.startsWith('masked');
}

/** The systemctl commands from `u` to what is wanted, or a message when the request cannot apply. */
export function planUnit(p: WantedUnit, unit: string, u: UnitStatus, systemctl: Systemctl = 'systemctl'): UnitPlan | string {
  const steps: Step[] = [];
  const notes: string[] = [];
  const cmd = (describe: string, ...args: string[]): Step => ({ cmd: `${systemctl} ${sh`${args} -- ${unit}`}`, describe });
  let masked = isMasked(u);
  let fileState = u.unitFileState;
  if (p.masked === true && !masked) {
    if (p.state === 'started' || p.state === 'restarted' || p.state === 'reloaded' || p.enabled === true) {
      return `${unit}: masked: true contradicts state ${p.state ?? ''}${p.enabled === true ? ' enabled: true' : ''}`;
    }
    steps.push(cmd(`mask ${unit}`, 'mask'));
    masked = true;
  }
  if (p.masked === false && masked) {
    steps.push(u.unitFileState === 'masked-runtime' ? cmd(`unmask ${unit} (runtime)`, 'unmask', '--runtime') : cmd(`unmask ${unit}`, 'unmask'));
    masked = false;
    // what is left once the mask is gone is unknown before it is removed: enable/disable are then planned outright
    fileState = 'unknown';
  }
  if (masked && (p.state === 'started' || p.state === 'restarted' || p.state === 'reloaded' || p.enabled === true)) {
    return `${unit} is masked: set masked: false to unmask it before it can be ${p.enabled === true ? 'enabled' : 'started'}`;
  }

  let enable: 'enable' | 'disable' | 'disable-runtime' | undefined;
  if (p.enabled !== undefined && !masked) {
    if (NOT_ENABLEABLE.has(fileState)) {
      notes.push(`${unit} is ${fileState}: enabled does not apply (it has no [Install] section to act on${fileState === 'static' ? '; it starts when another unit needs it' : ''})`);
    } else if (p.enabled && !ENABLED.has(fileState)) enable = 'enable';
    else if (!p.enabled && fileState === 'enabled-runtime') enable = 'disable-runtime';
    else if (!p.enabled && (fileState === 'enabled' || fileState === 'unknown')) enable = 'disable';
  }

  const running = isRunning(u);
  let run: 'start' | 'stop' | 'restart' | 'reload' | undefined;
  if (p.state === 'started' && !running) run = 'start';
  else if (p.state === 'stopped' && (running || u.activeState === 'deactivating')) run = 'stop';
  else if (p.state === 'restarted') run = 'restart';
  else if (p.state === 'reloaded') run = running ? 'reload' : 'start';

  // `enable --now` / `disable --now` do both in one systemctl call
  if (enable === 'enable' && run === 'start') return { steps: [...steps, cmd(`enable and start ${unit}`, 'enable', '--now')], notes };
  if (enable === 'disable' && run === 'stop') return { steps: [...steps, cmd(`disable and stop ${unit}`, 'disable', '--now')], notes };
  if (enable === 'enable') steps.push(cmd(`enable ${unit}`, 'enable'));
  if (enable === 'disable') steps.push(cmd(`disable ${unit}`, 'disable'));
  if (enable === 'disable-runtime') steps.push(cmd(`disable ${unit} (runtime)`, 'disable', '--runtime'));
  if (run !== undefined) steps.push(cmd(`${run} ${unit}`, run));
  return { steps, notes };
}

/** "active (running), enabled": the unit now, for an ok reason. */
export function describeNow(u: UnitStatus): string {
  const parts = [u.activeState === 'active' ? `active (${u.subState})` : u.activeState];
  if (u.unitFileState !== '') parts.push(u.unitFileState);
  return parts.join(', ');
}

/** What the task would do on a host where the unit is not installed yet (predicted in check mode). */
export function wouldDo(p: WantedUnit, unit: string): string {
  const u: UnitStatus = { loadState: 'loaded', loadError: '', activeState: 'inactive', subState: 'dead', unitFileState: 'disabled', needDaemonReload: false, canReload: false };
  const planned = planUnit(p, unit, u);
  const what = typeof planned === 'string' || planned.steps.length === 0 ? `manage ${unit}` : planned.steps.map((s) => s.describe).join(', ');
  return `${what} (the unit is not installed yet)`;
}

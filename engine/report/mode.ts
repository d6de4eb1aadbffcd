// Which output a run gets: color and the live view only on a real terminal, as Ansible decides color.
import type { Writable } from 'node:stream';

export interface ModeFlags {
  readonly json: boolean;
  readonly verbosity: number;
  /** --no-live */
  readonly noLive?: boolean | undefined;
}

export interface OutputMode {
  readonly color: boolean;
  readonly live: boolean;
}

export function isTty(stream: Writable): boolean {
  return (stream as Writable & { isTTY?: boolean }).isTTY === true;
}

/** NO_COLOR (no-color.org: set and not empty) and ANSIBLE_NOCOLOR turn color off; ANSIBLE_FORCE_COLOR/FORCE_COLOR on. */
export function detectOutputMode(flags: ModeFlags, env: NodeJS.ProcessEnv, out: Writable): OutputMode {
  const truthy = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  const noColor = (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') || truthy(env['ANSIBLE_NOCOLOR']);
  const terminal = isTty(out) && env['TERM'] !== 'dumb';
  const forced = truthy(env['ANSIBLE_FORCE_COLOR']) || truthy(env['FORCE_COLOR']);
  const color = !flags.json && !noColor && (terminal || forced);
  // the live view redraws stdout in place: only on a terminal, never with -v (details need the scrollback)
  const live = !flags.json && !noColor && terminal && flags.noLive !== true && flags.verbosity === 0;
  return { color, live };
}

/** Ansible's display.columns: max(79, terminal width - 1); 79 when not a terminal. */
export function bannerColumns(out: Writable): number {
  const cols = (out as Writable & { columns?: number }).columns;
  return isTty(out) && typeof cols === 'number' && cols > 0 ? Math.max(79, cols - 1) : 79;
}

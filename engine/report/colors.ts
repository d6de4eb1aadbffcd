// Ansible's output colors (config/base.yml defaults, constants.COLOR_CODES) and how a string is painted.

export const COLORS = {
  ok: '0;32', // green
  changed: '0;33', // yellow
  error: '0;31', // red: failed
  unreachable: '1;31', // bright red
  skip: '0;36', // cyan
  warn: '1;35', // bright purple: warnings, ignored
  verbose: '0;34', // blue: -v.. diagnostics
  diffAdd: '0;32',
  diffRemove: '0;31',
  diffLines: '0;36',
} as const;

export type ColorName = keyof typeof COLORS;

/** A painter: identity when color is off (NO_COLOR, not a TTY). Multi-line text is painted line by line, as Ansible does. */
export type Paint = (text: string, color: ColorName) => string;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, color) =>
    text
      .split('\n')
      .map((line) => `\u001b[${COLORS[color]}m${line}\u001b[0m`)
      .join('\n');
}

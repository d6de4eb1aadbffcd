// Ansible's output colors (config/base.yml defaults, constants.COLOR_CODES); terminal.ts paints with them.

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

// Command-line options declared once, as data: each entry gives commander its flags and help, gives TypeScript the
// parsed value's type (FlagsOf), and gives the README its usage token. A command registers its table with addOptions.
import type { Command } from 'commander';
import { collect, collectCsv } from './repeatable.js';

/**
 * flag: `-C` (true or absent); negated: `--no-live` (true unless given); value: `-l PATTERN`; repeat: `-i A -i B`;
 * csv: `-t a,b -t c` (one list); count: `-vvv` (a number).
 */
export type OptionKind = 'flag' | 'negated' | 'value' | 'repeat' | 'csv' | 'count';

export interface OptionSpec {
  /** commander's flags: '-l, --limit <pattern>'; the table key must be commander's attribute name for them */
  readonly flags: string;
  readonly help: string;
  readonly kind: OptionKind;
  /** a value option's default, as text */
  readonly default?: string;
  /** how the README's synopsis shows it: '[-l|--limit PATTERN]' ('' leaves it out: a refused option) */
  readonly usage: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['kind'] extends 'flag'
  ? boolean | undefined
  : S['kind'] extends 'negated'
    ? boolean
    : S['kind'] extends 'count'
      ? number
      : S['kind'] extends 'repeat' | 'csv'
        ? string[]
        : S extends { readonly default: string }
          ? string
          : string | undefined;

type AbsentAllowed<T extends OptionTable> = { [K in keyof T]: undefined extends ValueOf<T[K]> ? K : never }[keyof T];

/** The parsed flags of a table, as commander hands them to the action (an option that may be absent is optional). */
export type FlagsOf<T extends OptionTable> = { -readonly [K in Exclude<keyof T, AbsentAllowed<T>>]: ValueOf<T[K]> } & {
  -readonly [K in AbsentAllowed<T>]?: ValueOf<T[K]>;
};

const countUp = (_v: string, previous: number): number => previous + 1;

export function addOptions(command: Command, table: OptionTable): Command {
  for (const spec of Object.values(table)) {
    switch (spec.kind) {
      case 'repeat':
        command.option(spec.flags, spec.help, collect, []);
        break;
      case 'csv':
        command.option(spec.flags, spec.help, collectCsv, []);
        break;
      case 'count':
        command.option(spec.flags, spec.help, countUp, 0);
        break;
      case 'value':
        if (spec.default === undefined) command.option(spec.flags, spec.help);
        else command.option(spec.flags, spec.help, spec.default);
        break;
      case 'flag':
      case 'negated':
        command.option(spec.flags, spec.help);
        break;
    }
  }
  return command;
}

/** The synopsis of a command: `head` then every table's usage tokens, wrapped under the head's first word. */
export function synopsis(head: string, tables: readonly OptionTable[], width = 118, indent = 10): string {
  const lines: string[] = [];
  let line = head;
  for (const token of tables.flatMap((t) => Object.values(t).map((s) => s.usage)).filter((u) => u !== '')) {
    if (line.length + 1 + token.length > width) {
      lines.push(line);
      line = ' '.repeat(indent) + token;
    } else line += ` ${token}`;
  }
  lines.push(line);
  return lines.join('\n');
}

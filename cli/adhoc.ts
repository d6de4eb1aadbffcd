// `kplay adhoc PATTERN [-m MODULE] [-a ARGS] ...`: ansible's ad-hoc command line: one module on the hosts a pattern
// names, with ansible's options and its output (the work: cli/adhoc-command.ts, loaded when the command runs).
import type { Command } from 'commander';
import { addOptions, synopsis, type FlagsOf, type OptionTable } from './option-table.js';
import { CONNECTION_OPTIONS } from './run-connection-options.js';
import { BECOME_OPTIONS, RUN_OPTIONS } from './run.js';
import { VAULT_OPTIONS } from './vault-options.js';

const ADHOC_OPTIONS = {
  moduleName: { flags: '-m, --module-name <name>', kind: 'value', default: 'command', usage: '[-m MODULE]', help: 'the module to run (default command; `kplay doc` lists them)' },
  args: { flags: '-a, --args <args>', kind: 'value', usage: '[-a ARGS]', help: "the module's arguments: key=value pairs, or a command line for command/shell/raw" },
  oneLine: { flags: '-o, --one-line', kind: 'flag', usage: '[-o]', help: 'one line per host' },
  listHosts: { flags: '--list-hosts', kind: 'flag', usage: '[--list-hosts]', help: 'list the hosts the pattern matches, then exit' },
} as const satisfies OptionTable;

const { inventory, extraVars, limit, check, diff, forks, verbose, user, privateKey } = RUN_OPTIONS;
const TARGET_OPTIONS = { inventory, extraVars, limit, check, diff, forks, verbose, user, privateKey } as const satisfies OptionTable;

export const ADHOC_OPTION_TABLES = [ADHOC_OPTIONS, TARGET_OPTIONS, CONNECTION_OPTIONS, BECOME_OPTIONS, VAULT_OPTIONS] as const;

export type AdhocFlags = FlagsOf<typeof ADHOC_OPTIONS> &
  FlagsOf<typeof TARGET_OPTIONS> &
  FlagsOf<typeof CONNECTION_OPTIONS> &
  FlagsOf<typeof BECOME_OPTIONS> &
  FlagsOf<typeof VAULT_OPTIONS>;

export const adhocSynopsis = (): string => synopsis('kplay adhoc PATTERN', ADHOC_OPTION_TABLES);

export function registerAdhocCommand(program: Command): void {
  const adhoc = program
    .command('adhoc')
    .description('run one module on the hosts a pattern names, as the `ansible` command does')
    .argument('<pattern>', 'host pattern: a host, a group, all, web:!web3, ...');
  for (const table of ADHOC_OPTION_TABLES) addOptions(adhoc, table);
  adhoc.action(async (pattern: string, flags: AdhocFlags) => {
    const { adhocCommand } = await import('./adhoc-command.js');
    process.exitCode = await adhocCommand(pattern, flags);
  });
}

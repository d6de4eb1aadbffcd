// `kplay adhoc PATTERN [-m MODULE] [-a ARGS] ...`: ansible's ad-hoc command line: one module on the hosts a pattern
// names, with ansible's options and its output (the work: cli/adhoc-command.ts, loaded when the command runs).
import type { Command } from 'commander';
import { ADHOC_OPTION_TABLES, type AdhocFlags } from './adhoc-options.js';
import { addOptions } from './option-table.js';

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

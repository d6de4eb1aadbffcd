// `kplay run`: its options; the work (cli/run-command.ts) is loaded only when the command runs.
import type { Command } from 'commander';
import { addOptions } from './option-table.js';
import { RUN_OPTION_TABLES, type RunFlags } from './run-options.js';

export function registerRunCommand(program: Command): void {
  const run = program.command('run').description('run a playbook against an inventory').argument('<playbook>', 'the playbook file');
  for (const table of RUN_OPTION_TABLES) addOptions(run, table);
  run.action(async (playbook: string, flags: RunFlags) => {
    const { runCommand } = await import('./run-command.js');
    process.exitCode = await runCommand(playbook, flags);
  });
}

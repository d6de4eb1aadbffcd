// `kplay report [RUN] --html FILE`: one self-contained page of a recorded run (RUN: an id, a unique prefix, `last`
// (the default) or `last-failed`). The store and the page's code are loaded only when it runs.
import type { Command } from 'commander';
import type { ReportFlags } from './report-command.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('one self-contained HTML page of a recorded run: recap, host × task grid, timeline, each result')
    .argument('[run]', 'the run: an id, a unique prefix of one, "last" or "last-failed"', 'last')
    .requiredOption('--html <file>', 'write the page to this file')
    .option('--store <file|url>', 'the run store, an SQLite file or postgres://... (default: $KPLAY_RUN_STORE, ansible.cfg [kplay] run_store, else ~/.local/share/kplay/runs.sqlite)')
    .action(async (run: string, flags: ReportFlags) => {
      const { reportCommand } = await import('./report-command.js');
      process.exitCode = await reportCommand(run, flags);
    });
}

// `kplay history`: the runs the run store recorded (list, one run, one host across runs, each host's last
// failure). The store's code is loaded only when one of these runs.
import type { Command } from 'commander';
import type { HistoryFlags, HistoryListFlags } from './history-command.js';

const STORE_HELP = 'the run store, an SQLite file or postgres://... (default: $KPLAY_RUN_STORE, ansible.cfg [kplay] run_store, else ~/.local/share/kplay/runs.sqlite)';

export function registerHistoryCommand(program: Command): void {
  const history = program.command('history').description('runs recorded in the run store');
  history
    .command('list', { isDefault: true })
    .description('the newest runs first (default: 20)')
    .option('--playbook <text>', 'runs of playbooks whose path contains this')
    .option('--host <host>', 'runs that targeted this host')
    .option('--status <status>', 'runs that ended so: ok, failed, interrupted, incomplete, running')
    .option('--since <when>', 'runs started since: a date (2026-12-01, 2026-12-01T10:00) or an age (30m, 12h, 7d)')
    .option('--until <when>', 'runs started until: a date or an age')
    .option('-n, --limit <n>', 'how many runs (default 20)')
    .option('--json', 'JSON instead of a table')
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: HistoryListFlags) => {
      const { historyList } = await import('./history-command.js');
      process.exitCode = await historyList(flags);
    });
  history
    .command('show')
    .description('one run: its recap and failures (RUN: an id, a unique prefix of one, or "last")')
    .argument('<run>', 'the run')
    .option('--json', 'the whole run (plays, tasks, every result) as JSON')
    .option('--store <file|url>', STORE_HELP)
    .action(async (run: string, flags: HistoryFlags) => {
      const { historyShow } = await import('./history-command.js');
      process.exitCode = await historyShow(run, flags);
    });
  history
    .command('host')
    .description("one host across runs: its recap in each and what failed")
    .argument('<host>', 'the host, as the inventory names it')
    .option('-n, --limit <n>', 'how many runs (default 20)')
    .option('--json', 'JSON instead of a table')
    .option('--store <file|url>', STORE_HELP)
    .action(async (host: string, flags: HistoryFlags & { limit?: string }) => {
      const { historyHost } = await import('./history-command.js');
      process.exitCode = await historyHost(host, flags);
    });
  history
    .command('failures')
    .description('the last failure of each host, and whether a later run succeeded on it')
    .option('--json', 'JSON instead of a table')
    .option('--store <file|url>', STORE_HELP)
    .action(async (flags: HistoryFlags) => {
      const { historyFailures } = await import('./history-command.js');
      process.exitCode = await historyFailures(flags);
    });
}

// `kplay connections`: the connection keeper that `run --persist` uses (list what it holds, stop it), and the
// hidden `serve` that a run starts it with. The keeper's code is loaded only when one of these runs.
import type { Command } from 'commander';

export function registerConnectionsCommand(program: Command): void {
  const connections = program.command('connections').description('SSH connections kept open between runs (run --persist)');
  connections
    .command('list')
    .description('the connections the keeper holds')
    .action(async () => {
      const { listConnections } = await import('./connections-command.js');
      process.exitCode = await listConnections();
    });
  connections
    .command('stop')
    .description('close every kept connection and stop the keeper')
    .action(async () => {
      const { stopKeeper } = await import('./connections-command.js');
      process.exitCode = await stopKeeper();
    });
  connections
    .command('serve', { hidden: true })
    .requiredOption('--socket <path>', 'the unix socket to serve on')
    .requiredOption('--persist <seconds>', 'how long to keep an unused connection')
    .action(async (flags: { socket: string; persist: string }) => {
      const { serve } = await import('./connections-command.js');
      await serve(flags.socket, Number(flags.persist));
    });
}

// The work of `kplay connections list|stop|serve` (see cli/connections.ts).
import { KeeperClient, controlDir } from '../engine/transport/keeper/keeper-client.js';
import { serveKeeper } from '../engine/transport/keeper/keeper-daemon.js';
import { escapeToOneLine } from '../engine/report/terminal.js';
import { EXIT } from './exit.js';

export async function listConnections(): Promise<number> {
  const keeper = await KeeperClient.attach(controlDir());
  if (!keeper) {
    process.stdout.write('no connection keeper runs\n');
    return EXIT.ok;
  }
  const held = await keeper.list();
  keeper.close();
  for (const c of held) process.stdout.write(`${escapeToOneLine(c.host)}\t${c.user}@${c.address}:${c.port}\tin use by ${c.inUse} run(s)\tidle ${(c.idleMs / 1000).toFixed(0)} s\treused ${c.reused} time(s)\n`);
  if (held.length === 0) process.stdout.write('the keeper holds no connection\n');
  return EXIT.ok;
}

export async function stopKeeper(): Promise<number> {
  const keeper = await KeeperClient.attach(controlDir());
  if (!keeper) {
    process.stdout.write('no connection keeper runs\n');
    return EXIT.ok;
  }
  await keeper.stop();
  keeper.close();
  process.stdout.write('connection keeper stopped\n');
  return EXIT.ok;
}

export async function serve(socketPath: string, persistSeconds: number): Promise<void> {
  // a run always passes a number; anything else keeps connections Ansible's default ControlPersist of 60 s
  const seconds = Number.isFinite(persistSeconds) && persistSeconds > 0 ? persistSeconds : 60;
  const serving = await serveKeeper(socketPath, Math.max(1, seconds) * 1000);
  if (!serving) process.exit(0);
}

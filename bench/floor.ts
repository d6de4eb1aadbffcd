// The floor: the W1 commands over already-multiplexed OpenSSH connections (ControlMaster), all hosts in parallel.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabHost, LabInventory } from './lab-inventory.js';

export const W1_COMMANDS = ['true', 'true', 'true', 'touch /tmp/kplay-bench-w1', 'rm -f /tmp/kplay-bench-w1'];

function ssh(args: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn('ssh', args, { stdio: 'ignore' });
    c.on('close', (code) => resolve(code ?? 255));
    c.on('error', () => resolve(255));
  });
}

export class MultiplexedFleet {
  private readonly dir = mkdtempSync(join(tmpdir(), 'kplay-floor-'));
  constructor(private readonly inv: LabInventory) {}

  private base(h: LabHost): string[] {
    return ['-o', `ControlPath=${join(this.dir, h.name)}`, '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${this.inv.knownHosts}`,
      '-o', 'StrictHostKeyChecking=yes', '-i', h.key, '-l', h.user, h.address];
  }

  /** open one master connection per host (not timed) */
  async open(hosts: readonly LabHost[]): Promise<void> {
    const codes = await Promise.all(hosts.map((h) => ssh(['-o', 'ControlMaster=yes', '-o', 'ControlPersist=600', '-fN', ...this.base(h)])));
    if (codes.some((c) => c !== 0)) throw new Error(`floor: ${codes.filter((c) => c !== 0).length} master connections failed`);
  }

  /** the timed part: every command on every host, hosts in parallel, commands in order */
  async run(hosts: readonly LabHost[], commands: readonly string[]): Promise<number> {
    const started = performance.now();
    const results = await Promise.all(
      hosts.map(async (h) => {
        for (const cmd of commands) if ((await ssh([...this.base(h), cmd])) !== 0) return 1;
        return 0;
      }),
    );
    if (results.some((r) => r !== 0)) throw new Error('floor: a command failed');
    return performance.now() - started;
  }

  async close(hosts: readonly LabHost[]): Promise<void> {
    await Promise.all(hosts.map((h) => ssh(['-O', 'exit', ...this.base(h)])));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

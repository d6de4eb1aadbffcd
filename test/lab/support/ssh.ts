// Plain OpenSSH to a lab host, with the lab's key and known_hosts and strict host-key checking.
import { runCommand, type CliResult } from './cli.js';

export interface SshTarget {
  readonly address: string;
  readonly keyPath: string;
  readonly knownHosts: string;
  readonly user?: string;
}

export function sshRun(t: SshTarget, command: string): Promise<CliResult> {
  return runCommand([
    'ssh',
    '-o', 'BatchMode=yes',
    '-o', `UserKnownHostsFile=${t.knownHosts}`,
    '-o', 'StrictHostKeyChecking=yes',
    '-o', 'ConnectTimeout=10',
    '-i', t.keyPath,
    '-l', t.user ?? 'root',
    t.address,
    command,
  ]);
}

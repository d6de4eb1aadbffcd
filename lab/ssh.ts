// Plain OpenSSH against lab hosts, with the lab's own key and known_hosts and host-key checking on.
import { run, type RunResult } from './run.js';

export interface SshTarget {
  keyPath: string;
  knownHosts: string;
}

export function sshArgv(t: SshTarget, user: string, address: string, command: string, connectTimeout = 5): string[] {
  return [
    'ssh',
    '-F',
    'none',
    '-i',
    t.keyPath,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${t.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${connectTimeout}`,
    '-o',
    'LogLevel=ERROR',
    `${user}@${address}`,
    command,
  ];
}

export function sshRun(t: SshTarget, user: string, address: string, command: string, timeoutMs = 60_000): Promise<RunResult> {
  return run(sshArgv(t, user, address, command), { allowFail: true, timeoutMs });
}

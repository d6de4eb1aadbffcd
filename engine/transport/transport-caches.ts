// What one run's connections share instead of each reading it again: ssh_config files, known_hosts files, key files.
// Held by the run's connection pool (or a keeper process), handed to each connection: nothing outlives its holder.
import { KnownHostsFiles } from './known-hosts-file.js';
import { KeyFiles } from './ssh-auth.js';
import type { SshConfig } from './ssh-config.js';

export class TransportCaches {
  /** ssh_config files by path, parsed once for the run (OpenSSH reads them at each start; a run is one start) */
  readonly sshConfigs = new Map<string, SshConfig>();
  readonly knownHosts = new KnownHostsFiles();
  readonly keyFiles = new KeyFiles();
}

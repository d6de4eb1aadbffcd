// The transport's file caches of one run (ssh_config files, known_hosts files, key files), carried by the run's
// async context (withTransportCaches) rather than module globals: a run sees only what it read itself.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ParsedKey } from 'ssh2';
import type { KnownHostEntry } from './known-hosts.js';
import type { SshConfig } from './ssh-config.js';

export type CheckedKey = { readonly key: ParsedKey; readonly problem: undefined } | { readonly key: undefined; readonly problem: string };

export class TransportCaches {
  /** ssh_config files parsed, by path */
  readonly sshConfigs = new Map<string, SshConfig>();
  /** known_hosts files parsed, by path, with the stamp (identity, size, mtime) they were read at */
  readonly knownHosts = new Map<string, { readonly stamp: string; readonly entries: readonly KnownHostEntry[] }>();
  /** known_hosts reads in flight, by file list */
  readonly knownHostsInFlight = new Map<string, Promise<readonly KnownHostEntry[]>>();
  /** key files read and parsed (without passphrase), by path, with their stamp */
  readonly checkedKeys = new Map<string, { readonly stamp: string; readonly checked: Promise<CheckedKey> }>();
}

const scope = new AsyncLocalStorage<TransportCaches>();
/** for code outside any run (a library caller, a bench): one shared set, as before runs carried their own */
const OUTSIDE = new TransportCaches();

/** Runs `fn` (and every connection it opens) with these caches. */
export function withTransportCaches<T>(caches: TransportCaches, fn: () => T): T {
  return scope.run(caches, fn);
}

/** The caches of the run this code belongs to. */
export function transportCaches(): TransportCaches {
  return scope.getStore() ?? OUTSIDE;
}

// Reading Debian package state: one dpkg-query for every name, apt-cache policy for candidates, the cache's age.
import { sh } from '../../engine/core/quote.js';
import type { ProbeOutput } from '../contract.js';

export interface AptSpec {
  readonly name: string;
  /** from `name=version` */
  readonly version?: string | undefined;
}

export interface DpkgState {
  readonly installed: boolean;
  /** removed but its configuration files remain (purge would remove them) */
  readonly configOnly: boolean;
  readonly version: string;
}

/** `qemu-kvm`, `nginx=1.22.1-9`: Ansible's apt name forms (without wildcards). */
export function parseSpec(spec: string): AptSpec {
  const at = spec.indexOf('=');
  return at < 0 ? { name: spec } : { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

// ${...} are dpkg-query's field names: the format reaches dpkg-query single-quoted, so the shell leaves it alone
const DPKG_FORMAT = '${Package}\t${Status}\t${Version}\n';

export function dpkgQueryCommand(names: readonly string[]): string {
  return sh`dpkg-query -W -f=${DPKG_FORMAT} -- ${names}`;
}

/** name -> state; names dpkg has never heard of are absent from the map. */
export function parseDpkgQuery(out: ProbeOutput | undefined): Map<string, DpkgState> {
  const map = new Map<string, DpkgState>();
  for (const line of (out?.stdout ?? '').split('\n')) {
    const [pkg, status = '', version = ''] = line.split('\t');
    if (!pkg) continue;
    const name = pkg.replace(/:[a-z0-9]+$/, ''); // multi-arch: libc6:amd64
    map.set(name, { installed: / installed$/.test(status), configOnly: / config-files$/.test(status), version });
  }
  return map;
}

export function policyCommand(names: readonly string[]): string {
  return `LC_ALL=C ${sh`apt-cache policy -- ${names}`}`;
}

/** name -> {installed, candidate} from `apt-cache policy`; "(none)" becomes undefined. */
export function parsePolicy(out: ProbeOutput | undefined): Map<string, { installed?: string | undefined; candidate?: string | undefined }> {
  const map = new Map<string, { installed?: string | undefined; candidate?: string | undefined }>();
  let current: { installed?: string | undefined; candidate?: string | undefined } | undefined;
  for (const line of (out?.stdout ?? '').split('\n')) {
    const head = /^(\S+):$/.exec(line);
    if (head?.[1]) {
      current = {};
      map.set(head[1].replace(/:[a-z0-9]+$/, ''), current);
      continue;
    }
    const field = /^\s+(Installed|Candidate): (.+)$/.exec(line);
    if (field && current) {
      const value = field[2] === '(none)' ? undefined : field[2];
      if (field[1] === 'Installed') current.installed = value;
      else current.candidate = value;
    }
  }
  return map;
}

/** Prints the time now and the cache's last update (the success stamp, else the lists directory), in seconds. */
export const CACHE_AGE_PROBE = 'date +%s; stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/lib/apt/lists';

/** Seconds since the last cache update; undefined when unknown (treated as stale). */
export function cacheAge(out: ProbeOutput | undefined): number | undefined {
  const [now, stamp] = (out?.stdout ?? '').split('\n').map((l) => Number.parseInt(l, 10));
  if (now === undefined || stamp === undefined || Number.isNaN(now) || Number.isNaN(stamp)) return undefined;
  return now - stamp;
}

/** What apt-get did, from its output: "Setting up qemu-kvm (1:7.2) ..." and "Removing x (1.0) ...". */
export function parseAptGetOutput(stdout: string): { installed: string[]; removed: string[]; changedCount: number | undefined } {
  const installed = [...stdout.matchAll(/^Setting up (\S+) \(([^)]+)\)/gm)].map((m) => `${m[1]}=${m[2]}`);
  const removed = [...stdout.matchAll(/^(?:Removing|Purging configuration files for) (\S+) \(([^)]+)\)/gm)].map((m) => `${m[1]}=${m[2]}`);
  const summary = /^(\d+) upgraded, (\d+) newly installed, (\d+) to remove/m.exec(stdout);
  const changedCount = summary ? Number(summary[1]) + Number(summary[2]) + Number(summary[3]) : undefined;
  return { installed, removed, changedCount };
}

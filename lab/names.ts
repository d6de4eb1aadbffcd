// Names and places the lab uses on the machine, derived from the lab name so two labs never collide.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { InputError } from '../engine/core/errors.js';

export const IMAGE_CACHE = '/var/cache/kplay/images';
const RUN_ROOT = '/var/lib/kplay/labs';
/** Machine-wide bookkeeping that must vanish on reboot together with the namespaces: /run is tmpfs. */
export const REGISTRY_DIR = '/run/kplay/labs';
export const SYSCTL_FILE = '/run/kplay/sysctl.json';
export const CGROUP_HIERARCHIES = ['unified', 'systemd'] as const;
export const MAX_HOSTS = 2000;
/** A Linux bridge takes at most 1024 ports: past this many hosts, the lab's bridge is extended by another segment. */
export const HOSTS_PER_BRIDGE = 1000;

const NAME_RE = /^[a-z][a-z0-9-]{0,19}$/;

export function checkLabName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new InputError(`invalid lab name '${name}': use 1-20 characters a-z, 0-9, '-', starting with a letter`);
  }
  return name;
}

/** Six hex digits from the lab name: part of every kernel interface name (<= 15 chars). */
export function labTag(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 6);
}

export const hostName = (index: number): string => `h${index}`;
/** The lab's bridge (segment 0, which holds the gateway address), or its extension segment N for hosts past 1000. */
export const bridgeName = (lab: string, segment = 0): string => (segment === 0 ? `kpb${labTag(lab)}` : `kpb${labTag(lab)}s${segment}`);
/** The bridge segment of host number `index` (1-based). */
export const segmentOf = (index: number): number => Math.floor((index - 1) / HOSTS_PER_BRIDGE);
/** The veth pair that joins segment N to segment 0: one end on each bridge. */
export const trunkNames = (lab: string, segment: number): readonly [string, string] => [`kpt${labTag(lab)}s${segment}a`, `kpt${labTag(lab)}s${segment}b`];
export const vethName = (lab: string, index: number): string => `kpv${labTag(lab)}-${index}`;
export const netnsName = (lab: string, host: string): string => `kplay-${lab}-${host}`;
export const cgroupPath = (lab: string, host: string): string => `kplay/${lab}/${host}`;
export const labRunDir = (lab: string): string => `${RUN_ROOT}/${lab}`;
export const labUserDir = (baseDir: string, lab: string): string => resolve(baseDir, '.kplay', 'lab', lab);

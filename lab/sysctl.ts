// Machine-wide kernel limits a lab may need raised. fs.inotify.max_user_instances: booted systemd hosts need ~6
// each and the default 128 stops at ~24 hosts. net.ipv4.neigh.default.gc_thresh2/3: the machine keeps a neighbour
// entry per lab host, and the default table (1024) overflows past ~1000 hosts. The first lab to raise a setting
// remembers its old value; the last lab's down puts every one back.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SYSCTL_FILE } from './names.js';

const INOTIFY = 'fs.inotify.max_user_instances';
const NEIGH_SOFT = 'net.ipv4.neigh.default.gc_thresh2';
const NEIGH_HARD = 'net.ipv4.neigh.default.gc_thresh3';

const procPath = (key: string): string => `/proc/sys/${key.replaceAll('.', '/')}`;

function saved(): Record<string, number> {
  return existsSync(SYSCTL_FILE) ? (JSON.parse(readFileSync(SYSCTL_FILE, 'utf8')) as Record<string, number>) : {};
}

/** Raise `key` to at least `needed`, remembering the machine's own value the first time. */
function raise(key: string, needed: number): void {
  const current = Number(readFileSync(procPath(key), 'utf8').trim());
  if (current >= needed) return;
  const old = saved();
  if (old[key] === undefined) {
    mkdirSync(dirname(SYSCTL_FILE), { recursive: true });
    writeFileSync(SYSCTL_FILE, JSON.stringify({ ...old, [key]: current }));
  }
  writeFileSync(procPath(key), String(needed));
}

export function raiseInotify(needed: number): void {
  raise(INOTIFY, needed);
}

/** Room for `entries` neighbours before the kernel starts dropping them (the soft limit at half the hard one). */
export function raiseNeighbourTable(entries: number): void {
  raise(NEIGH_HARD, entries);
  raise(NEIGH_SOFT, Math.ceil(entries / 2));
}

export function restoreSysctls(): void {
  for (const [key, value] of Object.entries(saved())) {
    if (typeof value === 'number') writeFileSync(procPath(key), String(value));
  }
  rmSync(SYSCTL_FILE, { force: true });
}

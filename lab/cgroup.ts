// Each host lives in its own cgroup (kplay/LAB/HOST in the unified and name=systemd hierarchies): nspawn needs
// that to come up healthy, and it is how every process of a host is found and ended, even after a killed run.
import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { quote, sh } from '../engine/core/quote.js';
import { CGROUP_HIERARCHIES } from './names.js';

const ROOT = '/sys/fs/cgroup';

/** The hierarchies this machine has (cgroup v2-only machines have just the unified one at the root). */
function hierarchies(): string[] {
  const found = CGROUP_HIERARCHIES.map((h) => join(ROOT, h)).filter((p) => existsSync(join(p, 'cgroup.procs')));
  return found.length > 0 ? found : [ROOT];
}

/** Shell lines that move the running shell ($$) into the host's cgroup in every hierarchy. */
export function joinCgroupScript(rel: string): string[] {
  return hierarchies().map((h) => `${sh`mkdir -p ${`${h}/${rel}`}`} && echo $$ > ${quote(`${h}/${rel}/cgroup.procs`)}`);
}

function walk(dir: string, out: string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return;
  }
  for (const e of entries) walk(join(dir, e), out);
  out.push(dir); // children first: rmdir order
}

export function cgroupDirs(rel: string): string[] {
  const out: string[] = [];
  for (const h of hierarchies()) walk(join(h, rel), out);
  return out;
}

export function cgroupPids(rel: string): number[] {
  const pids = new Set<number>();
  for (const dir of cgroupDirs(rel)) {
    try {
      for (const line of readFileSync(join(dir, 'cgroup.procs'), 'utf8').split('\n')) if (line) pids.add(Number(line));
    } catch {
      // the directory went away meanwhile
    }
  }
  return [...pids];
}

/** SIGKILL every process in the cgroup subtree until it is empty, then remove the directories. */
export async function killCgroup(rel: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = cgroupPids(rel);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (Date.now() > deadline) break;
    await sleep(50);
  }
  removeCgroupDirs(rel);
}

export function removeCgroupDirs(rel: string): void {
  for (const dir of cgroupDirs(rel)) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty yet (a process still exiting) or already gone: the caller re-checks
    }
  }
}

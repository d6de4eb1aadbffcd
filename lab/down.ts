// `kplay lab down` and the cleanup `up` runs first: end every process (found through the lab's cgroups, by PID),
// drop stray mounts, namespaces, links, cgroups and work dirs, and restore sysctls when the last lab goes.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { unmountBelow } from './mounts.js';
import { checkLabName, labRunDir, labUserDir } from './names.js';
import { cgroupDirs, killCgroup, removeCgroupDirs } from './cgroup.js';
import { removeLabNetwork } from './net.js';
import { readState, registryEntries, registryEntry, unregister } from './registry.js';
import { restoreSysctls } from './sysctl.js';

function hostCgroups(lab: string): string[] {
  const names = new Set<string>();
  for (const dir of cgroupDirs(`kplay/${lab}`)) {
    const m = new RegExp(`/kplay/${lab}/([^/]+)$`).exec(dir);
    if (m?.[1]) names.add(m[1]);
  }
  return [...names].map((h) => `kplay/${lab}/${h}`);
}

/** Remove everything a lab of this name made on the machine. Safe to run when nothing is there. */
export async function cleanupLab(lab: string): Promise<void> {
  checkLabName(lab);
  await Promise.all(hostCgroups(lab).map((cg) => killCgroup(cg)));
  removeCgroupDirs(`kplay/${lab}`);
  if (registryEntries().every((e) => e.name === lab)) removeCgroupDirs('kplay');
  const runDir = labRunDir(lab);
  await unmountBelow(runDir);
  await removeLabNetwork(lab);
  // systemd-nspawn's own bookkeeping, left behind when a host is killed rather than shut down
  for (const base of ['/run/systemd/nspawn/propagate', '/run/systemd/nspawn/unix-export']) {
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) if (entry.startsWith(`${lab}-h`)) rmSync(join(base, entry), { recursive: true, force: true });
  }
  rmSync(runDir, { recursive: true, force: true });
}

export interface LabDownInput {
  name?: string;
  baseDir?: string;
}

export async function labDown(input: LabDownInput = {}): Promise<void> {
  const name = checkLabName(input.name ?? 'default');
  const entry = registryEntry(name);
  const dir = entry?.dir ?? labUserDir(input.baseDir ?? process.cwd(), name);
  const state = existsSync(dir) ? readState(dir) : undefined;
  await cleanupLab(name);
  if (state?.name === name || entry) rmSync(dir, { recursive: true, force: true });
  unregister(name);
  if (registryEntries().length === 0) {
    removeCgroupDirs('kplay');
    restoreSysctls();
  }
}

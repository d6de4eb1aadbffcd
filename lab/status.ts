// `kplay lab status`: the lab's hosts and whether each one runs, is cut off, or is stopped.
import { LabError } from '../engine/core/errors.js';
import { cgroupPids } from './cgroup.js';
import { checkLabName, labUserDir } from './names.js';
import { readState, registryEntry } from './registry.js';
import type { LabHost, LabState, LabStatus } from './types.js';

export interface LabRef {
  name?: string;
  baseDir?: string;
}

export function loadLab(ref: LabRef): LabState {
  const name = checkLabName(ref.name ?? 'default');
  const dir = registryEntry(name)?.dir ?? labUserDir(ref.baseDir ?? process.cwd(), name);
  const state = readState(dir);
  if (!state) throw new LabError(`no lab named '${name}' is up (nothing in ${dir}): start one with kplay lab up`);
  return state;
}

function hostRunning(h: LabHost): boolean {
  return h.pid > 0 && cgroupPids(h.cgroup).includes(h.pid);
}

export function labStatus(ref: LabRef = {}): LabStatus {
  const state = loadLab(ref);
  return {
    name: state.name,
    kind: state.kind,
    os: state.os,
    dir: state.dir,
    hosts: state.hosts.map((h) => {
      const running = hostRunning(h);
      return { name: h.name, address: h.address, pid: running ? h.pid : 0, state: !running ? 'stopped' : h.cut ? 'cut' : 'running' };
    }),
  };
}

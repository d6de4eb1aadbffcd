// Fault injection: cut a host's cable (connections hang), heal it, or power the host off.
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from '../engine/core/errors.js';
import { sh } from '../engine/core/quote.js';
import { killCgroup } from './cgroup.js';
import { writeState } from './registry.js';
import { runScript } from './run.js';
import { loadLab, type LabRef } from './status.js';
import type { LabHost, LabState } from './types.js';

function findHost(state: LabState, host: string): LabHost {
  const h = state.hosts.find((x) => x.name === host || x.address === host);
  if (!h) throw new InputError(`lab '${state.name}' has no host '${host}' (hosts: ${state.hosts.map((x) => x.name).join(', ')})`);
  return h;
}

/**
 * The host side of the veth goes down, and the host's neighbour entry is pinned so the machine keeps sending
 * into the dead link: TCP retransmits and waits, as with a pulled cable, instead of failing fast with "no route".
 */
export async function labCut(host: string, ref: LabRef = {}): Promise<void> {
  const state = loadLab(ref);
  const h = findHost(state, host);
  await runScript([sh`ip neigh replace ${h.address} lladdr ${h.mac} dev ${state.bridge} nud permanent`, sh`ip link set ${h.veth} down`].join('\n'));
  h.cut = true;
  writeState(state);
}

export async function labHeal(host: string, ref: LabRef = {}): Promise<void> {
  const state = loadLab(ref);
  const h = findHost(state, host);
  // the neighbour entry stays: the lab keeps every host's fixed (net.ts neighbourBatch)
  await runScript(sh`ip link set ${h.veth} up`);
  h.cut = false;
  writeState(state);
}

/** Power off: a full host gets a clean shutdown (SIGTERM to nspawn = poweroff), then whatever is left is killed. */
export async function labStop(host: string, ref: LabRef = {}): Promise<void> {
  const state = loadLab(ref);
  const h = findHost(state, host);
  if (h.pid > 0 && state.kind === 'full') {
    try {
      process.kill(h.pid, 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        process.kill(h.pid, 0);
        await sleep(100);
      }
    } catch {
      // exited
    }
  }
  await killCgroup(h.cgroup);
  h.pid = 0;
  writeState(state);
}

// `up` returns only when every host answers over SSH (and a full host's systemd reports running).
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { LabError } from '../engine/core/errors.js';
import { pidAlive } from './pid.js';
import { sshRun, type SshTarget } from './ssh.js';
import type { LabKind } from './types.js';

export interface ReadyHost {
  name: string;
  address: string;
  pid: number;
  log: string;
}

function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitOne(t: SshTarget, kind: LabKind, h: ReadyHost, deadline: number): Promise<void> {
  const command = kind === 'full' ? 'systemctl is-system-running --wait' : 'true';
  let last = '';
  while (Date.now() < deadline) {
    if (!pidAlive(h.pid)) throw new LabError(`host ${h.name} exited while starting; its console said:\n${tail(h.log)}`);
    const r = await sshRun(t, 'root', h.address, command, 120_000);
    const out = r.stdout.trim();
    if (r.code === 0 && (kind === 'light' || out === 'running')) return;
    if (kind === 'full' && (out === 'degraded' || out === 'maintenance')) {
      const failed = await sshRun(t, 'root', h.address, 'systemctl --failed --no-legend --plain');
      throw new LabError(`host ${h.name} booted ${out}: failed units:\n${failed.stdout.trim()}`);
    }
    last = (r.stderr.trim() || out).split('\n').slice(-1)[0] ?? '';
    await sleep(r.code === 255 ? 150 : 500);
  }
  throw new LabError(`host ${h.name} (${h.address}) did not answer over SSH in time${last ? `: ${last}` : ''}\n${tail(h.log)}`);
}

export async function waitReady(t: SshTarget, kind: LabKind, hosts: readonly ReadyHost[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // ssh handshakes cost CPU on a 2-core machine: a few at a time is as fast as many
  const limit = pLimit(kind === 'full' ? 6 : 8);
  await Promise.all(hosts.map((h) => limit(() => waitOne(t, kind, h, deadline))));
}

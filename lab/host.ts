// One host: its network, its own overlay dirs and host key, and the detached process that runs it
// (systemd-nspawn with systemd as PID 1, or a bare sshd in fresh namespaces), inside its own cgroup.
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellJoin, sh } from '../engine/core/quote.js';
import { joinCgroupScript } from './cgroup.js';
import { hostNetInside, type HostNet } from './net.js';
import { run } from './run.js';
import type { LabKind } from './types.js';

export interface HostPlan {
  lab: string;
  name: string;
  kind: LabKind;
  net: HostNet;
  /** runDir/hosts/NAME: upper, work, merged, console.log, cpuinfo. */
  dir: string;
  image: string;
  layer: string;
  cgroup: string;
  /** Edited cpuinfo file to bind over /proc/cpuinfo (undefined: the machine's). */
  cpuinfo: string | undefined;
}

const upper = (h: HostPlan): string => join(h.dir, 'upper');
/** Where a full host keeps its edited cpuinfo; a unit of the lab layer binds it over /proc/cpuinfo at boot
 * (systemd-nspawn's --bind cannot target a file under /proc). */
export const CPUINFO_IN_HOST = '/usr/share/kplay-lab/cpuinfo';
const merged = (h: HostPlan): string => join(h.dir, 'merged');

/** Dirs, hostname, cpuinfo and host key (the network is made for all hosts at once); returns the public key line. */
export async function prepareHost(h: HostPlan): Promise<string> {
  const u = upper(h);
  const key = join(u, 'etc/ssh/ssh_host_ed25519_key');
  for (const d of [join(u, 'etc/ssh'), join(h.dir, 'work'), merged(h)]) mkdirSync(d, { recursive: true });
  writeFileSync(join(u, 'etc/hostname'), `${h.name}\n`);
  if (h.cpuinfo && h.kind === 'full') {
    mkdirSync(join(u, 'usr/share/kplay-lab'), { recursive: true });
    copyFileSync(h.cpuinfo, join(u, CPUINFO_IN_HOST));
  }
  // sshd uses the ed25519 key; the ECDSA one is there because EL and Debian hosts have one and roles manage it
  // (no RSA key: it costs a second of CPU per host, and roles that want one make it)
  await Promise.all([
    run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', h.name, '-f', key]),
    run(['ssh-keygen', '-q', '-t', 'ecdsa', '-N', '', '-C', h.name, '-f', join(u, 'etc/ssh/ssh_host_ecdsa_key')]),
  ]);
  return readFileSync(`${key}.pub`, 'utf8').trim();
}

function overlayMount(h: HostPlan): string {
  return sh`mount -t overlay overlay -o ${`lowerdir=${h.layer}:${h.image},upperdir=${upper(h)},workdir=${join(h.dir, 'work')}`} ${merged(h)}`;
}

function fullInner(h: HostPlan): string {
  const argv = [
    'systemd-nspawn',
    '-b',
    '-q',
    '-D',
    merged(h),
    '-M',
    `${h.lab}-${h.name}`,
    `--hostname=${h.name}`,
    '--register=no',
    '--keep-unit',
    '--console=pipe',
    `--network-namespace-path=/run/netns/${h.net.netns}`,
    '--resolv-conf=off',
    '--timezone=off',
    // its own network namespace: it may manage it (firewalld's nftables rules), as a machine manages its own
    '--capability=CAP_NET_ADMIN',
  ];
  // systemd-nspawn exits 133 when the host reboots (as systemd-nspawn@.service restarts it): boot it again, with a
  // new boot id, on the same overlay and network; any other end of the host ends its process
  return [overlayMount(h), `while :; do ${shellJoin(argv)}; rc=$?; [ "$rc" = 133 ] || exit "$rc"; done`].join(' && ');
}

function lightInner(h: HostPlan): string {
  const m = merged(h);
  return [
    overlayMount(h),
    sh`mount -t proc proc ${join(m, 'proc')}`,
    ...(h.cpuinfo ? [sh`mount --bind -o ro ${h.cpuinfo} ${join(m, 'proc/cpuinfo')}`] : []),
    sh`mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts ${join(m, 'dev/pts')}`,
    sh`mount --bind ${join(m, 'dev/pts/ptmx')} ${join(m, 'dev/ptmx')}`,
    sh`mount -t tmpfs -o mode=0755 tmpfs ${join(m, 'run')}`,
    sh`mkdir -p ${join(m, 'run/sshd')}`,
    sh`hostname ${h.name}`,
    // sshd as PID 1 of the host's PID namespace; no PAM session (no systemd to talk to)
    sh`exec chroot ${m} /usr/sbin/sshd -D -e -o UsePAM=no -o PidFile=none`,
  ].join(' && ');
}

/**
 * Start the host detached (its own session) and return its PID. The mounts live in the host's private mount
 * namespace, so they vanish with its processes: nothing to unmount, even after a crash.
 */
export function launchHost(h: HostPlan): number {
  const top =
    h.kind === 'full'
      ? `exec unshare --mount --propagation private sh -c ${shellJoin([fullInner(h)])}`
      : `exec nsenter ${shellJoin([`--net=/run/netns/${h.net.netns}`])} unshare --mount --pid --uts --ipc --fork --kill-child --propagation private sh -c ${shellJoin([lightInner(h)])}`;
  const script = [...joinCgroupScript(h.cgroup), hostNetInside(h.net), top].join('\n');
  const log = openSync(join(h.dir, 'console.log'), 'a');
  try {
    const child = spawn('sh', ['-ec', script], { detached: true, stdio: ['ignore', log, log] });
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start host ${h.name}`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

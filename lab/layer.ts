// The lab layer: an overlay lower dir between the shared image and each host, holding what is the same for every
// host of one lab but differs between labs: EL identity, the lab's client key, ops's password, /etc/hosts.
import { execFileSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CPUINFO_IN_HOST } from './host.js';
import { identityFor } from './identity.js';
import type { LabOs } from './types.js';

/** mkdir -p inside `top`, each new directory with the mode and owner the image gives it (overlay takes them from the top). */
function mkdirLike(image: string, top: string, rel: string): void {
  const parts = rel.split('/').filter(Boolean);
  let cur = '';
  for (const part of parts) {
    cur = `${cur}/${part}`;
    const target = join(top, cur);
    if (existsSync(target)) continue;
    mkdirSync(target);
    const src = join(image, cur);
    if (existsSync(src)) {
      const st = lstatSync(src);
      chmodSync(target, st.mode & 0o7777);
      chownSync(target, st.uid, st.gid);
    }
  }
}

function writeLike(image: string, top: string, rel: string, content: string, mode: number, owner?: { uid: number; gid: number }): void {
  mkdirLike(image, top, dirname(rel));
  const target = join(top, rel);
  writeFileSync(target, content);
  chmodSync(target, mode);
  if (owner) chownSync(target, owner.uid, owner.gid);
}

function passwdEntry(image: string, user: string): { uid: number; gid: number; home: string } {
  for (const line of readFileSync(join(image, 'etc/passwd'), 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === user) return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? `/home/${user}` };
  }
  throw new Error(`user ${user} missing from the lab image`);
}

/** An overlay whiteout (a 0/0 character device) in the layer: the image's file or directory at `rel` is not seen. */
function hide(image: string, top: string, rel: string): void {
  mkdirLike(image, top, dirname(rel));
  execFileSync('mknod', ['--', join(top, rel), 'c', '0', '0']);
}

export interface LayerInput {
  image: string;
  layer: string;
  os: LabOs;
  clientPublicKey: string;
  /** crypt(3) hash of ops's password. */
  opsHash: string;
  hostsFile: string;
}

export function buildLayer(input: LayerInput): void {
  const { image, layer } = input;
  mkdirSync(layer, { recursive: true });
  const identity = identityFor(input.os);
  for (const [path, content] of identity.files) writeLike(image, layer, path, content, 0o644);
  for (const path of identity.hidden ?? []) hide(image, layer, path);
  writeLike(image, layer, '/etc/hosts', input.hostsFile, 0o644);
  for (const user of ['root', 'deploy', 'ops']) {
    const pw = passwdEntry(image, user);
    mkdirLike(image, layer, pw.home);
    const sshDir = `${pw.home}/.ssh`;
    mkdirSync(join(layer, sshDir), { recursive: true, mode: 0o700 });
    chownSync(join(layer, sshDir), pw.uid, pw.gid);
    writeLike(image, layer, `${sshDir}/authorized_keys`, input.clientPublicKey, 0o600, pw);
  }
  // early in boot, before anything reads CPU flags: the host's edited cpuinfo over the machine's
  const unit = [
    '[Unit]',
    'Description=kplay lab: CPU flags of this host',
    'DefaultDependencies=no',
    'Before=sysinit.target',
    `ConditionPathExists=${CPUINFO_IN_HOST}`,
    '',
    '[Service]',
    'Type=oneshot',
    'RemainAfterExit=yes',
    `ExecStart=/bin/mount --bind -o ro ${CPUINFO_IN_HOST} /proc/cpuinfo`,
    '',
    '[Install]',
    'WantedBy=sysinit.target',
    '',
  ].join('\n');
  writeLike(image, layer, '/etc/systemd/system/kplay-lab-cpuinfo.service', unit, 0o644);
  mkdirLike(image, layer, '/etc/systemd/system/sysinit.target.wants');
  symlinkSync('../kplay-lab-cpuinfo.service', join(layer, 'etc/systemd/system/sysinit.target.wants/kplay-lab-cpuinfo.service'));
  const shadowSt = lstatSync(join(image, 'etc/shadow'));
  const shadow = readFileSync(join(image, 'etc/shadow'), 'utf8')
    .split('\n')
    .map((line) => {
      const f = line.split(':');
      if (f[0] !== 'ops') return line;
      f[1] = input.opsHash;
      return f.join(':');
    })
    .join('\n');
  writeLike(image, layer, '/etc/shadow', shadow, shadowSt.mode & 0o7777, { uid: shadowSt.uid, gid: shadowSt.gid });
}

// fs.inotify.max_user_instances: booted systemd hosts need ~6 each and the default 128 stops at ~24 hosts.
// The first lab raises it and remembers the old value; the last lab's down puts it back.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SYSCTL_FILE } from './names.js';

const KEY = '/proc/sys/fs/inotify/max_user_instances';

export function raiseInotify(needed: number): void {
  const current = Number(readFileSync(KEY, 'utf8').trim());
  if (current >= needed) return;
  if (!existsSync(SYSCTL_FILE)) {
    mkdirSync(dirname(SYSCTL_FILE), { recursive: true });
    writeFileSync(SYSCTL_FILE, JSON.stringify({ 'fs.inotify.max_user_instances': current }));
  }
  writeFileSync(KEY, String(needed));
}

export function restoreSysctls(): void {
  if (!existsSync(SYSCTL_FILE)) return;
  const saved = JSON.parse(readFileSync(SYSCTL_FILE, 'utf8')) as Record<string, unknown>;
  const old = saved['fs.inotify.max_user_instances'];
  if (typeof old === 'number') writeFileSync(KEY, String(old));
  rmSync(SYSCTL_FILE, { force: true });
}

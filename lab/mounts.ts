// Mounts a lab or an image build left in this machine's mount namespace, found and dropped before their directory
// is removed (a recursive remove must never walk into a mounted /proc, /sys or /dev/pts).
import { readFileSync } from 'node:fs';
import { run } from './run.js';

/** Mount points at or below `dir` in our mount namespace (deepest first). */
export function mountsBelow(dir: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const mp = line.split(' ')[4];
    if (mp && (mp === dir || mp.startsWith(`${dir}/`))) out.push(mp.replace(/\\040/g, ' '));
  }
  return out.sort((a, b) => b.length - a.length);
}

/** Detach every mount at or below `dir`; true when none is left. */
export async function unmountBelow(dir: string): Promise<boolean> {
  for (const mp of mountsBelow(dir)) await run(['umount', '-l', '--', mp], { allowFail: true });
  return mountsBelow(dir).length === 0;
}

// A killed image build leaves mmdebstrap's mounts (/proc, /dev/pts, ...) in its half-built root. The next build's
// sweep must detach them before removing the directory: a recursive remove failed on them with EBUSY (an internal
// error, exit 250) and could walk into what they mount.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStaleBuilds } from '../../../lab/image/build.js';
import { mountsBelow, unmountBelow } from '../../../lab/mounts.js';
import { IMAGE_CACHE } from '../../../lab/names.js';

/** The PID of a process that has ended (as a killed builder's). */
function deadPid(): number {
  const child = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) {
    await unmountBelow(dir);
    spawnSync('rm', ['-rf', '--one-file-system', dir]);
  }
});

describe('sweeping half-built images', () => {
  it('detaches the mounts a killed build left, then removes its directory', async () => {
    const dir = join(IMAGE_CACHE, `.tmp-00c0ffee00c0ffee-${deadPid()}`);
    made.push(dir);
    const proc = join(dir, 'rootfs', 'proc');
    const shm = join(dir, 'rootfs', 'dev', 'shm');
    for (const d of [proc, shm]) mkdirSync(d, { recursive: true });
    expect(spawnSync('mount', ['-t', 'proc', 'proc', proc]).status).toBe(0);
    expect(spawnSync('mount', ['-t', 'tmpfs', 'tmpfs', shm]).status).toBe(0);
    writeFileSync(join(shm, 'left-by-the-build'), 'x');
    expect(mountsBelow(dir)).toEqual([shm, proc].sort((a, b) => b.length - a.length));
    const lines: string[] = [];
    await sweepStaleBuilds((l) => lines.push(l));
    expect(mountsBelow(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(lines).toEqual([]);
  });

  it("leaves a live builder's directory alone", async () => {
    const dir = join(IMAGE_CACHE, `.tmp-00c0ffee00c0ffee-${process.pid}`);
    made.push(dir);
    mkdirSync(join(dir, 'rootfs'), { recursive: true });
    await sweepStaleBuilds(() => undefined);
    expect(existsSync(join(dir, 'rootfs'))).toBe(true);
  });
});

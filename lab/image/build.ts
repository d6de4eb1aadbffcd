// The base image: built once with mmdebstrap, cached under IMAGE_CACHE/<hash of its recipe>, published by rename.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../engine/core/errors.js';
import { quote } from '../../engine/core/quote.js';
import { IMAGE_CACHE } from '../names.js';
import { unmountBelow } from '../mounts.js';
import { pidAlive } from '../pid.js';
import { run } from '../run.js';
import { debianMirrorLines, hostCodename, readAptSources } from './mirror.js';
import { ensureDebRepo } from './debrepo.js';
import { GATED_DEBIAN_PACKAGES } from './packages.js';
import { customizeScript, specFiles } from './script.js';
import { LOG_LIBRARIES } from './log-packages.js';
import { SERVER_LIBRARIES } from './server-packages.js';

/** Bump when the way an image is put together changes outside the hashed texts. */
const RECIPE_VERSION = 1;

const IMAGE_PACKAGES: readonly string[] = [
  'systemd',
  'systemd-sysv',
  'dbus',
  'libpam-systemd',
  'openssh-server',
  'iproute2',
  'procps',
  'python3',
  'sudo',
  'dnf',
  'rpm',
  'less',
  // modprobe and lsmod, which an installed EL or Debian host has (hardening roles install kmod and write modprobe.d)
  'kmod',
  ...GATED_DEBIAN_PACKAGES,
  ...SERVER_LIBRARIES,
  ...LOG_LIBRARIES,
];

export interface ImageRecipe {
  codename: string;
  mirrors: string[];
  packages: readonly string[];
  script: string;
  specs: Array<{ os: string; name: string; text: string }>;
  version: number;
}

function imageRecipe(): ImageRecipe {
  const codename = hostCodename();
  return {
    codename,
    mirrors: debianMirrorLines(readAptSources(), codename),
    packages: IMAGE_PACKAGES,
    script: customizeScript(),
    specs: specFiles(),
    version: RECIPE_VERSION,
  };
}

function recipeHash(recipe: ImageRecipe): string {
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 16);
}

export interface Image {
  hash: string;
  rootfs: string;
}

/**
 * Remove half-built images of killed runs (their builder's PID is in the directory name), after the mounts a killed
 * mmdebstrap leaves in them (/proc, /sys, /dev/pts, /dev/shm); one whose mounts stay is left, and said so.
 */
export async function sweepStaleBuilds(log: (line: string) => void): Promise<void> {
  for (const entry of readdirSync(IMAGE_CACHE)) {
    const m = /^\.tmp-[0-9a-f]+-(\d+)$/.exec(entry);
    if (!m?.[1] || pidAlive(Number(m[1]))) continue;
    const dir = join(IMAGE_CACHE, entry);
    if (await unmountBelow(dir)) rmSync(dir, { recursive: true, force: true });
    else log(`left ${dir}: something is still mounted below it`);
  }
}

/** Drop cached images of older recipes that no running lab uses (each is ~0.5 GB). */
function pruneImages(keep: string, inUse: ReadonlySet<string>): void {
  for (const entry of readdirSync(IMAGE_CACHE)) {
    if (/^[0-9a-f]{16}$/.test(entry) && entry !== keep && !inUse.has(entry)) rmSync(join(IMAGE_CACHE, entry), { recursive: true, force: true });
  }
}

export async function ensureImage(log: (line: string) => void, inUse: ReadonlySet<string> = new Set()): Promise<Image> {
  const recipe = imageRecipe();
  const hash = recipeHash(recipe);
  const final = join(IMAGE_CACHE, hash);
  const image = { hash, rootfs: join(final, 'rootfs') };
  if (existsSync(join(final, 'recipe.json'))) return image;
  // the EL server packages are unpacked from the Debian lab repository's .debs
  const debRepo = await ensureDebRepo(log);
  mkdirSync(IMAGE_CACHE, { recursive: true });
  await sweepStaleBuilds(log);
  const tmp = join(IMAGE_CACHE, `.tmp-${hash}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const work = join(tmp, 'build');
  mkdirSync(work, { recursive: true });
  const started = Date.now();
  log(`building the lab base image ${hash} with mmdebstrap (once; about a minute)`);
  try {
    writeFileSync(join(work, 'customize.sh'), recipe.script);
    for (const s of recipe.specs) {
      mkdirSync(join(work, 'specs', s.os), { recursive: true });
      writeFileSync(join(work, 'specs', s.os, `${s.name}.spec`), s.text);
    }
    const hook = `sh ${quote(join(work, 'customize.sh'))} "$1" ${quote(work)} ${quote(debRepo)}`;
    const argv = [
      'mmdebstrap',
      '--quiet',
      '--variant=minbase',
      `--include=${recipe.packages.join(',')}`,
      `--customize-hook=${hook}`,
      recipe.codename,
      join(tmp, 'rootfs'),
      ...recipe.mirrors,
    ];
    await run(argv, { env: { ...process.env, TMPDIR: tmp } });
    rmSync(work, { recursive: true, force: true });
    writeFileSync(join(tmp, 'recipe.json'), `${JSON.stringify(recipe, null, 2)}\n`);
    try {
      renameSync(tmp, final);
    } catch (err) {
      // another build of the same recipe won the race: theirs is as good as ours
      if (!existsSync(join(final, 'recipe.json'))) throw err;
      rmSync(tmp, { recursive: true, force: true });
    }
  } catch (err) {
    if (await unmountBelow(tmp)) rmSync(tmp, { recursive: true, force: true });
    if (err instanceof LabError) throw new LabError(`building the lab image failed: ${err.message}`, { cause: err });
    throw err;
  }
  pruneImages(hash, inUse);
  log(`lab base image ${hash} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return image;
}

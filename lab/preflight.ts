// Before touching the machine: Linux, root, and the tools the lab runs. One clear line when something lacks.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LabError } from '../engine/core/errors.js';
import { run } from './run.js';

/** Tool -> Debian package that provides it. */
const TOOLS: ReadonlyArray<readonly [string, string]> = [
  ['ip', 'iproute2'],
  ['nsenter', 'util-linux'],
  ['unshare', 'util-linux'],
  ['mount', 'mount'],
  ['ssh', 'openssh-client'],
  ['ssh-keygen', 'openssh-client'],
  ['openssl', 'openssl'],
  ['systemd-nspawn', 'systemd-container'],
  ['mmdebstrap', 'mmdebstrap'],
  ['rpmbuild', 'rpm'],
  ['createrepo_c', 'createrepo-c'],
];

export function which(tool: string): string | undefined {
  const dirs = (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter).concat(['/usr/sbin', '/sbin']);
  for (const d of dirs) {
    const p = join(d, tool);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export async function preflight(log: (line: string) => void): Promise<void> {
  if (process.platform !== 'linux') throw new LabError(`kplay lab needs Linux (this is ${process.platform})`);
  if (process.getuid?.() !== 0) throw new LabError('kplay lab needs root (it creates network namespaces, mounts and containers): run it with sudo');
  let missing = TOOLS.filter(([tool]) => which(tool) === undefined);
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map(([, pkg]) => pkg))];
  if (which('apt-get') !== undefined) {
    log(`installing missing Debian packages: ${pkgs.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    await run(['apt-get', 'install', '-y', '--no-install-recommends', ...pkgs], { env, allowFail: true });
    missing = TOOLS.filter(([tool]) => which(tool) === undefined);
    if (missing.length === 0) return;
  }
  const still = [...new Set(missing.map(([, pkg]) => pkg))];
  throw new LabError(`kplay lab is missing ${missing.map(([t]) => t).join(', ')}: install the Debian package(s) ${still.join(' ')}`);
}

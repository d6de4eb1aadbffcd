// Runs Debian's real ansible-inventory (the reference kplay must equal) with a private, quiet environment.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'kplay-ansible-'));
// an empty config of our own, so no ansible.cfg from the cwd or /etc changes the reference's behaviour
const config = join(home, 'ansible.cfg');
writeFileSync(config, '[defaults]\n');

export const ansibleEnv: NodeJS.ProcessEnv = {
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: home,
  LANG: 'C.UTF-8',
  ANSIBLE_HOME: join(home, '.ansible'),
  ANSIBLE_LOCAL_TEMP: join(home, 'tmp'),
  ANSIBLE_CONFIG: config,
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_FORCE_COLOR: '0',
  ANSIBLE_DEPRECATION_WARNINGS: '0',
  ANSIBLE_LOCALHOST_WARNING: '0',
  ANSIBLE_INVENTORY_UNPARSED_WARNING: '0',
};

/** `ansible-inventory -i S1 -i S2 ... ARGS` in `cwd`; stdout, stderr. */
export async function ansibleInventory(cwd: string, sources: readonly string[], args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const argv = [...sources.flatMap((s) => ['-i', s]), ...args];
  return run('ansible-inventory', argv, { cwd, env: ansibleEnv, maxBuffer: 64 * 1024 * 1024 });
}

// Which ansible.cfg is in force, as Ansible finds it: $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg,
// /etc/ansible/ansible.cfg, the first that exists. (Ansible skips ./ansible.cfg in a world-writable directory.)
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface ConfigPlaces {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly home: string;
}

export function findConfigFile({ env, cwd, home }: ConfigPlaces): string | undefined {
  const named = env.ANSIBLE_CONFIG;
  const candidates: string[] = [];
  if (named !== undefined && named !== '') {
    const path = resolve(cwd, named.replace(/^~(?=$|\/)/, home));
    candidates.push(isDir(path) ? join(path, 'ansible.cfg') : path);
  }
  if (!worldWritable(cwd)) candidates.push(join(cwd, 'ansible.cfg'));
  candidates.push(join(home, '.ansible.cfg'), '/etc/ansible/ansible.cfg');
  return candidates.find(isFile);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function worldWritable(dir: string): boolean {
  try {
    return (statSync(dir).mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

// Every module kplay knows, by name and alias. A new module: write modules/NAME.ts, add it to one of the lists.
import type { ModuleDef } from './contract.js';
import { everydayModules } from './everyday-modules.js';
import { factsModules } from './facts-modules.js';
import { kvmModules } from './kvm-modules.js';
import { systemModules } from './system-modules.js';
import { fileModules } from './file-modules.js';
import { netModules } from './net-modules.js';
import { repoModules } from './repo-modules.js';
import { dbModules } from './db-modules.js';
import { selinuxModules } from './selinux-modules.js';
import { cryptoModules } from './crypto-modules.js';

export const allModules: readonly ModuleDef[] = [...kvmModules, ...everydayModules, ...factsModules, ...systemModules, ...fileModules, ...netModules, ...repoModules, ...dbModules, ...selinuxModules, ...cryptoModules];

const byName = new Map<string, ModuleDef>();
for (const m of allModules) {
  const names = [m.name, ...(m.aliases ?? [])];
  // ansible.legacy.X: the builtin (or a playbook-local library/ module, which kplay refuses) under Ansible's other prefix
  for (const n of [...names, ...names.map((a) => `ansible.builtin.${a}`), ...names.map((a) => `ansible.legacy.${a}`)]) {
    byName.set(n, m);
  }
}

/** The module for a name as written in a task (aliases and the ansible.builtin. prefix accepted). */
export function findModule(name: string): ModuleDef | undefined {
  return byName.get(name);
}

/** Every name a task may use, for did-you-mean suggestions. */
export function moduleNames(): string[] {
  return [...byName.keys()];
}

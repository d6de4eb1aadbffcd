// ansible-playbook options about things kplay does not have. --flush-cache is accepted: it clears Ansible's fact
// cache, and kplay keeps no facts between runs, so each run's facts are already fresh. -M/--module-path is refused:
// kplay's modules are built in, so a directory of Ansible (Python) modules cannot be used, and ignoring it would run
// a playbook with other modules than its author meant.
import { InputError } from '../engine/core/errors.js';
import type { FlagsOf, OptionTable } from './option-table.js';

export const ANSIBLE_ONLY_OPTIONS = {
  flushCache: { flags: '--flush-cache', kind: 'flag', usage: '[--flush-cache]', help: "accepted as ansible-playbook's: kplay keeps no facts between runs (each run gathers them afresh)" },
  // not in the synopsis: refused
  modulePath: { flags: '-M, --module-path <paths>', kind: 'value', usage: '', help: "refused: kplay's modules are built in (`kplay doc` lists them)" },
} as const satisfies OptionTable;

export type AnsibleOnlyFlags = FlagsOf<typeof ANSIBLE_ONLY_OPTIONS>;

export function ansibleOnlyProblems(flags: AnsibleOnlyFlags): InputError[] {
  if (flags.modulePath === undefined) return [];
  return [
    new InputError(
      `-M/--module-path ${flags.modulePath}: kplay cannot load Ansible modules from a path; its modules are built in ` +
        '(`kplay doc` lists them, and a playbook naming another module is refused before the run)',
    ),
  ];
}

// The differential check of the module lab tests: one playbook run by ansible-playbook on h1 and by kplay on h2,
// first run and rerun; the two hosts' recaps and the exit codes must be equal. comparePlaybook also reads what each
// host was left with.
import { writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { LabInfo } from '../../../lab/index.js';
import { ansiblePlaybook, kplay, parseRecap } from './cli.js';
import { labSsh } from './lab.js';

export async function compareRuns(inventory: string, pb: string, extra: readonly string[] = []): Promise<void> {
  for (const round of ['first', 'rerun']) {
    // the two tools work on different hosts: side by side, each round
    const [a, k] = await Promise.all([ansiblePlaybook(['-i', inventory, pb, '-l', 'h1', ...extra]), kplay('run', '-i', inventory, pb, '-l', 'h2', ...extra)]);
    const ra = parseRecap(a.stdout).h1;
    const rk = parseRecap(k.stdout).h2;
    expect(rk, `${round}\n${k.stdout}\n${k.stderr}\n--- ansible\n${a.stdout}`).toEqual(ra);
    expect(ra, a.stdout).toBeDefined();
    expect(k.code, round).toBe(a.code);
  }
}

/** What a playbook left on each host: the state command's output on h1 (ansible-playbook) and h2 (kplay). */
export interface HostStates {
  readonly ansible: string;
  readonly kplay: string;
}

/**
 * Writes the playbook into dir, compares the two tools' runs (compareRuns) and reads the state command's output on
 * both hosts, for the test's own assertions.
 */
export async function comparePlaybook(info: LabInfo, inventory: string, file: string, playbook: string, stateCommand: string): Promise<HostStates> {
  writeFileSync(file, playbook);
  await compareRuns(inventory, file);
  const a = await labSsh(info, 'h1', stateCommand);
  const k = await labSsh(info, 'h2', stateCommand);
  return { ansible: a.stdout, kplay: k.stdout };
}

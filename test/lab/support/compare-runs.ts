// The differential check of the module lab tests: one playbook run by ansible-playbook on h1 and by kplay on h2,
// first run and rerun; the two hosts' recaps and the exit codes must be equal.
import { expect } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './cli.js';

export async function compareRuns(inventory: string, pb: string, extra: readonly string[] = []): Promise<void> {
  for (const round of ['first', 'rerun']) {
    const a = await ansiblePlaybook(['-i', inventory, pb, '-l', 'h1', ...extra]);
    const k = await kplay('run', '-i', inventory, pb, '-l', 'h2', ...extra);
    const ra = parseRecap(a.stdout).h1;
    const rk = parseRecap(k.stdout).h2;
    expect(rk, `${round}\n${k.stdout}\n${k.stderr}\n--- ansible\n${a.stdout}`).toEqual(ra);
    expect(ra, a.stdout).toBeDefined();
    expect(k.code, round).toBe(a.code);
  }
}

// `kplay run` shows what `kplay validate` warns about, once, before the run, and the run goes on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const KPLAY = join(ROOT, 'bin', 'kplay.js');
const PLAYBOOK = join(ROOT, 'test', 'fixtures', 'run-warnings', 'other-os.yml');
const INVENTORY = join(ROOT, 'test', 'fixtures', 'store', 'inventory.ini');

describe('kplay run and validate warnings', () => {
  it('prints the warning validate gives, with its location, once, and the run ends ok', async () => {
    const validate = await runCommand(['node', KPLAY, 'validate', PLAYBOOK, '-i', INVENTORY]);
    expect(validate.code, validate.stderr).toBe(0);
    const warning = /WARNING: [^\n]*other-os\.yml:6:7[^\n]*/.exec(validate.stderr)?.[0];
    expect(warning, validate.stderr).toMatch(/community\.general\.pacman/);

    const run = await runCommand(['node', KPLAY, 'run', '--no-live', '--no-record', '-i', INVENTORY, PLAYBOOK]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr.split(warning ?? '').length - 1).toBe(1);
    // before the first play's banner, which goes to stdout: the warning is not mixed into the run's output
    expect(run.stdout).not.toContain('community.general.pacman');
    expect(run.stdout).toMatch(/ok=1 /);
  });
});

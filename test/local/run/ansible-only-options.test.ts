// -M/--module-path is refused before the run (kplay's modules are built in); --flush-cache is accepted (no fact
// cache to clear: its run against ansible-playbook's is a case of test/compat/run/differential.test.ts).
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { ansibleOnlyProblems } from '../../../cli/run-ansible-only-options.js';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');

it('refuses -M with a message that says why', () => {
  expect(ansibleOnlyProblems({})).toEqual([]);
  expect(ansibleOnlyProblems({ flushCache: true })).toEqual([]);
  const [problem] = ansibleOnlyProblems({ modulePath: './library' });
  expect(problem?.message).toMatch(/-M\/--module-path \.\/library: kplay cannot load Ansible modules from a path; its modules are built in/);
});

it('stops with exit 5 before touching a host', async () => {
  const r = await runCommand(['node', resolve(ROOT, 'bin', 'kplay.js'), 'run', '--no-live', '-M', './library', '-i', `${FIXTURES}/inventory.ini`, `${FIXTURES}/when.yml`]);
  expect(r.code).toBe(5);
  expect(r.stderr).toContain('its modules are built in');
  expect(r.stdout).not.toContain('PLAY');
}, 30_000);

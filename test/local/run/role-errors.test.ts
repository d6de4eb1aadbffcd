// Run-time faults of include_role and include_vars: the host fails with a message that names what is missing.
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');

test('a missing role (named at run time) and a missing vars file fail their hosts, saying what was looked for', async () => {
  const argv = ['node', resolve(ROOT, 'bin', 'kplay.js'), 'run', '--no-live', '-i', join(FIXTURES, 'inventory.ini'), join(FIXTURES, 'role_errors.yml')];
  const r = await runCommand(argv, {}, 60_000);
  expect(r.code).toBe(2);
  // h1: the role does not exist; the include points at the task that named it
  expect(r.stdout).toMatch(/fatal: \[h1\]: FAILED! => .*role_errors\.yml:7:7: role \\"nope\\" not found/);
  // h2: the role exists, its task ran, then the vars file is missing
  expect(r.stdout).toMatch(/TASK \[greeter : other\][^]*ok: \[h2\]/);
  expect(r.stdout).toMatch(/fatal: \[h2\]: FAILED! => .*could not find missing\.yml; looked in: .*vars\/missing\.yml/);
  expect(r.stdout).toMatch(/h1 +: ok=0 +changed=0 +unreachable=0 +failed=1/);
  expect(r.stdout).toMatch(/h2 +: ok=1 +changed=0 +unreachable=0 +failed=1/);
}, 60_000);

// `kplay --version` answers from bin/kplay.js before the command tree loads: it must print what the CLI itself prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

const run = (script: string, args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8' });

it('prints the package version, as the full command line does', () => {
  const { version } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
  const quick = run('bin/kplay.js', ['--version']);
  const full = run('dist/cli/main.js', ['--version']);
  expect([quick.status, quick.stdout, quick.stderr]).toEqual([0, `${version}\n`, '']);
  expect([full.status, full.stdout]).toEqual([quick.status, quick.stdout]);
});

it('leaves --version beside other words to the command line', () => {
  const r = run('bin/kplay.js', ['--version', 'validate']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  const unknown = run('bin/kplay.js', ['--versio']);
  expect(unknown.status).toBe(5);
  expect(unknown.stderr).toContain("unknown option '--versio'");
});

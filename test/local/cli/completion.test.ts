// The bash completion of the built CLI, sourced into a real bash and asked as the shell asks it (COMP_WORDS).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { kplay } from '../../lab/support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-completion-'));
mkdirSync(join(dir, 'playbooks'));
writeFileSync(join(dir, 'site.yml'), '');
writeFileSync(join(dir, 'hosts.ini'), '');

/** What bash offers for the words typed so far (the last one is being completed). */
function complete(script: string, typed: readonly string[]): string[] {
  const words = typed.map((w) => `'${w}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${typed.length - 1}; _kplay; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l !== '').sort();
}

it('completes subcommands, options, files after a path option, and nothing after a valued option', async () => {
  const r = await kplay('completion', 'bash');
  expect(r.code).toBe(0);
  const script = r.stdout;
  expect(complete(script, ['kplay', 'ru'])).toEqual(['run']);
  expect(complete(script, ['kplay', 'run', '--li'])).toEqual(['--limit', '--list-hosts', '--list-tags', '--list-tasks']);
  expect(complete(script, ['kplay', 'run', '-i', 'ho'])).toEqual(['hosts.ini']);
  expect(complete(script, ['kplay', 'run', '-i', 'hosts.ini', 'si'])).toEqual(['site.yml']);
  expect(complete(script, ['kplay', 'run', '--forks', ''])).toEqual([]);
  expect(complete(script, ['kplay', 'lab', 'u'])).toEqual(['up']);
  expect(complete(script, ['kplay', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
});

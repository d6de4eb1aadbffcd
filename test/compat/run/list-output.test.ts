// --list-tags, --list-tasks, --list-hosts against ansible-playbook 2.14: the same bytes on stdout (hosts aside:
// Ansible lists a play's hosts from a Python set, in no fixed order, so those lines are compared sorted).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { describe, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';
import { runTool } from '../support/tool-run.js';

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');
const KPLAY = resolve(ROOT, 'bin', 'kplay.js');

const base = mkdtempSync(join(tmpdir(), 'kplay-list-'));
writeFileSync(join(base, 'ansible.cfg'), '');
const ANSIBLE_ENV: NodeJS.ProcessEnv = { ANSIBLE_CONFIG: join(base, 'ansible.cfg'), ANSIBLE_HOME: join(base, 'home'), ANSIBLE_NOCOLOR: '1' };

interface Case {
  readonly playbook: string;
  readonly args: readonly string[];
}

const cases: readonly Case[] = [
  // always, never, block / role / play tags: the never-tagged tasks are not listed, nor their tags
  { playbook: 'tags.yml', args: ['--list-tags'] },
  { playbook: 'tags.yml', args: ['--list-tags', '-t', 'never'] },
  { playbook: 'tags.yml', args: ['--list-tags', '--skip-tags', 'b'] },
  { playbook: 'tags.yml', args: ['--list-tasks', '-t', 'c'] },
  // tags of an include_tasks are the include's, not those of the tasks it includes
  { playbook: 'include_tags.yml', args: ['--list-tags'] },
  { playbook: 'include_tags.yml', args: ['--list-tasks', '--list-tags', '--skip-tags', 'inc'] },
  { playbook: 'import_role.yml', args: ['--list-tasks', '--list-tags'] },
  { playbook: 'include_role.yml', args: ['--list-tags', '-t', 'applied'] },
  // a block's rescue and always are not listed
  { playbook: 'block.yml', args: ['--list-tasks', '--list-tags'] },
  { playbook: 'handlers.yml', args: ['--list-tags'] },
  { playbook: 'limit.yml', args: ['--list-hosts', '--list-tasks', '--list-tags', '-l', 'web:!h2'] },
  { playbook: 'serial.yml', args: ['--list-hosts'] },
];

/** Sorts each run of host lines (six spaces, then a name with no tab) that follows a `hosts (N):` line. */
function hostsSorted(out: string): string {
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^ {4}hosts \(\d+\):$/.test(lines[i] ?? '')) continue;
    let end = i + 1;
    while (end < lines.length && /^ {6}[^\t ]+$/.test(lines[end] ?? '')) end++;
    lines.splice(i + 1, end - i - 1, ...lines.slice(i + 1, end).sort());
  }
  return lines.join('\n');
}

const limit = pLimit(2);

describe.concurrent('the --list-* options print what ansible-playbook prints', () => {
  for (const c of cases) {
    it(`${c.playbook} ${c.args.join(' ')}`, async ({ expect }) => {
      const args = ['-i', join(FIXTURES, 'inventory.ini'), '-e', 'dir=/nonexistent', ...c.args, join(FIXTURES, c.playbook)];
      const [a, k] = await Promise.all([
        limit(() => runTool(['ansible-playbook', ...args], ANSIBLE_ENV)),
        limit(() => runTool(['node', KPLAY, 'run', ...args])),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(k.code, k.stderr).toBe(0);
      expect(hostsSorted(k.stdout)).toBe(hostsSorted(a.stdout));
    }, 120_000);
  }
});

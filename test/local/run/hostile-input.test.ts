// Hostile input through the built CLI: exit 5 with a located message, never a stack trace (exit 250), never a
// hang or unbounded memory (issue 12, items 3, 4 and 7). Needs `npm run build`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCommand } from '../../lab/support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-hostile-'));
const write = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const inventory = write('inv.ini', 'localhost ansible_connection=local\n');
const kplay = (...args: string[]): ReturnType<typeof runCommand> => runCommand(['node', resolve(ROOT, 'bin', 'kplay.js'), ...args], {}, 30_000);

const bomb = (): string => {
  const lines = ['- hosts: localhost', '  gather_facts: false', '  vars:', '    a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`    a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n  tasks:\n    - debug: var=a9\n`;
};

const CASES: readonly { name: string; args: () => string[]; message: RegExp }[] = [
  { name: 'an alias bomb printed by debug', args: () => ['run', '--no-live', '-i', inventory, write('bomb.yml', bomb())], message: /bomb\.yml:\d+:\d+: YAML: this document expands through its aliases/ },
  { name: '-i /dev/zero', args: () => ['inventory', '-i', '/dev/zero', '--list'], message: /\/dev\/zero:1:1: cannot read \/dev\/zero: it is a character device/ },
  { name: '-e @/dev/zero', args: () => ['run', '--no-live', '-i', inventory, '-e', '@/dev/zero', write('ok.yml', '- hosts: localhost\n  tasks: []\n')], message: /-e @\/dev\/zero: cannot read/ },
  { name: 'a host range of ten million hosts', args: () => ['inventory', '-i', write('range.ini', 'web[0:9999999]\n'), '--list'], message: /range\.ini:1:1: host range web\[0:9999999\] expands to more than 100,000 hosts/ },
  { name: '2000 levels of block mappings', args: () => ['validate', write('deep.yml', `- hosts: all\n  vars:\n    x:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(6 + i)}k:`).join('\n')}\n`)], message: /deep\.yml:\d+:\d+: YAML: data nested deeper than 128 levels/ },
  { name: 'a NUL byte in a playbook', args: () => ['validate', write('nul.yml', '- hosts: all\n  tasks:\n    - debug: msg=h\0i\n')], message: /nul\.yml:3:19: .*contains a NUL byte/ },
  { name: 'invalid UTF-8 in an INI inventory', args: () => ['inventory', '-i', write('bad.ini', Buffer.from('[web]\nh\xff1\n', 'latin1')), '--list'], message: /bad\.ini:2:2: .*is not valid UTF-8/ },
  { name: 'a vars file that is a directory', args: () => ['validate', write('vf.yml', `- hosts: all\n  vars_files: [${dir}]\n  tasks: []\n`)], message: /vf\.yml:2:\d+: vars file/ },
];

describe('hostile input: exit 5, located, no stack trace', () => {
  test.each(CASES)('$name', async ({ args, message }) => {
    const r = await kplay(...args());
    expect(r.timedOut).toBe(false);
    expect(r.stderr).not.toMatch(/INTERNAL ERROR|\n\s+at /);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(5);
  });

  test('a UTF-8 BOM before `- hosts:` is a valid playbook', async () => {
    const r = await kplay('validate', write('bom.yml', '\ufeff- hosts: all\n  tasks: []\n'));
    expect(r.stdout).toBe('playbook OK\n');
    expect(r.code).toBe(0);
  });

  test('a 20 MB line in an error is shown as a window around the column', async () => {
    const r = await kplay('validate', write('wide.yml', `- hosts: all\n  tasks:\n    - debug: {msg: "${'x'.repeat(20_000_000)}"\n`));
    expect(r.code).toBe(5);
    expect(r.stderr.length).toBeLessThan(2000);
  });
});

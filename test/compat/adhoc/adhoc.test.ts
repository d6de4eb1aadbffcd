// `kplay adhoc` against the `ansible` command on the same local hosts: the same lines per host (hosts finish in
// any order: compared per host), the same exit code.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';
import { runTool } from '../support/tool-run.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const INVENTORY = join(ROOT, 'test', 'fixtures', 'runner', 'inventory.ini');
const ANSIBLE_ENV = { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3', ANSIBLE_LOAD_CALLBACK_PLUGINS: '0' };

/** The output cut into one block per host (a block starts at `host | `), sorted. */
function perHost(out: string): string[] {
  const blocks: string[] = [];
  for (const line of out.split('\n')) {
    if (/^h\d \| /.test(line) || blocks.length === 0) blocks.push(line);
    else blocks[blocks.length - 1] += `\n${line}`;
  }
  return blocks.map((b) => b.trimEnd()).filter((b) => b !== '').sort();
}

const cases: Readonly<Record<string, readonly string[]>> = {
  'ping': ['web', '-m', 'ping'],
  'command (the default module)': ['all', '-a', 'echo hello'],
  'shell that fails, with stderr': ['db', '-m', 'shell', '-a', 'echo out; echo err >&2; exit 3'],
  'debug with a template': ['h1:h4', '-m', 'debug', '-a', `msg='{{ inventory_hostname }} is in {{ group_names | join(",") }}'`],
  '-o, one line per host': ['web', '-o', '-a', 'printf "a\\nb"'],
  '--limit': ['all', '-l', 'h2', '-a', 'true'],
};

describe('kplay adhoc is ansible', () => {
  for (const [name, args] of Object.entries(cases)) {
    it(name, async () => {
      const argv = ['-i', INVENTORY, ...args];
      const [a, k] = await Promise.all([runTool(['ansible', ...argv], ANSIBLE_ENV), runTool(['node', KPLAY, 'adhoc', ...argv])]);
      expect(k.code, k.stdout + k.stderr).toBe(a.code);
      expect(perHost(a.stdout).length, a.stdout + a.stderr).toBeGreaterThan(0);
      expect(perHost(k.stdout)).toEqual(perHost(a.stdout));
    });
  }

  it('refuses arguments the module cannot take before touching a host, naming -a (ansible fails each host)', async () => {
    const k = await runTool(['node', KPLAY, 'adhoc', 'all', '-i', INVENTORY, '-m', 'debug', '-a', 'msg=a b']);
    expect(k.code).toBe(5);
    expect(k.stderr).toContain('-m debug -a "msg=a b": debug: "b" is not key=value');
    expect(k.stderr).not.toContain('adhoc.yml');
  });

  it('--list-hosts prints the hosts as ansible does', async () => {
    const argv = ['web:!h2', '-i', INVENTORY, '--list-hosts'];
    const [a, k] = await Promise.all([runTool(['ansible', ...argv], ANSIBLE_ENV), runTool(['node', KPLAY, 'adhoc', ...argv])]);
    expect(k.stdout).toBe(a.stdout);
  });

  it('refuses an unknown module before touching a host, with a did-you-mean', async () => {
    const k = await runTool(['node', KPLAY, 'adhoc', 'all', '-i', INVENTORY, '-m', 'pnig']);
    expect(k.code).toBe(5);
    expect(k.stderr).toMatch(/-m pnig: no such module[\s\S]*ping/);
  });
});

// ansible.cfg and ANSIBLE_* against Ansible's own reading: `kplay config dump --only-changed` equals
// `ansible-config dump --only-changed` for every setting kplay knows, and a run without -i takes the inventory and
// forks ansible.cfg names, as ansible-playbook does.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../engine/config/index.js';
import { ROOT, parseRecap } from '../../lab/support/cli.js';
import { loadScaledTimeout } from '../support/tool-run.js';

const KPLAY = resolve(ROOT, 'bin', 'kplay.js');
const RUNNER = resolve(ROOT, 'test', 'fixtures', 'runner');

function inDir(dir: string, argv: readonly string[], env: NodeJS.ProcessEnv = {}): { code: number; out: string; err: string } {
  const r = spawnSync(argv[0] ?? '', argv.slice(1), {
    cwd: dir,
    encoding: 'utf8',
    timeout: loadScaledTimeout(90_000),
    env: { ...process.env, NO_COLOR: '1', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, '.tmp'), ANSIBLE_HOME: join(dir, '.home'), ...env },
  });
  return { code: r.status ?? 255, out: r.stdout, err: r.stderr };
}

const KNOWN = new Set(SETTINGS.map((s) => s.name));
/** Ansible's dump lines of the settings kplay knows (it shows more, and the CONFIG_FILE line first). */
const knownLines = (out: string): string[] => out.split('\n').filter((l) => KNOWN.has(l.split('(')[0] ?? '') || l.startsWith('CONFIG_FILE()'));

describe('ansible.cfg', () => {
  it('dump --only-changed: the same settings, values and origins as ansible-config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cfg-compat-'));
    writeFileSync(
      join(dir, 'ansible.cfg'),
      ['[defaults]', 'inventory = hosts.ini,more.yml', 'forks = 7 ; inline', 'remote_user = deploy', 'host_key_checking = no', 'roles_path = roles:/opt/roles', 'timeout = 20', '[privilege_escalation]', 'become = True', 'become_user = ops', ''].join('\n'),
    );
    const env = { ANSIBLE_PRIVATE_KEY_FILE: '/keys/id', ANSIBLE_FORKS: '9' };
    const a = inDir(dir, ['ansible-config', 'dump', '--only-changed'], env);
    const k = inDir(dir, ['node', KPLAY, 'config', 'dump', '--only-changed'], env);
    expect(a.code, a.err).toBe(0);
    expect(k.code, k.err).toBe(0);
    const want = knownLines(a.out);
    expect(want.length, a.out).toBeGreaterThanOrEqual(9);
    expect(knownLines(k.out)).toEqual(want);
  });

  it('a run without -i: the inventory ansible.cfg names, in both tools', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-cfg-run-'));
    cpSync(join(RUNNER, 'inventory.ini'), join(dir, 'hosts.ini'));
    cpSync(join(RUNNER, 'when.yml'), join(dir, 'when.yml'));
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\ninventory = hosts.ini\nforks = 2\n');
    const args = ['-e', `dir=${dir}`, 'when.yml'];
    const a = inDir(dir, ['ansible-playbook', ...args], { ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' });
    const k = inDir(dir, ['node', KPLAY, 'run', '--no-live', ...args]);
    expect(k.code, k.out + k.err).toBe(a.code);
    const recap = parseRecap(a.out);
    expect(Object.keys(recap).length, a.out).toBe(5);
    expect(parseRecap(k.out)).toEqual(recap);
  });
});

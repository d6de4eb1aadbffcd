// known_hosts on a lab host against Ansible's: the same sequence of adhoc calls by each tool on its own file gives the
// same exit codes, changed flags and final file (hashed host fields compared by shape, their salt being random).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplay, runCommand } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

interface Outcome {
  readonly code: number;
  readonly changed: unknown;
}

const outcome = (r: { code: number; stdout: string }): Outcome => {
  const at = r.stdout.indexOf('{');
  const changed = at < 0 ? undefined : (JSON.parse(r.stdout.slice(at)) as { changed?: unknown }).changed;
  return { code: r.code, changed };
};

describe('known_hosts against ansible on a lab host', () => {
  const keys: Record<'a' | 'b' | 'ec', string> = { a: '', b: '', ec: '' };
  const scratch = mkdtempSync(join(tmpdir(), 'kplay-kh-'));
  for (const [name, type] of [['a', 'ed25519'], ['b', 'ed25519'], ['ec', 'ecdsa']] as const) {
    execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', join(scratch, name)]);
    keys[name] = readFileSync(join(scratch, `${name}.pub`), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  }
  const info = useLab({ name: 'modskh', count: 1, cleanup: () => rmSync(scratch, { recursive: true, force: true }) });

  const scenarios: Record<string, (file: string) => string[]> = {
    'add to a missing file, rerun': (f) => [`name=web1 key='web1 ${keys.a}' path=${f}`, `name=web1 key='web1 ${keys.a}' path=${f}`],
    'replace a key of the same type, add one of another type': (f) => [
      `name=web1 key='web1 ${keys.a}' path=${f}`,
      `name=other key='other ${keys.b}' path=${f}`,
      `name=web1 key='web1 ${keys.b}' path=${f}`,
      `name=web1 key='web1 ${keys.ec}' path=${f}`,
      `name=web1 key='web1 ${keys.ec}' path=${f}`,
    ],
    'absent with a key, then without, [host]:port': (f) => [
      `name=web1 key='web1 ${keys.a}' path=${f}`,
      `name=[web2]:2222 key='[web2]:2222 ${keys.b}' path=${f}`,
      `name=web1 key='web1 ${keys.b}' state=absent path=${f}`,
      `name=web1 key='web1 ${keys.a}' state=absent path=${f}`,
      `name=web1 key='web1 ${keys.a}' state=absent path=${f}`,
      `name=[web2]:2222 state=absent path=${f}`,
      `name=[web2]:2222 state=absent path=${f}`,
    ],
    'refusals: a key of another host, no key': (f) => [`name=web1 key='web2 ${keys.a}' path=${f}`, `name=web1 path=${f}`],
    'hash_host, rerun': (f) => [`name=web1 key='web1 ${keys.a}' hash_host=true path=${f}`, `name=web1 key='web1 ${keys.a}' hash_host=true path=${f}`, `name=web1 key='web1 ${keys.a}' path=${f}`],
  };

  it.each(Object.keys(scenarios))('%s: same codes, changed flags and file as Ansible', async (name) => {
    const script = scenarios[name];
    if (script === undefined) throw new Error(name);
    const run = async (tool: 'ansible' | 'kplay'): Promise<{ outcomes: Outcome[]; files: string }> => {
      const dir = `/srv/kh-${tool}`;
      expect((await labSsh(info, 'h1', `rm -rf ${dir} && mkdir -p ${dir}`)).code).toBe(0);
      const outcomes: Outcome[] = [];
      for (const args of script(`${dir}/known_hosts`)) {
        const adhoc = ['h1', '-i', info.inventory, '-m', 'known_hosts', '-a', args];
        const r = tool === 'ansible' ? await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }) : await kplay('adhoc', ...adhoc);
        outcomes.push(outcome(r));
      }
      const files = (await labSsh(info, 'h1', `cd ${dir} && for f in *; do echo "== $f $(stat -c %a "$f")"; cat "$f"; done`)).stdout;
      return { outcomes, files: files.replace(/\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28}/g, '|1|SALT|HASH') };
    };
    const a = await run('ansible');
    const k = await run('kplay');
    // Ansible's answers are real ones (a change or a refusal), so the comparison cannot pass on two empty runs
    expect(a.outcomes.some((o) => o.changed === true || o.code !== 0)).toBe(true);
    expect(k).toEqual(a);
  });
});

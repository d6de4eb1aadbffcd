// Ctrl-C (SIGINT) of a run: the commands end on the hosts (as root and through sudo), exit 99 within seconds, the
// hosts cut off are reported interrupted and not unreachable.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCommand } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const tmp = mkdtempSync(join(tmpdir(), 'kplay-interrupt-'));
const lab = useLab({ name: 'interrupt1', count: 2, cleanup: () => rmSync(tmp, { recursive: true, force: true }) });
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Started {
  readonly out: () => string;
  readonly closed: Promise<number>;
  kill(sig: NodeJS.Signals): void;
}

function start(args: readonly string[]): Started {
  const child = spawn('node', [resolve(ROOT, 'bin/kplay.js'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const closed = new Promise<number>((r) => child.on('close', (c) => r(c ?? 255)));
  return { out: () => out, closed, kill: (sig) => child.kill(sig) };
}

async function sleepers(host: string): Promise<number> {
  const r = await labSsh(lab.info(), host, "pgrep -f '^sleep 45' | wc -l");
  return Number(r.stdout.trim());
}

describe('interrupt', () => {
  for (const how of ['root', 'become'] as const) {
    it(`SIGINT while sleep 45 runs (${how}): exit 99 within seconds, interrupted (named after the recap), nothing left on the hosts`, async () => {
      const info = lab.info();
      const play = join(tmp, `${how}.yml`);
      const become = how === 'become' ? '  remote_user: deploy\n  become: true\n' : '';
      writeFileSync(play, `- hosts: all\n  gather_facts: false\n${become}  tasks:\n    - command: sleep 45\n    - command: "true"\n`);
      // the become run reports in --json: its recap and run_end come out too
      const run = start(['run', play, '-i', info.inventory, how === 'become' ? '--json' : '--no-live']);
      const deadline = Date.now() + 60_000;
      while ((await sleepers('h1')) + (await sleepers('h2')) < 2 && Date.now() < deadline) await delay(200);
      expect((await sleepers('h1')) + (await sleepers('h2'))).toBe(2);
      const signalled = Date.now();
      run.kill('SIGINT');
      const code = await Promise.race([run.closed, delay(20_000).then(() => -1)]);
      const seconds = (Date.now() - signalled) / 1000;
      if (code === -1) run.kill('SIGKILL');
      expect(code).toBe(99);
      // answers within seconds, not after the 45 s the command would take (a generous bound: the machine is shared)
      expect(seconds).toBeLessThan(15);
      expect(run.out()).toMatch(/interrupted/);
      // after the recap: which hosts the interrupt cut off
      expect(run.out()).toMatch(/interrupted: the run stopped before its end; cut off on h1, h2|"msg":"interrupted: the run stopped before its end; cut off on h1, h2/);
      expect(run.out()).not.toMatch(/UNREACHABLE|unreachable=[1-9]/);
      expect(run.out()).not.toMatch(/internal error|uncaught|"unreachable":\s*true/i);
      if (how === 'become') {
        const events = run.out().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string; exit_code?: number; hosts?: Record<string, { unreachable: number }> });
        const recap = events.find((e) => e.event === 'recap');
        expect(Object.keys(recap?.hosts ?? {}).sort()).toEqual(['h1', 'h2']);
        expect(Object.values(recap?.hosts ?? {}).every((c) => c.unreachable === 0)).toBe(true);
        expect(events.at(-1)).toMatchObject({ event: 'run_end', exit_code: 99 });
      }
      await delay(3000 - Math.min(3000, Date.now() - signalled));
      expect(await sleepers('h1')).toBe(0);
      expect(await sleepers('h2')).toBe(0);
    }, 180_000);
  }

  it('SIGINT during connection set-up to a cut host: exit 99 within ~2 s, interrupted, not unreachable', async () => {
    const info = lab.info();
    const play = join(tmp, 'cut.yml');
    writeFileSync(play, `- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n`);
    const cut = await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'cut', 'h2', '--name', 'interrupt1']);
    expect(cut.code).toBe(0);
    try {
      const run = start(['run', play, '-i', info.inventory, '--no-live']);
      await delay(2500);
      const signalled = Date.now();
      run.kill('SIGINT');
      const code = await Promise.race([run.closed, delay(20_000).then(() => -1)]);
      const seconds = (Date.now() - signalled) / 1000;
      if (code === -1) run.kill('SIGKILL');
      expect(code).toBe(99);
      // not the ~21 s it took before (a generous bound: the machine is shared)
      expect(seconds).toBeLessThan(8);
      expect(run.out()).toMatch(/interrupted/);
      expect(run.out()).not.toMatch(/UNREACHABLE|unreachable=[1-9]/);
    } finally {
      await runCommand(['node', resolve(ROOT, 'bin/kplay.js'), 'lab', 'heal', 'h2', '--name', 'interrupt1']);
    }
  }, 120_000);
});

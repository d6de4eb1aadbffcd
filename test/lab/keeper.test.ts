// `run --persist` on real hosts: the next run reuses the SSH connections the keeper holds (the hosts' own TCP
// tables show no new connection), results are the same through the keeper, and the keeper ends on `connections
// stop` and by itself once it holds nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, parseRecap, runCommand } from './support/cli.js';
import { useLab } from './support/lab.js';

const LAB = 't-keeper';
const controlDir = mkdtempSync(join(tmpdir(), 'kplay-keeper-'));
const env = { KPLAY_CONTROL_DIR: controlDir };
const bin = resolve(ROOT, 'bin', 'kplay.js');
const kplay = (...args: string[]) => runCommand(['node', bin, ...args], env);
const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const playbook = join(controlDir, 'persist.yml');
writeFileSync(
  playbook,
  `- hosts: all
  gather_facts: false
  tasks:
    - command: hostname
      register: name
    - file: { path: /tmp/kplay-keeper, state: touch }
    - copy: { dest: /tmp/kplay-keeper.txt, content: "{{ name.stdout }}\\n" }
    - shell: cat /tmp/kplay-keeper.txt
      register: back
    - assert: { that: ["back.stdout == name.stdout"] }
    - file: { path: /tmp/kplay-keeper, state: absent }
`,
);

/** The peer ports of the SSH connections a host has now, from its own network namespace. */
function sshPeers(netns: string): string[] {
  const out = execFileSync('ip', ['netns', 'exec', netns, 'ss', '-Htn', 'state', 'established', '( sport = :22 )'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/).at(-1) ?? '')
    .sort();
}

/** PIDs of keepers serving on our control directory. */
function keeperPids(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return cmd.includes('serve') && cmd.includes(join(controlDir, 'keeper.sock'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(what: string, ok: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await delay(100);
  }
}

describe('connections kept between runs (--persist)', () => {
  const lab = useLab({
    name: LAB,
    count: 2,
    kind: 'light',
    cleanup: async () => {
      await kplay('connections', 'stop');
      for (const pid of keeperPids()) process.kill(pid, 'SIGTERM');
    },
    teardownTimeout: 900_000,
  });
  let rerunRecap: ReturnType<typeof parseRecap> = {};

  it('the second run goes over the first run\'s connections, with the same results', async () => {
    const info = lab.info();
    const first = await kplay('run', playbook, '-i', info.inventory, '--persist', '60');
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const held = info.hosts.map((h) => sshPeers(h.netns));
    for (const peers of held) expect(peers).toHaveLength(1);
    expect(keeperPids()).toHaveLength(1);

    const second = await kplay('run', playbook, '-i', info.inventory, '--persist', '60');
    expect(second.code, second.stdout + second.stderr).toBe(0);
    // the copy is in place after the first run: ok the second time
    for (const h of info.hosts) {
      expect(parseRecap(first.stdout)[h.name]).toMatchObject({ ok: 6, changed: 5, failed: 0 });
      expect(parseRecap(second.stdout)[h.name]).toMatchObject({ ok: 6, changed: 4, failed: 0 });
    }
    rerunRecap = parseRecap(second.stdout);
    expect(info.hosts.map((h) => sshPeers(h.netns))).toEqual(held);

    const list = await kplay('connections', 'list');
    for (const h of info.hosts) expect(list.stdout).toMatch(new RegExp(`^${h.name}\\t.*reused 1 time\\(s\\)$`, 'm'));
  });

  it('a run without --persist connects on its own and leaves the kept connections alone', async () => {
    const info = lab.info();
    const held = info.hosts.map((h) => sshPeers(h.netns));
    const r = await kplay('run', playbook, '-i', info.inventory);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(parseRecap(r.stdout)).toEqual(rerunRecap);
    expect(info.hosts.map((h) => sshPeers(h.netns))).toEqual(held);
  });

  it('connections stop ends the keeper and closes what it held', async () => {
    const info = lab.info();
    const pids = keeperPids();
    expect(pids).toHaveLength(1);
    const r = await kplay('connections', 'stop');
    expect(r.stdout).toContain('connection keeper stopped');
    await until('the keeper process ends', () => keeperPids().length === 0);
    expect(existsSync(join(controlDir, 'keeper.sock'))).toBe(false);
    await until('the hosts see the connections close', () => info.hosts.every((h) => sshPeers(h.netns).length === 0));
  });

  it('a keeper that holds nothing for its persist time ends by itself', async () => {
    const info = lab.info();
    const r = await kplay('run', playbook, '-i', info.inventory, '--persist', '1');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(keeperPids()).toHaveLength(1);
    await until('the idle keeper ends', () => keeperPids().length === 0, 10_000);
    await until('the hosts see the connections close', () => info.hosts.every((h) => sshPeers(h.netns).length === 0));
  }, 30_000);
});

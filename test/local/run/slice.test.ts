// A sliced run through the built CLI, started as a Kubernetes Indexed Job starts its pods: every host runs in
// exactly one slice, the slices' recaps join into the unsliced run's, and all carry the run id they were given.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { kplay, ROOT, runCommand } from '../../lab/support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'slice');
const INVENTORY = join(FIXTURES, 'inventory.ini');

interface Event {
  readonly event: string;
  readonly run_id?: string;
  readonly hosts?: Record<string, Record<string, number>> | string[];
  readonly slice?: { index: number; count: number };
}

async function events(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; events: Event[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'kplay-slice-')), 'events.ndjson');
  const r = await runCommand(['node', join(ROOT, 'bin', 'kplay.js'), 'run', '--no-live', '-i', INVENTORY, '--json-file', file, ...args], env);
  expect(r.stderr).not.toMatch(/Error|at .*\.js/);
  return { code: r.code, events: readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Event) };
}

const recapOf = (es: readonly Event[]) => es.find((e) => e.event === 'recap')?.hosts as Record<string, Record<string, number>>;

it('four slices from JOB_COMPLETION_INDEX join into the unsliced run', async () => {
  const whole = await events([join(FIXTURES, 'site.yml')]);
  expect(whole.code).toBe(0);
  const joined: Record<string, Record<string, number>> = {};
  for (let index = 0; index < 4; index++) {
    const part = await events([join(FIXTURES, 'site.yml')], { JOB_COMPLETION_INDEX: String(index), KPLAY_SHARD_COUNT: '4', KPLAY_RUN_ID: 'job-1234' });
    expect(part.code).toBe(0);
    expect(new Set(part.events.map((e) => e.run_id))).toEqual(new Set(['job-1234']));
    expect(part.events[0]?.slice).toEqual({ index: index + 1, count: 4 });
    const recap = recapOf(part.events);
    expect(Object.keys(recap).length).toBeGreaterThanOrEqual(6);
    for (const [host, counts] of Object.entries(recap)) {
      expect(joined[host], `${host} ran in two slices`).toBeUndefined();
      joined[host] = counts;
    }
  }
  expect(joined).toEqual(recapOf(whole.events));
});

it('--list-hosts shows the slice, and a playbook that coordinates hosts is refused before the run', async () => {
  const listed = await kplay('run', '-i', INVENTORY, '--shard', '2/2', '--list-hosts', join(FIXTURES, 'site.yml'));
  expect(listed.code).toBe(0);
  const counts = [...listed.stdout.matchAll(/hosts \((\d+)\)/g)].map((m) => Number(m[1]));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(12);
  const refused = await kplay('run', '--no-live', '-i', INVENTORY, '--shard', '1/2', join(FIXTURES, 'run_once.yml'));
  expect(refused.code).toBe(5);
  expect(refused.stderr).toMatch(/run_once\.yml:5:\d+.*run_once cannot be sliced/s);
  expect(refused.stdout).not.toContain('TASK [');
  const bad = await kplay('run', '--no-live', '-i', INVENTORY, '--shard', '3/2', join(FIXTURES, 'site.yml'));
  expect(bad.code).toBe(5);
  expect(bad.stderr).toContain('--shard 3/2: expected I/N');
});

// CI output beside the human one: --json-file (NDJSON with a run id and timestamps) and --junit (read back by
// Python's own XML parser), on a local run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { expect, it } from 'vitest';
import { kplay, ROOT } from '../../lab/support/cli.js';

const RUNNER = join(ROOT, 'test', 'fixtures', 'runner');

it('writes NDJSON and JUnit files while the human output stays on stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-ci-out-'));
  const json = join(dir, 'events.ndjson');
  const junit = join(dir, 'report.xml');
  const r = await kplay('run', '--no-live', '-i', join(RUNNER, 'inventory.ini'), '-e', `dir=${dir}`, '--json-file', json, '--junit', junit, join(RUNNER, 'ignore_errors.yml'));
  expect(r.stdout).toContain('PLAY RECAP');
  const events = readFileSync(json, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(events[0]?.event).toBe('run_start');
  expect(events.at(-1)).toMatchObject({ event: 'run_end', exit_code: r.code });
  expect(new Set(events.map((e) => e.run_id)).size).toBe(1);
  expect(String(events[0]?.run_id)).toMatch(/^[0-9a-f-]{36}$/);
  for (const e of events) expect(Number.isNaN(Date.parse(String(e.ts)))).toBe(false);
  const valid = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'schemas', 'events.schema.json'), 'utf8')) as object);
  for (const e of events) expect(valid(e), JSON.stringify([e, valid.errors])).toBe(true);
  const results = events.filter((e) => e.event === 'host_result' && e.included === undefined).length;
  const parsed = spawnSync('python3', ['-c', 'import sys, xml.etree.ElementTree as E; s = E.parse(sys.argv[1]).getroot()[0]; print(s.get("tests"), len(s.findall("testcase")), s.get("failures"))', junit], { encoding: 'utf8' });
  expect(parsed.status, parsed.stderr).toBe(0);
  const [tests, cases] = parsed.stdout.trim().split(' ').map(Number);
  expect(tests).toBe(cases);
  expect(cases).toBeGreaterThan(0);
  expect(cases).toBeLessThanOrEqual(results);
});

it('refuses a report file it cannot write, before the run', async () => {
  const r = await kplay('run', '--no-live', '-i', join(RUNNER, 'inventory.ini'), '--junit', '/nonexistent/dir/r.xml', join(RUNNER, 'when.yml'));
  expect(r.code).toBe(5);
  expect(r.stderr).toContain('--junit /nonexistent/dir/r.xml: cannot write it (ENOENT)');
  expect(r.stdout).not.toContain('TASK [');
});

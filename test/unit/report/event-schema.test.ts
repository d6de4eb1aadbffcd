// The published JSON Schema of the events (schemas/events.schema.json) holds every event kind as --json writes
// it, refuses what a consumer could not rely on, and docs/events.md lists every kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunEventKind } from '../../../engine/core/events.js';
import { toJsonLine } from '../../../engine/report/ndjson.js';

const ROOT = join(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/events.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const loc = { file: 'site.yml', line: 3, col: 7 };
const counts = { ok: 2, changed: 1, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 };

/** One event of every kind, each with its optional fields: a kind added without a sample does not compile. */
const SAMPLES: { readonly [K in RunEventKind]: readonly Extract<RunEvent, { event: K }>[] } = {
  run_start: [
    { event: 'run_start', playbook: 'site.yml', check: false, hosts: ['h1'] },
    { event: 'run_start', playbook: 'site.yml', check: true, hosts: [], slice: { index: 2, count: 4 } },
  ],
  play_start: [
    { event: 'play_start', play: 'web', hosts: ['h1', 'h2'] },
    { event: 'play_start', play: 'web', hosts: ['h3'], again: true },
    { event: 'play_start', play: 'nobody', hosts: [], noHostsMatched: true },
  ],
  task_start: [
    { event: 'task_start', play: 'web', task: 'install', loc, hosts: ['h1'] },
    { event: 'task_start', play: 'web', task: 'restart', loc, hosts: ['h1'], handler: true, role: 'nginx' },
    { event: 'task_start', play: 'web', task: 'flush', loc, hosts: ['h1', 'h2'], again: true },
  ],
  host_result: [
    { event: 'host_result', host: 'h1', task: 'install', status: 'ok', durationMs: 3 },
    {
      event: 'host_result',
      host: 'h1',
      delegatedTo: 'h2',
      task: 'copy',
      status: 'changed',
      msg: 'wrote /etc/x',
      durationMs: 12,
      predicted: true,
      item: 'a',
      detail: { rc: 0, stdout: '' },
      diff: { path: '/etc/x', before: 'a\n', after: 'b\n' },
    },
    { event: 'host_result', host: 'h1', task: 'fail', status: 'failed', msg: 'boom', durationMs: 1, ignored: true, changed: true, rescued: false },
  ],
  task_end: [{ event: 'task_end', task: 'install', durationMs: 40 }],
  warning: [{ event: 'warning', msg: 'careful' }],
  log: [
    { event: 'log', level: 3, host: 'h1', msg: 'ssh: connected' },
    { event: 'log', level: 1, msg: 'no host' },
  ],
  recap: [{ event: 'recap', hosts: { h1: counts, h2: { ...counts, failed: 1 } } }],
  run_end: [{ event: 'run_end', exitCode: 2, durationMs: 4123 }],
};

const line = (e: RunEvent) => JSON.parse(toJsonLine(e, { ts: '2026-12-04T20:51:02.114Z', run_id: 'r-1' })) as Record<string, unknown>;

describe('schemas/events.schema.json', () => {
  it.each(Object.values(SAMPLES).flat().map((e) => [e.event, e] as const))('holds a %s line as --json writes it', (_kind, e) => {
    expect(validate(line(e)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['an unknown kind', { event: 'nosuch' }],
    ['a result without its status', { event: 'host_result', host: 'h1', task: 't', duration_ms: 1 }],
    ['a status kplay never gives', { event: 'host_result', host: 'h1', task: 't', status: 'weird', duration_ms: 1 }],
    ['a recap without a count', { event: 'recap', hosts: { h1: { ok: 1 } } }],
    ['a negative exit code', { event: 'run_end', exit_code: -1, duration_ms: 1 }],
    ['a slice counted from 0', { event: 'run_start', playbook: 'p', check: false, hosts: [], slice: { index: 0, count: 2 } }],
    ['a timestamp that is not UTC ISO 8601', { event: 'warning', msg: 'x', ts: 'yesterday' }],
  ])('refuses %s', (_what, obj) => {
    expect(validate(obj)).toBe(false);
  });

  it('is the list docs/events.md documents, kind for kind', () => {
    const doc = readFileSync(join(ROOT, 'docs/events.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(SAMPLES));
    expect(doc).toContain('schemas/events.schema.json');
  });
});

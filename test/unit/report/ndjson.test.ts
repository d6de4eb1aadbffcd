// --json: one NDJSON object per event with the fields DESIGN.md fixes, and never a secret.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../engine/core/events.js';
import { Secret } from '../../../engine/core/secret.js';
import { createReporter } from '../../../engine/report/index.js';
import { Capture } from './capture.js';

const counts = { ok: 5, changed: 3, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
const events: RunEvent[] = [
  { event: 'run_start', playbook: 'playbooks/kvm-host.yml', check: false, hosts: ['h1', 'h2'] },
  { event: 'play_start', play: 'Prepare KVM hosts', hosts: ['h1', 'h2'] },
  {
    event: 'task_start',
    play: 'Prepare KVM hosts',
    task: 'Install virtualization packages',
    loc: { file: 'playbooks/kvm-host.yml', line: 12, col: 7 },
    hosts: ['h1', 'h2'],
  },
  {
    event: 'host_result',
    host: 'h1',
    task: 'Install virtualization packages',
    status: 'changed',
    msg: 'installed: qemu-kvm, libvirt',
    durationMs: 812,
    detail: { password: new Secret('hunter2') },
  },
  { event: 'task_end', task: 'Install virtualization packages', durationMs: 900 },
  { event: 'warning', msg: 'careful' },
  { event: 'log', level: 3, host: 'h1', msg: 'ssh: connected' },
  { event: 'recap', hosts: { h1: counts } },
  { event: 'run_end', exitCode: 0, durationMs: 4123 },
];

// DESIGN.md's fixed fields, per kind
const fixed: Record<string, Record<string, unknown>> = {
  run_start: { event: 'run_start', playbook: 'playbooks/kvm-host.yml', check: false, hosts: ['h1', 'h2'] },
  play_start: { event: 'play_start', play: 'Prepare KVM hosts', hosts: ['h1', 'h2'] },
  task_start: {
    event: 'task_start',
    play: 'Prepare KVM hosts',
    task: 'Install virtualization packages',
    loc: 'playbooks/kvm-host.yml:12:7',
  },
  host_result: {
    event: 'host_result',
    host: 'h1',
    task: 'Install virtualization packages',
    status: 'changed',
    msg: 'installed: qemu-kvm, libvirt',
    duration_ms: 812,
  },
  recap: { event: 'recap', hosts: { h1: counts } },
  run_end: { event: 'run_end', exit_code: 0, duration_ms: 4123 },
};

describe('--json writes NDJSON in DESIGN.md\'s shape', () => {
  const out = new Capture();
  const err = new Capture();
  // verbosity and color must not leak anything human onto stdout
  const r = createReporter({ json: true, live: true, verbosity: 4, color: true, out, err, forceLive: true });
  for (const e of events) r.on(e);

  const lines = out.text.split('\n');
  it('one JSON object per line, one line per event, nothing else on stdout', () => {
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(events.length);
    for (const l of lines) expect(JSON.parse(l)).toBeTypeOf('object');
    expect(out.text).not.toContain('\u001b');
    expect(err.text).toBe('');
  });

  it('carries the fixed fields with their snake_case names', () => {
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const obj of parsed) {
      const want = fixed[obj['event'] as string];
      if (want) expect(obj).toMatchObject(want);
      // no camelCase field names at all
      for (const k of Object.keys(obj)) expect(k).toMatch(/^[a-z_]+$/);
    }
    expect(parsed.map((o) => o['event'])).toEqual(events.map((e) => e.event));
  });

  it('never prints a secret', () => {
    expect(out.text).not.toContain('hunter2');
    expect(out.text).toContain('********');
  });
});

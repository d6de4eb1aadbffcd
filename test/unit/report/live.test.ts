// The live terminal view: when it is chosen, rows redrawn in place, timer redraws, warnings, cost per result.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../engine/core/events.js';
import { createReporter, LiveReporter, RecapCounter } from '../../../engine/report/index.js';
import { Capture } from './capture.js';

const loc = { file: 'pb.yml', line: 1, col: 1 };
const ESC = '\u001b[';

function live(out = new Capture(), err = new Capture()): { r: ReturnType<typeof createReporter>; out: Capture; err: Capture } {
  const r = createReporter({ json: false, live: true, forceLive: true, verbosity: 0, color: false, out, err });
  return { r, out, err };
}

describe('live view', () => {
  it('is chosen only when asked for and on a terminal (or forced), never with -v', () => {
    const tty = new Capture({ tty: true, columns: 100 });
    const base = { json: false, color: false, err: new Capture() };
    expect(createReporter({ ...base, live: true, verbosity: 0, out: tty })).toBeInstanceOf(LiveReporter);
    expect(createReporter({ ...base, live: true, verbosity: 0, out: new Capture() })).not.toBeInstanceOf(LiveReporter);
    expect(createReporter({ ...base, live: true, verbosity: 1, out: tty })).not.toBeInstanceOf(LiveReporter);
    expect(createReporter({ ...base, live: false, verbosity: 0, out: tty })).not.toBeInstanceOf(LiveReporter);
  });

  it('says check mode before anything runs, colors each count as the recap does, and fits 80 columns', () => {
    const out = new Capture({ columns: 80 });
    const r = createReporter({ json: false, live: true, forceLive: true, verbosity: 0, color: true, out, err: new Capture() });
    const hosts = ['a', 'b', 'c', 'd'];
    r.on({ event: 'run_start', playbook: 'pb.yml', check: true, hosts });
    r.on({ event: 'play_start', play: 'P', hosts });
    r.on({ event: 'task_start', play: 'P', task: 'Install the virtualization packages for the guests', loc, hosts });
    const statuses = ['changed', 'ok', 'failed', 'unreachable'] as const;
    statuses.forEach((status, i) => r.on({ event: 'host_result', host: hosts[i] ?? '', task: 'Install the virtualization packages for the guests', status, durationMs: 1 }));
    (r as LiveReporter).render();
    const text = out.text;
    expect(text).toContain('CHECK MODE (--check): changes are predicted, nothing is changed on the hosts');
    expect(text).toContain(`${ESC}0;33mchanged=1${ESC}0m`);
    expect(text).toContain(`${ESC}0;31mfailed=1${ESC}0m`);
    expect(text).toContain(`${ESC}1;31munreachable=1${ESC}0m`);
    const row = text.split('\n').find((l) => l.includes('4/4 hosts')) ?? '';
    const shown = row.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown).toMatch(/ok=1 changed=1 failed=1 unreachable=1 {2}\d+\.\ds$/);
  });

  it('shows one row per task, redraws it in place, prints failures in full and the recap at the end', async () => {
    const { r, out } = live();
    const hosts = ['a', 'b', 'c'];
    r.on({ event: 'play_start', play: 'P', hosts });
    r.on({ event: 'task_start', play: 'P', task: 'install', loc, hosts });
    r.on({ event: 'host_result', host: 'a', task: 'install', status: 'changed', durationMs: 1 });
    expect(r).toBeInstanceOf(LiveReporter);
    (r as LiveReporter).render();
    const firstFrame = out.text;
    expect(firstFrame).toMatch(/PLAY \[P\] \*+\n. install {2}1\/3 hosts {2}ok=0 changed=1 {2}\d+\.\ds\n$/);
    r.on({ event: 'host_result', host: 'b', task: 'install', status: 'failed', msg: 'no space', durationMs: 1 });
    r.on({ event: 'host_result', host: 'c', task: 'install', status: 'ok', durationMs: 1 });
    (r as LiveReporter).render();
    const second = out.text.slice(firstFrame.length);
    // the one-row frame is erased, the failure scrolls above with its task banner, the row is redrawn
    expect(second.startsWith(`${ESC}1A${ESC}0J`)).toBe(true);
    expect(second).toContain(`\nTASK [install] ${'*'.repeat(65)}\nfatal: [b]: FAILED! => {"changed": false, "msg": "no space"}\n`);
    expect(second).toMatch(/install {2}3\/3 hosts {2}ok=1 changed=1 failed=1 {2}/);
    r.on({ event: 'task_end', task: 'install', durationMs: 1500 });
    r.on({ event: 'recap', hosts: { a: { ok: 1, changed: 1, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 } } });
    await r.close();
    const all = out.text;
    expect(all).toContain('✖ install  3/3 hosts  ok=1 changed=1 failed=1  1.5s\n');
    expect(all).toContain('a                          : ok=1    changed=1    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   \n');
    expect(all).toContain('install ---');
    // the finished row scrolls up in event order: before the recap, not after it
    expect(all.indexOf('✖ install')).toBeLessThan(all.indexOf('PLAY RECAP'));
    // never a row per host
    expect(all.split('\n').filter((l) => /\bhosts {2}ok=/.test(l)).length).toBeLessThanOrEqual(3);
  });

  it('redraws by itself on its timer and stops on close', async () => {
    const out = new Capture();
    const r = new LiveReporter({ verbosity: 0, color: false, columns: 79, width: 80, out, err: new Capture(), intervalMs: 5 });
    r.on({ event: 'task_start', play: 'P', task: 'slow one', loc, hosts: ['a'] });
    await sleep(60);
    expect(out.text).toContain('slow one  0/1 hosts');
    await r.close();
    const after = out.text;
    await sleep(30);
    expect(out.text).toBe(after);
  });

  it("shows a serial play's banner once, not again for each batch", () => {
    const { r, out } = live();
    r.on({ event: 'play_start', play: 'P', hosts: ['a', 'b'] });
    r.on({ event: 'play_start', play: 'P', hosts: ['b'], again: true });
    (r as LiveReporter).render();
    expect(out.text.match(/PLAY \[P\]/g)).toHaveLength(1);
  });

  it('says `skipping: no hosts matched` under the banner of a play that matched no host', () => {
    const { r, out } = live();
    r.on({ event: 'play_start', play: 'none', hosts: [], noHostsMatched: true });
    (r as LiveReporter).render();
    expect(out.text).toMatch(/PLAY \[none\] \*+\nskipping: no hosts matched\n/);
  });

  it('a warning goes to stderr between frames', () => {
    const out = new Capture();
    const err = new Capture();
    const { r } = live(out, err);
    r.on({ event: 'task_start', play: 'P', task: 't', loc, hosts: ['a'] });
    (r as LiveReporter).render();
    r.on({ event: 'warning', msg: 'mind the gap' });
    (r as LiveReporter).render();
    expect(err.text).toBe('[WARNING]: mind the gap\n');
  });

  // its cost per result is measured by `npm run bench:micro` (bench/micro.ts), not asserted here
  it('carries 500 hosts x 20 tasks, with a frame every 100 events', async () => {
    const hosts = Array.from({ length: 500 }, (_, i) => `host${String(i).padStart(3, '0')}.example.com`);
    const out = new Capture();
    const { r } = live(out);
    const counter = new RecapCounter();
    r.on({ event: 'run_start', playbook: 'pb.yml', check: false, hosts });
    r.on({ event: 'play_start', play: 'big', hosts });
    let n = 0;
    for (let t = 0; t < 20; t++) {
      const task = `task number ${t}`;
      r.on({ event: 'task_start', play: 'big', task, loc, hosts });
      for (const [i, host] of hosts.entries()) {
        const status = i % 97 === 5 && t === 3 ? 'failed' : i % 3 === 0 ? 'changed' : i % 7 === 0 ? 'skipped' : 'ok';
        const e: RunEvent = { event: 'host_result', host, task, status, msg: status === 'failed' ? 'boom' : undefined, durationMs: 3 };
        r.on(e);
        counter.add(e);
        if (++n % 100 === 0) (r as LiveReporter).render();
      }
      r.on({ event: 'task_end', task, durationMs: 1000 + t });
    }
    r.on({ event: 'recap', hosts: counter.hosts() });
    r.on({ event: 'run_end', exitCode: 2, durationMs: 1 });
    await r.close();
    // every task committed once as one row (finished icon, not the spinner); each failure in full; the recap for all
    // (one task runs at a time here, so every erase is of a one-row frame)
    const text = out.text.replaceAll(`${ESC}1A${ESC}0J`, '');
    expect(text.match(/^[^⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏\n] task number \d+ {2}500\/500 hosts/gm)).toHaveLength(20);
    expect(text.match(/^fatal: \[host\d+\.example\.com\]: FAILED!/gm)).toHaveLength(6);
    expect(text.match(/^host\d+\.example\.com +: ok=/gm)).toHaveLength(500);
  });
});

// `npm run bench:micro`: the controller-side costs that no test asserts in seconds (tests run on a busy machine):
// loading a 500-host inventory and the live view carrying 500 hosts x 20 tasks. Prints each median against its target.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { RunEvent } from '../engine/core/events.js';
import { loadInventorySync } from '../engine/inventory/index.js';
import { createReporter, LiveReporter, RecapCounter } from '../engine/report/index.js';
import { median } from './measure.js';

const ROUNDS = Number(process.argv[2] ?? '7');

/** A terminal that keeps nothing. */
class Sink extends Writable {
  isTTY = true;
  columns = 120;
  override _write(_chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    cb();
  }
}

function inventoryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-bench-inv-'));
  const lines: string[] = [];
  for (let g = 0; g < 10; g++) {
    lines.push(`[rack${g}]`);
    for (let h = 0; h < 50; h++) lines.push(`node${g}-${h} ansible_host=10.0.${g}.${h} slot=${h}`);
    lines.push(`[rack${g}:vars]`, `rack=${g}`);
  }
  lines.push('[dc:children]', ...Array.from({ length: 10 }, (_, g) => `rack${g}`), '[dc:vars]', 'ntp="ntp.example.com"');
  writeFileSync(join(dir, 'hosts'), lines.join('\n') + '\n');
  mkdirSync(join(dir, 'group_vars'));
  mkdirSync(join(dir, 'host_vars'));
  writeFileSync(join(dir, 'group_vars', 'all.yml'), 'env: prod\n');
  for (let h = 0; h < 50; h++) writeFileSync(join(dir, 'host_vars', `node0-${h}.yml`), `own: ${h}\n`);
  return dir;
}

function inventoryLoadMs(dir: string): number {
  const t0 = performance.now();
  loadInventorySync(['hosts'], dir).toAnsibleList();
  return performance.now() - t0;
}

async function liveViewMs(): Promise<number> {
  const hosts = Array.from({ length: 500 }, (_, i) => `host${String(i).padStart(3, '0')}.example.com`);
  const r = createReporter({ json: false, live: true, forceLive: true, verbosity: 0, color: false, out: new Sink(), err: new Sink() });
  const counter = new RecapCounter();
  const loc = { file: 'pb.yml', line: 1, col: 1 };
  const t0 = performance.now();
  r.on({ event: 'run_start', playbook: 'pb.yml', check: false, hosts });
  r.on({ event: 'play_start', play: 'big', hosts });
  let n = 0;
  for (let t = 0; t < 20; t++) {
    const task = `task number ${t}`;
    r.on({ event: 'task_start', play: 'big', task, loc, hosts });
    for (const [i, host] of hosts.entries()) {
      const status = i % 97 === 5 && t === 3 ? 'failed' : i % 3 === 0 ? 'changed' : 'ok';
      const e: RunEvent = { event: 'host_result', host, task, status, msg: status === 'failed' ? 'boom' : undefined, durationMs: 3 };
      r.on(e);
      counter.add(e);
      if (++n % 100 === 0 && r instanceof LiveReporter) r.render();
    }
    r.on({ event: 'task_end', task, durationMs: 1000 });
  }
  r.on({ event: 'recap', hosts: counter.hosts() });
  r.on({ event: 'run_end', exitCode: 2, durationMs: 1 });
  await r.close();
  return performance.now() - t0;
}

const dir = inventoryDir();
try {
  inventoryLoadMs(dir); // warm up module loading and the JIT
  await liveViewMs();
  const inv: number[] = [];
  const live: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    inv.push(inventoryLoadMs(dir));
    live.push(await liveViewMs());
  }
  const row = (what: string, ms: number[], target: number): string =>
    `${what.padEnd(44)} median ${median(ms).toFixed(1).padStart(7)} ms  target < ${target} ms  ${median(ms) < target ? 'met' : 'MISSED'}`;
  console.log(row('500-host inventory, loaded and listed', inv, 250));
  console.log(row('live view, 500 hosts x 20 tasks', live, 2000));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

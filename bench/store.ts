// `npm run bench:store`: what the run store costs and how fast it answers, measured side by side in one run.
// 1. W1 at 50 hosts recorded (the default) against --no-record, alternating, on a light lab: the ratio.
// 2. `kplay history` (list, a host filter, failures, show) on a store holding 10,000 runs.
// Results go to bench/RESULTS-store.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HostStatus, RunEvent } from '../engine/core/events.js';
import { openStore, scrubberOf, StoreRecorder } from '../engine/store/index.js';
import { measure, median, type Sample } from './measure.js';

const root = resolve(import.meta.dirname, '..', '..');
const kplayBin = join(root, 'bin', 'kplay.js');
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? dflt) : dflt;
};
const hosts = Number(opt('--hosts', '50'));
const rounds = Number(opt('--rounds', '7'));
const storedRuns = Number(opt('--runs', '10000'));
const withLab = !args.includes('--no-lab');
const scratch = mkdtempSync(join(tmpdir(), 'kplay-bench-store-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const kplay = (env: NodeJS.ProcessEnv, ...a: string[]): Promise<Sample> => measure(['node', kplayBin, ...a], { cwd: root, env: { ...process.env, NO_COLOR: '1', ...env } });

function must(s: Sample, what: string): Sample {
  if (s.code !== 0) throw new Error(`${what} exited ${s.code}:\n${s.output.slice(-3000)}`);
  return s;
}

/** Recording cost: the same W1 run with and without the store, alternating which goes first. */
async function recordingCost(): Promise<string[]> {
  const store = join(scratch, 'w1.sqlite');
  must(await kplay({}, 'lab', 'up', String(hosts), '--name', 'bench-store', '--kind', 'light'), 'lab up');
  const inv = join(root, '.kplay', 'lab', 'bench-store', 'inventory.ini');
  try {
    const w1 = ['run', 'bench/workloads/w1.yml', '-i', inv, '-e', 'target=lab', '-f', String(hosts), '--no-live'];
    const t: Record<'record' | 'off', number[]> = { record: [], off: [] };
    must(await kplay({ KPLAY_RUN_STORE: store }, ...w1), 'warm-up');
    for (let r = 0; r < rounds; r++) {
      const order: ('record' | 'off')[] = r % 2 === 0 ? ['record', 'off'] : ['off', 'record'];
      for (const c of order) t[c].push(must(await kplay({ KPLAY_RUN_STORE: store }, ...w1, ...(c === 'off' ? ['--no-record'] : [])), `W1 ${c}`).ms);
      process.stderr.write(`W1 ${hosts} hosts round ${r + 1}: recorded ${t.record.at(-1)?.toFixed(0)} ms, --no-record ${t.off.at(-1)?.toFixed(0)} ms (load ${loadavg()[0]?.toFixed(1)})\n`);
    }
    const rec = median(t.record);
    const off = median(t.off);
    const cost = (rec / off - 1) * 100;
    return [
      `| W1 at ${hosts} hosts, recorded (default) | ${(rec / 1000).toFixed(3)} s |`,
      `| W1 at ${hosts} hosts, --no-record | ${(off / 1000).toFixed(3)} s |`,
      `| cost of recording | ${cost.toFixed(1)}% (target under 5%${cost < 5 ? ': met' : ': MISSED'}) |`,
    ];
  } finally {
    await kplay({}, 'lab', 'down', '--name', 'bench-store');
  }
}

/** A store of `count` runs of 20 hosts × 10 tasks (a failure now and then), written through the real recorder. */
async function filledStore(count: number): Promise<string> {
  const path = join(scratch, 'history.sqlite');
  for (let n = 0; n < count; n++) {
    const names = Array.from({ length: 20 }, (_, h) => `web${(h + n) % 200}`);
    const events: RunEvent[] = [{ event: 'run_start', playbook: n % 3 === 0 ? 'db.yml' : 'site.yml', check: false, hosts: names }, { event: 'play_start', play: 'all', hosts: names }];
    let failed = false;
    for (let t = 0; t < 10; t++) {
      events.push({ event: 'task_start', play: 'all', task: `task ${t}`, loc: { file: 'site.yml', line: t + 3, col: 7 }, hosts: names });
      for (const [h, host] of names.entries()) {
        const status: HostStatus = (n + h + t) % 997 === 0 ? 'failed' : t % 3 === 0 ? 'changed' : 'ok';
        failed ||= status === 'failed';
        events.push({ event: 'host_result', host, task: `task ${t}`, status, durationMs: 3, msg: status === 'failed' ? 'boom' : undefined });
      }
      events.push({ event: 'task_end', task: `task ${t}`, durationMs: 3 });
    }
    events.push({ event: 'run_end', exitCode: failed ? 2 : 0, durationMs: 100 });
    const recorder = new StoreRecorder(await openStore(path), { runId: `run-${String(n).padStart(6, '0')}`, user: 'bench', commandLine: ['run'], playbookDigest: '', inventoryDigest: '' }, scrubberOf([]), (m) => {
      throw new Error(m);
    });
    for (const e of events) recorder.on(e);
    await recorder.close();
  }
  return path;
}

async function historySpeed(): Promise<string[]> {
  const started = performance.now();
  const store = await filledStore(storedRuns);
  process.stderr.write(`filled ${storedRuns} runs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const env = { KPLAY_RUN_STORE: store };
  const queries: [string, string[]][] = [
    ['kplay history', ['history']],
    ['kplay history --host web7', ['history', '--host', 'web7']],
    ['kplay history --status failed', ['history', '--status', 'failed']],
    ['kplay history failures', ['history', 'failures']],
    ['kplay history show last', ['history', 'show', 'last']],
    ['kplay --version (start-up alone)', ['--version']],
  ];
  const lines: string[] = [];
  for (const [label, a] of queries) {
    const t: number[] = [];
    for (let r = 0; r < rounds; r++) t.push(must(await kplay(env, ...a), label).ms);
    lines.push(`| ${label} | ${median(t).toFixed(0)} ms${a[0] === 'history' ? (median(t) < 200 ? ' (target under 200 ms: met)' : ' (target under 200 ms: MISSED)') : ''} |`);
  }
  return lines;
}

async function main(): Promise<void> {
  const load = [`start: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`];
  const history = await historySpeed();
  const cost = withLab ? await recordingCost() : ['| recording cost | not measured (--no-lab) |'];
  load.push(`end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  const text = [
    '# Run store benchmark (`npm run bench:store`)',
    '',
    `Medians of ${rounds} rounds, measured side by side in one run on this machine (load ${load.join(', ')}).`,
    '',
    `## kplay history with ${storedRuns} runs stored (20 hosts × 10 tasks each)`,
    '',
    '| command | median |',
    '|---|---|',
    ...history,
    '',
    '## The cost of recording a run',
    '',
    '| run | median |',
    '|---|---|',
    ...cost,
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench', 'RESULTS-store.md'), text);
  process.stdout.write(text);
}

await main();

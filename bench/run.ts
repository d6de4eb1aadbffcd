// `npm run bench`: kplay against ansible-playbook (best settings) and the multiplexed-OpenSSH floor, side by side
// in one run, alternating contenders; medians and ratios go to bench/RESULTS.md with a chart.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lineChartSvg } from './chart.js';
import { MultiplexedFleet, W1_COMMANDS } from './floor.js';
import { readLabInventory } from './lab-inventory.js';
import { measure, median, type Sample } from './measure.js';

const root = resolve(import.meta.dirname, '..', '..');
const kplayBin = join(root, 'bin', 'kplay.js');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? dflt) : dflt;
};
const sizes = opt('--hosts', flag('--big') ? '10,50,200,500' : '10,50,200').split(',').map(Number);
const rounds = Number(opt('--rounds', '3'));
const withAnsible = !flag('--no-ansible');
const withW2 = !flag('--no-w2');

function must(s: Sample, what: string): Sample {
  if (s.code !== 0) throw new Error(`${what} exited ${s.code}:\n${s.output.slice(-3000)}`);
  return s;
}

async function kplay(...a: string[]): Promise<Sample> {
  return measure(['node', kplayBin, ...a], { cwd: root, rss: true, env: { ...process.env, NO_COLOR: '1' } });
}

function ansibleEnv(forks: number): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-bench-ansible-'));
  const cfg = join(dir, 'ansible.cfg');
  writeFileSync(
    cfg,
    [
      '[defaults]',
      `forks = ${forks}`,
      'gathering = explicit',
      'interpreter_python = /usr/bin/python3',
      'callbacks_enabled =',
      'retry_files_enabled = False',
      `local_tmp = ${dir}/tmp`,
      '[ssh_connection]',
      'pipelining = True',
      `control_path_dir = ${dir}/cp`,
      'ssh_args = -o ControlMaster=auto -o ControlPersist=300s -o KexAlgorithms=curve25519-sha256',
    ].join('\n'),
  );
  return { ...process.env, ANSIBLE_CONFIG: cfg, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOME: dir };
}

async function labUp(name: string, count: number, kind: 'light' | 'full'): Promise<string> {
  must(await kplay('lab', 'up', String(count), '--name', name, '--kind', kind), `lab up ${count} ${kind}`);
  return join(root, '.kplay', 'lab', name, 'inventory.ini');
}

interface Row {
  readonly workload: string;
  readonly hosts: number;
  readonly kplay: number;
  readonly ansible?: number | undefined;
  readonly floor?: number | undefined;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const rss: string[] = [];
  const maxHosts = Math.max(...sizes);
  const inv = await labUp('bench', maxHosts, 'light');
  const lab = readLabInventory(inv);
  try {
    for (const n of sizes) {
      const hosts = lab.hosts.slice(0, n);
      const pattern = `lab[0:${n - 1}]`;
      const env = ansibleEnv(n);
      const fleet = new MultiplexedFleet(lab);
      await fleet.open(hosts);
      const t: Record<string, number[]> = { kplay: [], ansible: [], floor: [] };
      let kplayRss = 0;
      // warm-up, not timed: first connections, page cache
      must(await kplay('run', 'bench/workloads/w1.yml', '-i', inv, '-e', `target=${pattern}`, '-f', String(n), '--no-live'), 'kplay W1');
      for (let r = 0; r < rounds; r++) {
        const order = ['kplay', 'ansible', 'floor'].map((_, i, a) => a[(i + r) % a.length] as string);
        for (const c of order) {
          if (c === 'kplay') {
            const s = must(await kplay('run', 'bench/workloads/w1.yml', '-i', inv, '-e', `target=${pattern}`, '-f', String(n), '--no-live'), 'kplay W1');
            t.kplay?.push(s.ms);
            kplayRss = Math.max(kplayRss, s.peakRssMb ?? 0);
          } else if (c === 'ansible' && withAnsible) {
            const s = must(await measure(['ansible-playbook', '-i', inv, 'bench/workloads/w1.yml', '-e', `target=${pattern}`], { cwd: root, env }), 'ansible W1');
            t.ansible?.push(s.ms);
          } else if (c === 'floor') {
            t.floor?.push(await fleet.run(hosts, W1_COMMANDS));
          }
        }
        process.stderr.write(`W1 ${n} hosts, round ${r + 1}: ${Object.entries(t).map(([k, v]) => `${k} ${((v.at(-1) ?? 0) / 1000).toFixed(2)}s`).join(', ')}\n`);
      }
      await fleet.close(hosts);
      rows.push({ workload: 'W1', hosts: n, kplay: median(t.kplay ?? []), ansible: t.ansible?.length ? median(t.ansible) : undefined, floor: median(t.floor ?? []) });
      rss.push(`| W1 | ${n} | ${kplayRss.toFixed(0)} MB |`);
    }
    const factsN = Math.min(50, maxHosts);
    const ft: Record<string, number[]> = { kplay: [], ansible: [] };
    for (let r = 0; r < rounds; r++) {
      ft.kplay?.push(must(await kplay('run', 'bench/workloads/facts.yml', '-i', inv, '-e', `target=lab[0:${factsN - 1}]`, '-f', String(factsN), '--no-live'), 'kplay facts').ms);
      if (withAnsible) ft.ansible?.push(must(await measure(['ansible-playbook', '-i', inv, 'bench/workloads/facts.yml', '-e', `target=lab[0:${factsN - 1}]`], { cwd: root, env: ansibleEnv(factsN) }), 'ansible facts').ms);
    }
    rows.push({ workload: 'facts', hosts: factsN, kplay: median(ft.kplay ?? []), ansible: ft.ansible?.length ? median(ft.ansible) : undefined });
  } finally {
    await kplay('lab', 'down', '--name', 'bench');
  }

  if (withW2) {
    const full = await labUp('bench-full', 5, 'full');
    try {
      const w2 = ['run', 'playbooks/kvm-host.yml', '-i', full, '-e', '@inventory/lab-guests.yml', '--no-live'];
      must(await kplay(...w2), 'kplay kvm-host.yml (first run)');
      const t: Record<string, number[]> = { kplay: [], ansible: [] };
      for (let r = 0; r < rounds; r++) {
        t.kplay?.push(must(await kplay(...w2), 'kplay W2').ms);
        if (withAnsible) t.ansible?.push(must(await measure(['ansible-playbook', '-i', full, 'bench/workloads/w2-ansible.yml'], { cwd: root, env: ansibleEnv(5) }), 'ansible W2').ms);
      }
      rows.push({ workload: 'W2 (kvm-host rerun)', hosts: 5, kplay: median(t.kplay ?? []), ansible: t.ansible?.length ? median(t.ansible) : undefined });
    } finally {
      await kplay('lab', 'down', '--name', 'bench-full');
    }
  }

  const versions: number[] = [];
  for (let i = 0; i < 10; i++) versions.push((await kplay('--version')).ms);
  writeResults(rows, rss, median(versions));
}

function writeResults(rows: readonly Row[], rss: readonly string[], versionMs: number): void {
  const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}x`);
  const w1 = rows.filter((r) => r.workload === 'W1');
  const w1at50 = w1.find((r) => r.hosts === 50);
  const w1at500 = w1.find((r) => r.hosts === 500);
  const w2 = rows.find((r) => r.workload.startsWith('W2'));
  const targets = [
    `- W1 at 50 hosts at least 15x faster than ansible-playbook: ${w1at50?.ansible ? `${(w1at50.ansible / w1at50.kplay).toFixed(1)}x` : 'not measured'}`,
    `- W1 at 50 hosts within 1.5x of the floor: ${w1at50?.floor ? `${(w1at50.kplay / w1at50.floor).toFixed(2)}x` : 'not measured'}`,
    `- W1 at 500 hosts under 15 s: ${w1at500 ? s(w1at500.kplay) : 'not measured (npm run bench -- --big)'}`,
    `- W2 under 3 s: ${w2 ? s(w2.kplay) : 'not measured'}`,
    `- kplay --version under 150 ms: ${versionMs.toFixed(0)} ms`,
  ];
  const md = [
    '# kplay benchmark results',
    '',
    `Measured by \`npm run bench ${args.join(' ')}\` on ${new Date().toISOString()}, ${rounds} rounds alternating the contenders; medians.`,
    'kplay and ansible-playbook wall times include process start-up; the floor is the same commands over already',
    'multiplexed OpenSSH connections (ControlMaster), all hosts in parallel. Machines here are noisy: read the ratios.',
    '',
    '| workload | hosts | kplay | ansible-playbook | floor | ansible / kplay | kplay / floor |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.workload} | ${r.hosts} | ${s(r.kplay)} | ${s(r.ansible)} | ${s(r.floor)} | ${ratio(r.ansible, r.kplay)} | ${ratio(r.kplay, r.floor)} |`),
    '',
    '| controller peak RSS | hosts | kplay |',
    '|---|---|---|',
    ...rss,
    '',
    `\`kplay --version\`: ${versionMs.toFixed(0)} ms (median of 10).`,
    '',
    '## Targets',
    '',
    ...targets,
    '',
    '![W1 wall time against hosts](w1.svg)',
    '',
  ].join('\n');
  const series = [
    { name: 'kplay', color: '#2a7ae2', points: w1.map((r) => [r.hosts, r.kplay / 1000] as const) },
    { name: 'ansible-playbook', color: '#d9534f', points: w1.filter((r) => r.ansible !== undefined).map((r) => [r.hosts, (r.ansible ?? 0) / 1000] as const) },
    { name: 'OpenSSH floor', color: '#5cb85c', points: w1.filter((r) => r.floor !== undefined).map((r) => [r.hosts, (r.floor ?? 0) / 1000] as const) },
  ];
  writeFileSync(join(root, 'bench', 'RESULTS.md'), md);
  writeFileSync(join(root, 'bench', 'w1.svg'), lineChartSvg('W1: 5 tasks, no facts', series));
  process.stdout.write(`${md}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

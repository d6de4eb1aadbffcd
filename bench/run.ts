// `npm run bench`: kplay against ansible-playbook (best settings) and the multiplexed-OpenSSH floor, side by side
// in one run, alternating contenders; medians and ratios go to bench/RESULTS.md with a chart.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
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
// ansible-playbook at 500 hosts takes many minutes per round: by default it runs up to 200
const ansibleMax = Number(opt('--ansible-max', '200'));
// an earlier kplay build (a directory with bin/kplay.js and dist/) measured side by side: before/after figures
const baselineDir = opt('--baseline', '');
const baselineBin = baselineDir === '' ? undefined : join(resolve(baselineDir), 'bin', 'kplay.js');
// the SSH connect timeout of both tools (kplay -T, ansible's timeout): a busy machine answers 2000 handshakes slowly
const connectTimeout = opt('--timeout', '10');
const loads: string[] = [];
const noteLoad = (when: string) => loads.push(`${when}: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);

function must(s: Sample, what: string): Sample {
  if (s.code !== 0) throw new Error(`${what} exited ${s.code}:\n${s.output.slice(-3000)}`);
  return s;
}

/** A kplay build measured with the bench's environment (and any extra variables). */
function kplayAt(bin: string, env: NodeJS.ProcessEnv = {}): (...a: string[]) => Promise<Sample> {
  return (...a) => measure(['node', bin, ...a], { cwd: root, rss: true, env: { ...process.env, NO_COLOR: '1', ...env } });
}

/** The run's scratch directories (keeper socket, ansible's config and masters), removed when the benchmark ends. */
const scratch: string[] = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
const scratchDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

const kplay = kplayAt(kplayBin);
// kplay with --persist: connections kept by a keeper between runs (as ansible-playbook's ControlPersist masters)
const controlDir = scratchDir('kplay-bench-cp-');
const kplayPersist = kplayAt(kplayBin, { KPLAY_CONTROL_DIR: controlDir });
const kplayBefore = kplayAt(baselineBin ?? kplayBin);

function ansibleEnv(forks: number): NodeJS.ProcessEnv {
  const dir = scratchDir('kplay-bench-ansible-');
  const cfg = join(dir, 'ansible.cfg');
  writeFileSync(
    cfg,
    [
      '[defaults]',
      `forks = ${forks}`,
      `timeout = ${connectTimeout}`,
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
  // kvm-host.yml checks for hardware virtualization: full hosts show vmx
  const cpu = kind === 'full' ? ['--cpu', 'vmx'] : [];
  must(await kplay('lab', 'up', String(count), '--name', name, '--kind', kind, ...cpu), `lab up ${count} ${kind}`);
  return join(root, '.kplay', 'lab', name, 'inventory.ini');
}

interface Row {
  readonly workload: string;
  readonly hosts: number;
  readonly kplay: number;
  readonly ansible?: number | undefined;
  readonly floor?: number | undefined;
  readonly before?: number | undefined;
  /** kplay --persist, its connections kept from the previous run */
  readonly persist?: number | undefined;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const rss: string[] = [];
  noteLoad('start');
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
      const t: Record<string, number[]> = { kplay: [], persist: [], ansible: [], floor: [], before: [] };
      const runAnsible = withAnsible && n <= ansibleMax;
      let kplayRss = 0;
      const w1 = ['run', 'bench/workloads/w1.yml', '-i', inv, '-e', `target=${pattern}`, '-f', String(n), '-T', connectTimeout, '--no-live'];
      const ansibleW1 = () => measure(['ansible-playbook', '-i', inv, 'bench/workloads/w1.yml', '-e', `target=${pattern}`], { cwd: root, env });
      const w1Persist = [...w1, '--persist', '600'];
      // warm-up, not timed: first connections, page cache, and the kept connections of ansible's ControlPersist
      // masters and of kplay --persist (their best settings)
      must(await kplay(...w1), 'kplay W1');
      must(await kplayPersist(...w1Persist), 'kplay --persist W1');
      if (runAnsible) must(await ansibleW1(), 'ansible W1');
      for (let r = 0; r < rounds; r++) {
        const contenders = ['kplay', 'persist', 'ansible', 'floor', ...(baselineBin ? ['before'] : [])];
        const order = contenders.map((_, i, a) => a[(i + r) % a.length] as string);
        for (const c of order) {
          if (c === 'kplay') {
            const s = must(await kplay(...w1), 'kplay W1');
            t.kplay?.push(s.ms);
            kplayRss = Math.max(kplayRss, s.peakRssMb ?? 0);
          } else if (c === 'persist') {
            t.persist?.push(must(await kplayPersist(...w1Persist), 'kplay --persist W1').ms);
          } else if (c === 'before') {
            t.before?.push(must(await kplayBefore(...w1), 'kplay (before) W1').ms);
          } else if (c === 'ansible' && runAnsible) {
            t.ansible?.push(must(await ansibleW1(), 'ansible W1').ms);
          } else if (c === 'floor') {
            t.floor?.push(await fleet.run(hosts, W1_COMMANDS));
          }
        }
        process.stderr.write(`W1 ${n} hosts, round ${r + 1}: ${Object.entries(t).filter(([, v]) => v.length > 0).map(([k, v]) => `${k} ${((v.at(-1) ?? 0) / 1000).toFixed(2)}s`).join(', ')} (load ${loadavg()[0]?.toFixed(1)})\n`);
      }
      await fleet.close(hosts);
      await kplayPersist('connections', 'stop');
      const med = (xs: number[] | undefined) => (xs?.length ? median(xs) : undefined);
      rows.push({ workload: 'W1', hosts: n, kplay: median(t.kplay ?? []), persist: med(t.persist), ansible: med(t.ansible), floor: med(t.floor), before: med(t.before) });
      noteLoad(`after W1 at ${n} hosts`);
      rss.push(`| W1 | ${n} | ${kplayRss.toFixed(0)} MB |`);
    }
    const factsN = Math.min(50, maxHosts);
    const ft: Record<string, number[]> = { kplay: [], ansible: [] };
    const factsEnv = ansibleEnv(factsN);
    for (let r = 0; r < rounds; r++) {
      ft.kplay?.push(must(await kplay('run', 'bench/workloads/facts.yml', '-i', inv, '-e', `target=lab[0:${factsN - 1}]`, '-f', String(factsN), '--no-live'), 'kplay facts').ms);
      if (withAnsible) ft.ansible?.push(must(await measure(['ansible-playbook', '-i', inv, 'bench/workloads/facts.yml', '-e', `target=lab[0:${factsN - 1}]`], { cwd: root, env: factsEnv }), 'ansible facts').ms);
    }
    rows.push({ workload: 'facts', hosts: factsN, kplay: median(ft.kplay ?? []), ansible: ft.ansible?.length ? median(ft.ansible) : undefined });
  } finally {
    await kplayPersist('connections', 'stop');
    await kplay('lab', 'down', '--name', 'bench');
  }

  if (withW2) {
    const full = await labUp('bench-full', 5, 'full');
    try {
      const w2 = ['run', 'playbooks/kvm-host.yml', '-i', full, '-e', '@inventory/lab-guests.yml', '--no-live'];
      must(await kplay(...w2), 'kplay kvm-host.yml (first run)');
      const t: Record<string, number[]> = { kplay: [], ansible: [] };
      const w2Env = ansibleEnv(5);
      for (let r = 0; r < rounds; r++) {
        t.kplay?.push(must(await kplay(...w2), 'kplay W2').ms);
        if (withAnsible) t.ansible?.push(must(await measure(['ansible-playbook', '-i', full, 'bench/workloads/w2-ansible.yml'], { cwd: root, env: w2Env }), 'ansible W2').ms);
      }
      rows.push({ workload: 'W2 (kvm-host rerun)', hosts: 5, kplay: median(t.kplay ?? []), ansible: t.ansible?.length ? median(t.ansible) : undefined });
    } finally {
      await kplay('lab', 'down', '--name', 'bench-full');
    }
  }

  const versions: number[] = [];
  const versionsBefore: number[] = [];
  for (let i = 0; i < 10; i++) {
    versions.push((await kplay('--version')).ms);
    if (baselineBin) versionsBefore.push((await kplayBefore('--version')).ms);
  }
  noteLoad('end');
  writeResults(rows, rss, median(versions), versionsBefore.length ? median(versionsBefore) : undefined);
}

function writeResults(rows: readonly Row[], rss: readonly string[], versionMs: number, versionBeforeMs: number | undefined): void {
  const s = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}x`);
  const w1 = rows.filter((r) => r.workload === 'W1');
  const w1at50 = w1.find((r) => r.hosts === 50);
  const w1at500 = w1.find((r) => r.hosts === 500);
  const w2 = rows.find((r) => r.workload.startsWith('W2'));
  const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' — met' : ' — MISSED');
  const w1at2000 = w1.find((r) => r.hosts === 2000);
  const rssAt = (n: number) => Number(/(\d+) MB/.exec(rss.find((l) => l.startsWith(`| W1 | ${n} |`)) ?? '')?.[1]);
  const w500rss = w1at500 ? rssAt(500) : undefined;
  const w2000rss = w1at2000 ? rssAt(2000) : undefined;
  const targets = [
    `- W1 at 50 hosts at least 15x faster than ansible-playbook: ${w1at50?.ansible ? `${(w1at50.ansible / w1at50.kplay).toFixed(1)}x${mark(w1at50.ansible / w1at50.kplay >= 15)}` : 'not measured'}`,
    `- W1 at 50 hosts within 1.5x of the floor: ${w1at50?.floor ? `${(w1at50.kplay / w1at50.floor).toFixed(2)}x${mark(w1at50.kplay / w1at50.floor <= 1.5)}` : 'not measured'}`,
    `- the same two with kplay --persist (connections kept between runs, as ansible's ControlPersist): ${w1at50?.persist !== undefined && w1at50.ansible !== undefined && w1at50.floor !== undefined ? `${(w1at50.ansible / w1at50.persist).toFixed(1)}x ansible${mark(w1at50.ansible / w1at50.persist >= 15)}, ${(w1at50.persist / w1at50.floor).toFixed(2)}x floor${mark(w1at50.persist / w1at50.floor <= 1.5)}` : 'not measured'}`,
    `- W1 at 500 hosts under 15 s: ${w1at500 ? `${s(w1at500.kplay)}${mark(w1at500.kplay < 15000)}` : 'not measured (npm run bench -- --big)'}`,
    `- controller peak RSS at 500 hosts under 300 MB: ${w500rss !== undefined && !Number.isNaN(w500rss) ? `${w500rss} MB${mark(w500rss < 300)}` : 'not measured'}`,
    `- W1 at 500 hosts under 12 s: ${w1at500 ? `${s(w1at500.kplay)}${mark(w1at500.kplay < 12000)}` : 'not measured'}`,
    `- W1 at 2000 hosts within 1.3x of the floor: ${w1at2000?.floor ? `${(w1at2000.kplay / w1at2000.floor).toFixed(2)}x${mark(w1at2000.kplay / w1at2000.floor <= 1.3)}` : 'not measured (npm run bench -- --hosts 10,50,200,500,1000,2000)'}`,
    `- controller peak RSS at 2000 hosts under 600 MB: ${w2000rss !== undefined && !Number.isNaN(w2000rss) ? `${w2000rss} MB${mark(w2000rss < 600)}` : 'not measured'}`,
    `- W2 under 3 s: ${w2 ? `${s(w2.kplay)}${mark(w2.kplay < 3000)}` : 'not measured'}`,
    `- kplay --version under 150 ms: ${versionMs.toFixed(0)} ms${mark(versionMs < 150)}`,
  ];
  const beforeRows = w1.filter((r) => r.before !== undefined);
  const before = baselineBin
    ? [
        '',
        `## Before / after (same run; "before" is the build in ${baselineDir})`,
        '',
        '| measure | before | after | before / after |',
        '|---|---|---|---|',
        ...beforeRows.map((r) => `| W1 at ${r.hosts} hosts | ${s(r.before)} | ${s(r.kplay)} | ${ratio(r.before, r.kplay)} |`),
        ...(versionBeforeMs === undefined ? [] : [`| kplay --version | ${versionBeforeMs.toFixed(0)} ms | ${versionMs.toFixed(0)} ms | ${(versionBeforeMs / versionMs).toFixed(2)}x |`]),
      ]
    : [];
  const notesFile = join(root, 'bench', 'NOTES.md');
  const notes = existsSync(notesFile) ? ['', readFileSync(notesFile, 'utf8').trim()] : [];
  const md = [
    '# kplay benchmark results',
    '',
    `Measured by \`npm run bench -- ${args.join(' ')}\` on ${new Date().toISOString()}, ${rounds} rounds alternating the contenders; medians.`,
    'kplay and ansible-playbook wall times include process start-up; the floor is the same commands over already',
    'multiplexed OpenSSH connections (ControlMaster), all hosts in parallel. "kplay" opens its connections in each run',
    '(the default); "kplay --persist" runs over the connections its keeper kept from the previous run, as',
    "ansible-playbook's ControlPersist masters do for it. Machines here are noisy: read the ratios.",
    `Machine: ${cpus().length} CPUs, shared with other work; load average (1/5/15 min) ${loads.join('; ')}.`,
    '',
    '| workload | hosts | kplay | kplay --persist | ansible-playbook | floor | ansible / kplay | kplay / floor | ansible / persist | persist / floor |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.workload} | ${r.hosts} | ${s(r.kplay)} | ${s(r.persist)} | ${s(r.ansible)} | ${s(r.floor)} | ${ratio(r.ansible, r.kplay)} | ${ratio(r.kplay, r.floor)} | ${ratio(r.ansible, r.persist)} | ${ratio(r.persist, r.floor)} |`,
    ),
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
    ...before,
    '',
    '![W1 wall time against hosts](w1.svg)',
    ...notes,
    '',
  ].join('\n');
  const series = [
    { name: 'kplay', color: '#2a7ae2', points: w1.map((r) => [r.hosts, r.kplay / 1000] as const) },
    { name: 'kplay --persist', color: '#8e44ad', points: w1.filter((r) => r.persist !== undefined).map((r) => [r.hosts, (r.persist ?? 0) / 1000] as const) },
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

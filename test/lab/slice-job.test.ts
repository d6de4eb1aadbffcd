// A run sliced as the Kubernetes Indexed Job of deploy/kubernetes/job.yaml starts it: the Job's args and env, one
// process per completion index, all at once (parallelism), over 200 light lab hosts, every slice recording into one
// PostgreSQL run store. Each host runs in exactly one slice, and the slices' recaps join into the recap of the same
// run unsliced; a slice killed in the middle leaves the run incomplete with its hosts not run, and running that
// slice again completes it: `kplay history` then shows one run whose recap is the unsliced run's.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import pg from 'pg';
import { parse } from 'yaml';
import type { RecapCounts } from '../../engine/core/events.js';
import { parseRecap, ROOT, runCommand } from './support/cli.js';
import { useLab } from './support/lab.js';
import { startPostgres, type Postgres } from '../support/postgres.js';

interface JobManifest {
  spec: {
    completions: number;
    template: { spec: { containers: { args: string[]; env: { name: string; value?: string }[] }[] } };
  };
}

let store: Postgres | undefined;
const lab = useLab({
  name: 'slicejob',
  count: 200,
  kind: 'light',
  ready: async () => {
    store = await startPostgres();
  },
  cleanup: () => store?.stop(),
  teardownTimeout: 900_000,
});

/** Results the store holds for one slice's task (committed when that task ends on all the slice's hosts). */
async function recorded(url: string, runId: string, slice: number, task: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM results r JOIN runs ON runs.pk = r.run_pk JOIN tasks t ON t.run_pk = r.run_pk AND t.seq = r.task_seq
       WHERE runs.run_id = $1 AND runs.slice_index = $2 AND t.name = $3`,
      [runId, slice, task],
    );
    return Number(r.rows[0]?.n ?? 0);
  } catch {
    return 0; // the store's tables are not there yet
  } finally {
    await client.end();
  }
}

interface ShownRun {
  readonly status: string;
  readonly exitCode?: number;
  readonly recap: Record<string, RecapCounts>;
  readonly slices?: { recorded: number; count: number };
  readonly sliceRecords?: { index: number; status: string; hosts: string[] }[];
}


/** What a run printed about its unreachable hosts, for a failure's message. */
function unreachableLines(stdout: string): string {
  return stdout
    .split('\n')
    .filter((l) => /UNREACHABLE|unreachable=[1-9]/.test(l))
    .map((l) => `\n${l}`)
    .join('');
}

const job = parse(readFileSync(join(ROOT, 'deploy/kubernetes/job.yaml'), 'utf8')) as JobManifest;
const container = job.spec.template.spec.containers[0];

/** The container's args with the pod's paths replaced by this machine's: the playbook, inventory, key and vault file. */
function argsHere(paths: Record<string, string>): string[] {
  const args = [...(container?.args ?? [])];
  for (const [flag, path] of Object.entries(paths)) {
    const at = flag === 'playbook' ? 1 : args.indexOf(flag) + 1;
    expect(at, `the Job's args have no ${flag}`).toBeGreaterThan(0);
    args[at] = path;
  }
  return args;
}

it('four slices started as the Indexed Job starts them join into the unsliced run', async () => {
  const info = lab.info();
  const dir = mkdtempSync(join(tmpdir(), 'kplay-slicejob-'));
  const vault = join(dir, 'password');
  writeFileSync(vault, 'slice-secret\n', { mode: 0o400 });
  const args = argsHere({ playbook: join(ROOT, 'test/fixtures/slice/lab.yml'), '-i': info.inventory, '--private-key': info.keyPath, '--vault-password-file': vault });
  const kplay = ['node', join(ROOT, 'bin/kplay.js'), ...args];
  // the pod's env: literal values as written, the run id as Kubernetes fills it in (the Job's uid), and the store's
  // URL (a Secret in the Job) this test's PostgreSQL
  const podEnv: Record<string, string> = { KPLAY_RUN_ID: 'b1c2d3e4-0000-4000-8000-000000000001' };
  for (const e of container?.env ?? []) if (e.value !== undefined) podEnv[e.name] = e.value;
  const completions = job.spec.completions;
  expect(Number(podEnv.KPLAY_SHARD_COUNT)).toBe(completions);

  const url = store?.url ?? '';
  const runId = podEnv.KPLAY_RUN_ID ?? '';
  const whole = await runCommand(kplay);
  expect(whole.code, whole.stderr + unreachableLines(whole.stdout)).toBe(2);
  const wholeRecap = parseRecap(whole.stdout);
  expect(Object.keys(wholeRecap)).toHaveLength(200);

  // slice 2 is held by its last task and killed there (SIGKILL, its process group): the others finish
  const held = spawn(kplay[0] ?? 'node', [...kplay.slice(1), '-e', 'hold_slice=true'], {
    cwd: ROOT,
    env: { ...process.env, ...podEnv, KPLAY_RUN_STORE: url, JOB_COMPLETION_INDEX: '1' },
    stdio: 'ignore',
    detached: true,
  });
  const killed = new Promise<NodeJS.Signals | null>((resolve) => held.on('exit', (_code, signal) => resolve(signal)));
  const others = Promise.all([0, 2, 3].map((i) => runCommand(kplay, { ...podEnv, KPLAY_RUN_STORE: url, JOB_COMPLETION_INDEX: String(i) })));
  for (let wait = 0; (await recorded(url, runId, 2, 'greet')) === 0; wait++) {
    expect(wait, 'slice 2 never reached its last task').toBeLessThan(600);
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-(held.pid ?? 0), 'SIGKILL');
  expect(await killed).toBe('SIGKILL');
  const slices = await others;
  const history = async (): Promise<ShownRun> => {
    const shown = await runCommand(['node', join(ROOT, 'bin/kplay.js'), 'history', 'show', runId, '--json'], { KPLAY_RUN_STORE: url });
    expect(shown.code, shown.stderr).toBe(0);
    return JSON.parse(shown.stdout) as ShownRun;
  };
  const broken = await history();
  expect(broken.status).toBe('incomplete');
  expect(broken.sliceRecords?.map((r) => [r.index, r.status, r.hosts.length])).toEqual([
    [1, 'failed', 50],
    [2, 'incomplete', 50],
    [3, 'failed', 50],
    [4, 'failed', 50],
  ]);
  // the killed slice's hosts never reached a recap: the text names them as not run
  expect(Object.keys(broken.recap)).toHaveLength(150);
  const text = await runCommand(['node', join(ROOT, 'bin/kplay.js'), 'history', 'show', runId], { KPLAY_RUN_STORE: url });
  expect(text.stdout).toMatch(/\n2\/4 +incomplete +- +50 +\S+, .* and 45 more\n/);

  // the slice run again (a retried pod) replaces its record and completes the run
  const rerun = await runCommand(kplay, { ...podEnv, KPLAY_RUN_STORE: url, JOB_COMPLETION_INDEX: '1' });
  const joined: Record<string, RecapCounts> = {};
  for (const [i, s] of [...slices, rerun].entries()) {
    expect(s.code, `slice ${i}: ${s.stderr}${unreachableLines(s.stdout)}`).toBe(2);
    const recap = parseRecap(s.stdout);
    const names = Object.keys(recap);
    expect(names.length, `slice ${i} ran ${names.length} hosts`).toBe(200 / completions);
    for (const host of names) {
      expect(joined[host], `${host} ran in two slices`).toBeUndefined();
      joined[host] = recap[host] as RecapCounts;
    }
  }
  expect(joined).toEqual(wholeRecap);
  expect(Object.values(joined).filter((c) => c.failed === 1)).toHaveLength(20);
  const complete = await history();
  expect(complete).toMatchObject({ status: 'failed', exitCode: 2, slices: { recorded: 4, count: 4 } });
  expect(complete.recap).toEqual(wholeRecap);
  const listed = await runCommand(['node', join(ROOT, 'bin/kplay.js'), 'history', '--json'], { KPLAY_RUN_STORE: url });
  expect((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id)).toEqual([runId]);
}, 900_000);

// A run sliced as the Kubernetes Indexed Job of deploy/kubernetes/job.yaml starts it: the Job's args and env, one
// process per completion index, all at once (parallelism), over 200 light lab hosts. Each host runs in exactly one
// slice, and the slices' recaps join into the recap of the same run unsliced.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RecapCounts } from '../../engine/core/events.js';
import { parseRecap, ROOT, runCommand } from './support/cli.js';
import { withLab } from './support/lab.js';

interface JobManifest {
  spec: {
    completions: number;
    template: { spec: { containers: { args: string[]; env: { name: string; value?: string }[] }[] } };
  };
}

const lab = withLab({ name: 'slicejob', count: 200, kind: 'light' });
beforeAll(lab.setup, 900_000);
afterAll(lab.teardown);

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
  // the pod's env: literal values as written, the run id as Kubernetes fills it in (the Job's uid); no store URL here
  const podEnv: Record<string, string> = { KPLAY_RUN_ID: 'b1c2d3e4-0000-4000-8000-000000000001' };
  for (const e of container?.env ?? []) if (e.value !== undefined) podEnv[e.name] = e.value;
  const completions = job.spec.completions;
  expect(Number(podEnv.KPLAY_SHARD_COUNT)).toBe(completions);

  const slices = await Promise.all(Array.from({ length: completions }, (_, i) => runCommand(kplay, { ...podEnv, JOB_COMPLETION_INDEX: String(i) })));
  const whole = await runCommand(kplay);
  expect(whole.code, whole.stderr).toBe(2);
  const joined: Record<string, RecapCounts> = {};
  for (const [i, s] of slices.entries()) {
    expect(s.code, `slice ${i}: ${s.stderr}`).toBe(2);
    const recap = parseRecap(s.stdout);
    const names = Object.keys(recap);
    expect(names.length, `slice ${i} ran ${names.length} hosts`).toBe(200 / completions);
    for (const host of names) {
      expect(joined[host], `${host} ran in two slices`).toBeUndefined();
      joined[host] = recap[host] as RecapCounts;
    }
  }
  const wholeRecap = parseRecap(whole.stdout);
  expect(Object.keys(wholeRecap)).toHaveLength(200);
  expect(joined).toEqual(wholeRecap);
  expect(Object.values(joined).filter((c) => c.failed === 1)).toHaveLength(20);
}, 900_000);

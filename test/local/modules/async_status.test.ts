// async_status's step run by this machine's sh against a scratch HOME: reads a finished job, cleanup removes it, then
// the job is unknown. Its results as data: test/unit/modules/cases/async_status.yml.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asyncStatusModule } from '../../../modules/async_status.js';
import type { Finish } from '../../../modules/contract.js';
import { ctx, plan } from './support/apply-locally.js';

describe('async_status on this machine', () => {
  const home = mkdtempSync(join(tmpdir(), 'kplay-async-status-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const run = (params: { jid: string; mode: 'status' | 'cleanup' }): Finish => {
    const p = plan(asyncStatusModule, params, {}, ctx());
    if (p.kind !== 'change') throw new Error(`expected one step, got ${p.kind}`);
    const step = p.steps[0];
    if (!step) throw new Error('no step');
    const r = spawnSync('sh', ['-c', step.cmd], { env: { ...process.env, HOME: home }, encoding: 'utf8' });
    return asyncStatusModule.finish?.(params, [{ step, stdout: r.stdout, stderr: r.stderr, code: r.status ?? 255 }]) ?? {};
  };

  it('reads a finished job, removes it, then knows it no more', () => {
    mkdirSync(join(home, '.ansible_async'));
    const file = join(home, '.ansible_async', 'j9.1');
    writeFileSync(file, '{"changed": true, "rc": 0, "stdout": "done", "stderr": ""}\n');
    expect(run({ jid: 'j9.1', mode: 'status' })).toMatchObject({ changed: true, data: { finished: 1, stdout: 'done', results_file: file } });
    expect(run({ jid: 'j9.1', mode: 'cleanup' })).toMatchObject({ changed: false, data: { erased: file } });
    expect(existsSync(file)).toBe(false);
    expect(run({ jid: 'j9.1', mode: 'status' }).failed).toBe('could not find job');
  });
});

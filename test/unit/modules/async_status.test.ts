// async_status: what a job's results file says, read as Ansible's async_status reads it (cases as data), and the
// module run locally against a scratch HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asyncStatusModule, jobResult } from '../../../modules/async_status.js';
import { readJobFile, validJobId } from '../../../modules/common/async-job.js';
import type { Finish } from '../../../modules/contract.js';
import { ctx, plan } from './harness.js';

const FILE = '/root/.ansible_async/j1.2';
const printed = (content: string | undefined, code = 0) => ({ stdout: content === undefined ? `${FILE}\n` : `${FILE}\n${content}`, stderr: '', code });

describe('a results file, as async_status reads it', () => {
  const cases: { name: string; text: string; want: Partial<Finish> & { data?: Record<string, unknown> } }[] = [
    {
      name: 'started, not finished',
      text: '{"started": 1, "finished": 0, "ansible_job_id": "j1.2"}',
      want: { changed: false, failed: undefined, data: { started: 1, finished: 0, ansible_job_id: 'j1.2', results_file: FILE, stdout: '' } },
    },
    { name: 'empty (being written): still running', text: '', want: { changed: false, data: { started: 1, finished: 0 } } },
    { name: 'half written: still running', text: '{"changed": tr', want: { changed: false, data: { finished: 0 } } },
    {
      name: 'a command that succeeded: its result, finished, lines added',
      text: '{"changed": true, "rc": 0, "stdout": "a\\nb", "stderr": "", "msg": ""}',
      want: { changed: true, failed: undefined, data: { rc: 0, stdout: 'a\nb', stdout_lines: ['a', 'b'], finished: 1, started: 1, ansible_job_id: 'j1.2' } },
    },
    {
      name: 'a command that failed: failed and changed, with its message',
      text: '{"changed": true, "rc": 3, "stdout": "", "stderr": "err", "failed": true, "msg": "non-zero return code"}',
      want: { changed: true, failed: 'non-zero return code', data: { rc: 3, stderr_lines: ['err'], finished: 1 } },
    },
    {
      name: "Ansible's async_wrapper at its time limit",
      text: '{"msg": "Timeout exceeded", "failed": true, "child_pid": 77}',
      want: { changed: false, failed: 'Timeout exceeded', data: { finished: 1, ansible_job_id: 'j1.2' } },
    },
    { name: 'a module that changed nothing', text: '{"changed": false, "rc": 0, "stdout": "skipped"}', want: { changed: false, failed: undefined, data: { finished: 1 } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = jobResult('j1.2', 'status', printed(c.text));
      expect(r.changed).toBe(c.want.changed);
      expect(r.failed).toBe(c.want.failed);
      expect(r.data).toMatchObject(c.want.data ?? {});
    });
  }

  it('a job without a file: failed, finished, "could not find job"', () => {
    const r = jobResult('j1.2', 'status', printed(undefined, 3));
    expect(r).toMatchObject({ failed: 'could not find job', changed: false, data: { finished: 1, started: 1, results_file: FILE } });
  });

  it('cleanup: ok, with the file erased', () => {
    expect(jobResult('j1.2', 'cleanup', printed(undefined))).toEqual({
      changed: false,
      data: { ansible_job_id: 'j1.2', started: 0, finished: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], erased: FILE },
    });
  });

  it('readJobFile: "finished" decides, whatever else is there', () => {
    expect(readJobFile('j', '{"started": 1, "finished": 1, "rc": 0}').kind).toBe('finished');
    expect(readJobFile('j', '[1]').kind).toBe('running');
  });

  it('job ids are file names, nothing that leaves the directory', () => {
    expect(['j123456789012.4567', 'job_1'].map(validJobId)).toEqual([true, true]);
    expect(['', '..', '../x', 'a/b', '.hidden', 'a b'].map(validJobId)).toEqual([false, false, false, false, false, false]);
    expect(plan(asyncStatusModule, { jid: '../etc', mode: 'status' }, {}).kind).toBe('fail');
  });
});

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

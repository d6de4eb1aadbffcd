// async / poll in the runner: the time limit and its message, the model from the playbook, and the detached job's
// sh run for real on this machine (a scratch HOME): it outlives its launcher and writes Ansible's results file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detachedModule, execTimeoutMs, launchedJob, timeoutMessage } from '../../../engine/run/async.js';
import { JSON_TIMES_AWK, launchScript } from '../../../engine/run/async-script.js';
import { commandTimes } from '../../../modules/common/python-time.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';
import { commandModule } from '../../../modules/command.js';
import { shellModule } from '../../../modules/shell.js';
import { ctx, out } from '../modules/support/apply-locally.js';

describe('the time limit of a task', () => {
  const cases: { name: string; timeout?: number; async?: { limitS: number; poll: number }; ms: number | undefined; msg: string }[] = [
    { name: 'neither', ms: undefined, msg: 'task timed out: x' },
    { name: 'timeout only', timeout: 5, ms: 5000, msg: 'task timed out: x' },
    { name: 'async with poll', async: { limitS: 3, poll: 1 }, ms: 3000, msg: 'async task did not complete within the requested time - 3s' },
    { name: 'async first', timeout: 10, async: { limitS: 3, poll: 1 }, ms: 3000, msg: 'async task did not complete within the requested time - 3s' },
    { name: 'timeout first', timeout: 2, async: { limitS: 3, poll: 1 }, ms: 2000, msg: 'task timed out: x' },
    { name: 'poll: 0 limits the job, not the launch', timeout: 4, async: { limitS: 3, poll: 0 }, ms: 4000, msg: 'task timed out: x' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(execTimeoutMs(c)).toBe(c.ms);
      expect(timeoutMessage(c, 'x')).toBe(c.msg);
    });
  }
});

describe('async and poll in the model', () => {
  it('async: N gives a time limit, poll defaults to 15 as in Ansible; async: 0 is no async', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kplay-async-load-'));
    const file = join(dir, 'p.yml');
    writeFileSync(
      file,
      `- hosts: all
  tasks:
    - command: a
      async: 30
    - shell: b
      async: 5
      poll: 0
    - command: c
      async: 0
      poll: 0
`,
    );
    const tasks = loadPlaybookSync(file).plays[0]?.tasks ?? [];
    rmSync(dir, { recursive: true, force: true });
    expect(tasks.map((t) => (t.kind === 'task' ? t.async : 'not a task'))).toEqual([{ limitS: 30, poll: 15 }, { limitS: 5, poll: 0 }, undefined]);
  });
});

describe('a command as a detached job', () => {
  it('its one step becomes a launch; nothing to run (creates) becomes a job written finished', () => {
    const m = detachedModule(commandModule, 7);
    const run = m.plan({ cmd: 'make' }, {}, ctx());
    expect(run.kind === 'change' && run.steps.length === 1 && run.steps[0]?.cmd.includes('timeout -k 2 7 sh -c')).toBe(true);
    const skip = m.plan({ cmd: 'make', creates: '/x' }, { creates: out('') }, ctx());
    expect(skip.kind === 'change' && skip.steps[0]?.cmd.includes('Did not run command since')).toBe(true);
    expect(m.plan({ cmd: 'echo "oops' }, {}, ctx()).kind).toBe('fail');
  });

  it('the launch reports the job id and file, changed; a failed launch says why', () => {
    expect(launchedJob([{ stdout: 'j1.2\n/h/.ansible_async/j1.2\n', stderr: '', code: 0 }])).toEqual({
      changed: true,
      data: { ansible_job_id: 'j1.2', results_file: '/h/.ansible_async/j1.2', started: 1, finished: 0 },
    });
    expect(launchedJob([{ stdout: '', stderr: 'mkdir: Permission denied\n', code: 1 }]).failed).toBe('the job did not start: mkdir: Permission denied');
  });
});

describe("a job's start, end and delta, by the host's awk", () => {
  // the same readings as modules/common/python-time.ts reads them for a task that waits: both must agree
  const readings = [
    ['2026-12-06 21:00:00.123456789', '2026-12-06 21:00:00.127000999'],
    ['2026-12-06 23:59:59.000000100', '2026-12-07 00:00:01.500000000'],
    ['2024-02-28 10:00:00.5', '2024-03-02 11:00:00.5'],
    ['2020-01-01 00:00:00.0', '2026-12-06 21:00:00.000001'],
    ['2026-12-06 21:00:00.000000001', '2026-12-06 20:59:59.999999999'],
    ['2026-12-06 21:00:00.N', '2026-12-06 21:00:03.N'],
    ['', ''],
    ['2026-12-06 21:00:00.1', 'garbage'],
  ];
  it.each(readings)('%j to %j', (start, end) => {
    const r = spawnSync('awk', ['-v', `a=${start}`, '-v', `b=${end}`, JSON_TIMES_AWK], { encoding: 'utf8', input: '' });
    expect(JSON.parse(`{${r.stdout}}`)).toEqual(commandTimes({ start, end }));
  });
});

describe('the detached job on this machine', () => {
  const home = mkdtempSync(join(tmpdir(), 'kplay-async-job-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  /** Launch like the transport would (the launcher exits at once), then wait for the job's result. */
  const launch = (script: string, stdin = '', env: Record<string, string> = {}): { jid: string; file: string } => {
    const r = spawnSync('sh', ['-c', script], { env: { ...process.env, ...env, HOME: home }, input: stdin, encoding: 'utf8', timeout: 10_000 });
    expect(r.status, r.stderr).toBe(0);
    const [jid = '', file = ''] = r.stdout.split('\n');
    return { jid, file };
  };
  const finished = async (file: string, waitMs = 10_000): Promise<Record<string, unknown>> => {
    for (const t0 = Date.now(); Date.now() - t0 < waitMs; await new Promise((r) => setTimeout(r, 100))) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      if (!('started' in data)) return data;
    }
    throw new Error(`${file} did not finish`);
  };
  const shellStep = (cmd: string): string => {
    const p = shellModule.plan({ cmd, executable: '/bin/sh', stdin_add_newline: true }, {}, ctx());
    if (p.kind !== 'change' || !p.steps[0]) throw new Error('no step');
    return p.steps[0].cmd;
  };

  it('returns at once, runs on, and leaves JSON text exactly as the command printed it (trailing blank lines dropped)', async () => {
    const tricky = 'tab\there "quotes" back\\slash \u0001ctl é€\r\nsecond';
    // the job waits for a gate opened only after the launcher returned: returning at all shows it did not wait
    const gate = join(home, 'gate');
    const job = launch(launchScript(shellStep(`while [ ! -e ${gate} ]; do sleep 0.05; done; printf '%s\\n\\n\\n' "$T"; echo oops >&2; exit 4`), 30, false), '', { T: tricky });
    expect(job.jid).toMatch(/^j\d{12}\.\d+$/);
    expect(job.file).toBe(join(home, '.ansible_async', job.jid));
    expect(JSON.parse(readFileSync(job.file, 'utf8'))).toEqual({ started: 1, finished: 0, ansible_job_id: job.jid });
    writeFileSync(gate, '');
    const data = await finished(job.file);
    const { start, end, delta, ...rest } = data;
    expect(rest).toEqual({ changed: true, ansible_job_id: job.jid, rc: 4, stdout: tricky, stderr: 'oops', failed: true, msg: 'non-zero return code' });
    // and the host's clock around the command, as command's start, end and delta
    for (const time of [start, end]) expect(String(time)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/);
    expect(String(delta)).toMatch(/^0:00:0\d(\.\d{6})?$/);
    expect(String(end) >= String(start)).toBe(true);
    expect(readdirSync(join(home, '.ansible_async')).filter((f) => f.startsWith(job.jid)), 'only the results file stays').toEqual([job.jid]);
  });

  it("carries the fields known before the run (command's cmd), quotes and all, in the job's result", async () => {
    const cmd = ['printf', "it's \"x\" é", '$HOME'];
    const job = launch(launchScript(shellStep('true'), 30, false, { cmd }));
    expect(await finished(job.file)).toMatchObject({ cmd, rc: 0, changed: true, msg: '' });
  });

  it('feeds the step its stdin', async () => {
    const job = launch(launchScript(shellStep('tr a-z A-Z'), 30, true), 'hello\n');
    expect(await finished(job.file)).toMatchObject({ rc: 0, stdout: 'HELLO', msg: '' });
  });

  it('stops the job at its time limit, with its children, and says so', async () => {
    const marker = join(home, 'still-running');
    const job = launch(launchScript(shellStep(`sleep 30 & wait; touch ${marker}`), 1, false));
    expect(await finished(job.file, 6_000)).toEqual({ failed: true, msg: 'Timeout exceeded', ansible_job_id: job.jid });
    const ps = spawnSync('sh', ['-c', `ps -eo args | grep -c '[s]h -c sleep 30 & wait; touch ${marker}'`], { encoding: 'utf8' });
    expect(ps.stdout.trim(), 'no process of the job is left').toBe('0');
    expect(existsSync(marker)).toBe(false);
  });
});

// async with poll: 0 on a real host: the job outlives the run that started it (and its SSH connection), and a
// second run follows it with async_status, reads its result, and cleans it up. What is on the host is checked
// through plain OpenSSH.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplayJson, type JsonRun } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const LAB = 'async';

/** The result data of a task on a host, as the host_result event carries it. */
const detailOf = (r: JsonRun, host: string, task: string): Record<string, unknown> => {
  const e = r.events.find((x) => x.event === 'host_result' && x.host === host && x.task === task);
  return (e?.detail as Record<string, unknown> | undefined) ?? {};
};

describe('a detached job on a light lab', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kplay-async-lab-'));
  const info = useLab({ name: LAB, count: 1, kind: 'light', cleanup: () => rmSync(tmp, { recursive: true, force: true }), teardownTimeout: 900_000 });
  const playbook = (name: string, text: string): string => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    return file;
  };

  it('survives the end of the run, and a second run picks it up with async_status', async () => {
    const start = playbook(
      'start.yml',
      `- hosts: h1
  gather_facts: false
  tasks:
    - name: start
      shell: "sleep 4; uname -n > /tmp/async-mark; echo finished-on-$(uname -n); echo note >&2"
      async: 60
      poll: 0
`,
    );
    const t0 = performance.now();
    const first = await kplayJson(start, '-i', info.inventory);
    expect(first.code, first.stderr).toBe(0);
    expect(performance.now() - t0, 'the run does not wait for the job').toBeLessThan(4000);
    expect(first.recap.h1).toMatchObject({ changed: 1, failed: 0 });
    const job = detailOf(first, 'h1', 'start');
    expect(job).toMatchObject({ started: 1, finished: 0 });
    const jid = String(job.ansible_job_id);
    expect(jid).toMatch(/^j\d{12}\.\d+$/);

    // the run is over and its connection closed: the job is still at work on the host
    const running = await labSsh(info, 'h1', `cat ~/.ansible_async/${jid}; echo; for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline 2>/dev/null; echo; done | grep -c '^sleep 4 $'; test -e /tmp/async-mark; echo mark=$?`);
    expect(running.stdout).toContain(`"started": 1, "finished": 0, "ansible_job_id": "${jid}"`);
    expect(running.stdout, 'its sleep is running').toMatch(/^1$/m);
    expect(running.stdout).toContain('mark=1');

    const follow = playbook(
      'follow.yml',
      `- hosts: h1
  gather_facts: false
  tasks:
    - name: wait
      async_status:
        jid: "{{ jid }}"
      register: job
      until: job.finished
      retries: 30
      delay: 1
    - name: cleanup
      async_status:
        jid: "{{ jid }}"
        mode: cleanup
`,
    );
    const second = await kplayJson(follow, '-i', info.inventory, '-e', `jid=${jid}`);
    expect(second.code, second.stderr).toBe(0);
    expect(second.recap.h1).toMatchObject({ changed: 1, ok: 2, failed: 0 });
    expect(detailOf(second, 'h1', 'wait')).toMatchObject({ finished: 1, rc: 0, stdout: 'finished-on-h1', stderr: 'note', ansible_job_id: jid });
    expect(Number(detailOf(second, 'h1', 'wait').attempts), 'it was still running when the second run began').toBeGreaterThan(1);

    const after = await labSsh(info, 'h1', `cat /tmp/async-mark; ls -A ~/.ansible_async`);
    expect(after.stdout, 'the job did its work; cleanup left no file of it').toBe('h1\n');
  });
});

// async_status: the state of a job started with async and poll: 0 (its result once finished), or remove its file.
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { defineModule, type Finish, type StepOutput } from './contract.js';
import { ANY_EXIT } from './common/run-command.js';
import { ASYNC_DIR_SH, linesOf, readJobFile, validJobId } from './common/async-job.js';
import { choice } from './common/schema.js';

const params = Type.Object({
  jid: Type.String({ description: 'The job id: `ansible_job_id` of the result of the task that started the job.' }),
  mode: choice(['status', 'cleanup'], { description: "status: the job's state, and its result once it finished; cleanup: remove the job's results file.", default: 'status' }),
});

/** Exit code of the step when the job has no results file. */
const NO_JOB = 3;

/** The step prints the results file's path, then (status) the file or (cleanup) nothing once it is removed. */
function jobCommand(jid: string, mode: 'status' | 'cleanup'): string {
  const act = mode === 'status' ? 'cat -- "$f"' : 'rm -f -- "$f" "$f".out "$f".err "$f".in "$f".tmp';
  return `f=${ASYNC_DIR_SH}/${quote(jid)}; printf '%s\\n' "$f"; [ -f "$f" ] || exit ${NO_JOB}; ${act}`;
}

/** The fields Ansible's async_status action starts its result with. */
function baseResult(jid: string): Record<string, unknown> {
  return { ansible_job_id: jid, started: 0, finished: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] };
}

/** What the step printed -> the task's result, as Ansible's async_status reports it. Pure. */
export function jobResult(jid: string, mode: 'status' | 'cleanup', out: Pick<StepOutput, 'stdout' | 'stderr' | 'code'>): Finish {
  const newline = out.stdout.indexOf('\n');
  const file = newline < 0 ? out.stdout : out.stdout.slice(0, newline);
  const content = newline < 0 ? '' : out.stdout.slice(newline + 1);
  if (out.code === NO_JOB) {
    return { failed: 'could not find job', changed: false, data: { ...baseResult(jid), results_file: file, started: 1, finished: 1, msg: 'could not find job' } };
  }
  if (out.code !== 0) return { failed: `cannot read the job's file ${file}: ${out.stderr.trim() || `exit code ${out.code}`}`, changed: false };
  if (mode === 'cleanup') return { changed: false, data: { ...baseResult(jid), erased: file } };
  const job = readJobFile(jid, content);
  const data: Record<string, unknown> = { ...baseResult(jid), results_file: file, started: 1, ...job.data };
  if (data.stdout_lines === undefined || (Array.isArray(data.stdout_lines) && data.stdout_lines.length === 0)) data.stdout_lines = linesOf(data.stdout);
  if (data.stderr_lines === undefined || (Array.isArray(data.stderr_lines) && data.stderr_lines.length === 0)) data.stderr_lines = linesOf(data.stderr);
  const changed = job.kind === 'finished' && truthy(data.changed);
  if (job.kind === 'finished' && truthy(data.failed)) return { failed: typeof data.msg === 'string' && data.msg !== '' ? data.msg : 'the job failed', changed, data };
  return { changed, data };
}

/** A result's flag as Python reads it: true, 1 and "yes"-like strings hold. */
function truthy(v: unknown): boolean {
  return v === true || v === 1 || (typeof v === 'string' && /^(?:true|yes|1)$/i.test(v));
}

export const asyncStatusModule = defineModule({
  name: 'async_status',
  short: 'Follow a job started with async and poll: 0, or remove its file',
  params,
  // as Ansible's async_status (no check-mode support): skipped in check mode
  checkMode: 'skip',
  examples: `- name: Start a long job and go on
  shell: /usr/local/bin/rebuild-index
  async: 3600
  poll: 0
  register: rebuild

- name: Wait for it
  async_status:
    jid: "{{ rebuild.ansible_job_id }}"
  register: job
  until: job.finished
  retries: 120
  delay: 30

- name: Remove its results file
  async_status:
    jid: "{{ rebuild.ansible_job_id }}"
    mode: cleanup
`,
  plan(p) {
    if (!validJobId(p.jid)) return { kind: 'fail', msg: `not a job id: ${JSON.stringify(p.jid)} (expected a name like j123456789012.4567)` };
    const mode = p.mode ?? 'status';
    const step = { cmd: jobCommand(p.jid, mode), describe: `${mode === 'status' ? 'read' : 'remove'} the results of job ${p.jid}`, okCodes: ANY_EXIT };
    return { kind: 'change', summary: step.describe, steps: [step] };
  },
  finish(p, outputs) {
    const out = outputs[outputs.length - 1];
    if (!out) return { failed: 'the job status was not read' };
    return jobResult(p.jid, p.mode ?? 'status', out);
  },
});

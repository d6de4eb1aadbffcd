// cron: jobs and variables in a user's crontab (crontab -l / crontab -u USER -) or in a file under /etc/cron.d,
// as Ansible's cron module: each job under its "#Ansible: NAME" marker line.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { aliasOf, choice, operand } from './common/schema.js';
import { defineModule } from './contract.js';
import { finishBackup, installCrontabStep, readCrontabCommand, withBackup } from './support/crontab-steps.js';
import { cronFilePath, cronNames, isBlank, putEnv, putJob, readCrontab, removeEnv, removeJob, renderCrontab, type Edit } from './support/crontab.js';

const field = (what: string) => Type.String({ description: `${what} when the job runs ("*", "*/5", "1,15").`, default: '*' });

const params = Type.Object({
  name: Type.String({ description: 'The job\'s description (its "#Ansible: NAME" marker); with env, the variable\'s name.' }),
  job: Type.Optional(Type.String({ description: 'The command to run; with env, the value of the variable. Required with state present.' })),
  value: Type.Optional(Type.String({ description: 'Alias of job.' })),
  state: choice(['present', 'absent'], { description: 'Whether the job (or variable) should be there.', default: 'present' }),
  user: Type.Optional(operand('The user whose crontab is edited (default: the task\'s user); with cron_file, the user the job runs as (then required with state present).')),
  cron_file: Type.Optional(Type.String({ description: 'A file under /etc/cron.d (a bare name) or an absolute path to edit instead of a crontab.' })),
  minute: field('Minute'),
  hour: field('Hour'),
  day: field('Day of the month'),
  month: field('Month'),
  weekday: field('Day of the week'),
  special_time: Type.Optional(
    choice(['annually', 'daily', 'hourly', 'monthly', 'reboot', 'weekly', 'yearly'], { description: 'Run at @reboot, @daily, ... instead of the five time fields.' }),
  ),
  disabled: Type.Boolean({ description: 'Write the job commented out.', default: false }),
  dom: aliasOf('day', Type.Optional(Type.String({ description: 'Alias of day.' }))),
  dow: aliasOf('weekday', Type.Optional(Type.String({ description: 'Alias of weekday.' }))),
  env: Type.Boolean({ description: 'Manage an environment variable (a NAME="job" line) instead of a job.', default: false }),
  insertafter: Type.Optional(Type.String({ description: 'With env: put a new variable after the line of this variable.' })),
  insertbefore: Type.Optional(Type.String({ description: 'With env: put a new variable before the line of this variable.' })),
  backup: Type.Boolean({
    description: 'Before a change, keep the crontab (or cron_file) as it was in a new file $TMPDIR/crontabXXXXXXXX (mode 0600), returned as backup_file; none when nothing changes or in check mode.',
    default: false,
  }),
});

type Params = typeof params.static;

export const cronModule = defineModule({
  name: 'cron',
  short: 'Manage cron jobs and crontab variables, each job under its "#Ansible: NAME" marker',
  examples: `- name: Nightly backup as root
  cron:
    name: backup
    minute: "0"
    hour: "2"
    job: /usr/local/bin/backup.sh

- name: A job in /etc/cron.d
  cron: { name: cleanup, special_time: daily, job: "find /tmp -mtime +7 -delete", cron_file: cleanup, user: root }
`,
  params,
  probe(p): Record<string, string> {
    // a refused task reads nothing
    if (refusal(p) !== undefined) return {};
    const file = cronFile(p);
    if (file !== undefined) return { tab: sh`cat -- ${file}` };
    return { tab: readCrontabCommand(p.user) };
  },
  plan(p, observed, ctx) {
    const refused = refusal(p);
    if (refused !== undefined) return { kind: 'fail', msg: refused };
    const file = cronFile(p);
    const tab = observed.tab;
    if (tab?.code === 127) return { kind: 'fail', msg: 'crontab was not found on the host: install cronie (EL) or cron (Debian) first', missingPrerequisite: `edit the crontab (crontab is not installed yet)` };
    // crontab -l exits 1 with "no crontab for USER"; a missing cron_file is an empty one
    if (tab !== undefined && tab.code !== 0 && !(tab.code === 1 && (file !== undefined || /no crontab/i.test(tab.stderr)))) {
      return { kind: 'fail', msg: `reading the crontab failed: ${tab.stderr.trim()}` };
    }
    const read = readCrontab(tab?.code === 0 ? tab.stdout : '', file === undefined);
    const edit = editOf(p, read.lines, file !== undefined);
    if ('error' in edit) return { kind: 'fail', msg: edit.error };
    // Ansible rewrites a crontab whose last line has no line break, even when nothing else changes
    const changed = edit.changed || (read.text !== '' && !/[\r\n]$/.test(read.text));
    const names = cronNames(edit.lines);
    const data = { jobs: names.jobs, envs: names.envs, ...(p.cron_file === undefined ? {} : { cron_file: p.cron_file }) };
    const what = `${p.env ? 'variable' : 'job'} ${p.name}`;
    if (!changed) return { kind: 'ok', reason: `${what} is ${p.state === 'present' ? 'as wanted' : 'absent'}`, data };
    const after = renderCrontab(edit.lines);
    // Ansible removes a cron_file left with blank lines only by a job's removal, and returns no backup_file then
    if (file !== undefined && !p.env && p.state === 'absent' && edit.changed && isBlank(edit.lines)) {
      return {
        kind: 'change',
        summary: `remove ${what} and ${file}, left empty`,
        steps: [{ cmd: sh`rm -f -- ${file}`, describe: `remove ${file}` }],
        data: { cron_file: p.cron_file, state: p.state },
        ...(ctx.diff ? { diff: { path: file, before: read.text, after: '' } } : {}),
      };
    }
    const write = installCrontabStep(after, file, p.user);
    const step = p.backup ? withBackup(write, renderCrontab(read.lines), 'crontab') : write;
    const had = cronNames(read.lines)[p.env ? 'envs' : 'jobs'].includes(p.name);
    const summary = edit.changed ? `${p.state === 'absent' ? 'remove' : had ? 'update' : 'add'} ${what}` : 'end the crontab with a line break';
    return { kind: 'change', summary, steps: [step], data, ...(ctx.diff ? { diff: { path: file ?? 'crontab', before: read.text, after } } : {}) };
  },
  finish: (_p, outputs) => finishBackup(outputs),
});

function cronFile(p: Params): string | undefined {
  return p.cron_file === undefined ? undefined : cronFilePath(p.cron_file);
}

/** What Ansible refuses before it edits anything, in its words, in its order; and what kplay refuses: a line break that would add a line. */
function refusal(p: Params): string | undefined {
  if (p.insertafter !== undefined && p.insertbefore !== undefined) return 'parameters are mutually exclusive: insertafter|insertbefore';
  if (cronFile(p) === '/etc/crontab') return 'Will not manage /etc/crontab via cron_file, see documentation.';
  const job = jobOf(p);
  for (const [k, v] of [['name', p.name], ['job', job ?? ''], ['minute', p.minute], ['hour', p.hour], ['day', dayOf(p)], ['month', p.month], ['weekday', weekdayOf(p)]] as const) {
    if (v.includes('\n') || v.includes('\r')) return `${k} must not contain a newline: it would add a line to the crontab`;
  }
  if (p.special_time !== undefined && [p.minute, p.hour, dayOf(p), p.month, weekdayOf(p)].some((f) => f !== '*')) return 'You must specify time and date fields or special time.';
  if (p.state === 'present') {
    if (p.cron_file !== undefined && p.user === undefined) return 'To use cron_file=... parameter you must specify user=... as well';
    if (job === undefined) return "You must specify 'job' to install a new cron job or variable";
    if ((p.insertafter !== undefined || p.insertbefore !== undefined) && !p.env) return 'Insertafter and insertbefore parameters are valid only with env=yes';
  }
  if (p.env && p.name.includes(' ')) return 'Invalid name for environment variable';
  return undefined;
}

/** The crontab's lines after the task, as Ansible's cron module edits them. */
function editOf(p: Params, lines: readonly string[], inFile: boolean): Edit | { error: string } {
  const job = jobOf(p);
  if (p.env) return p.state === 'present' && job !== undefined ? putEnv(lines, p.name, job, p) : removeEnv(lines, p.name);
  return p.state === 'present' && job !== undefined ? putJob(lines, p.name, jobLine(p, job, inFile)) : removeJob(lines, p.name);
}

/** The job (or the variable's value); a job's leading and trailing line breaks go, as Ansible strips them. */
function jobOf(p: Params): string | undefined {
  const job = p.job ?? p.value;
  return job === undefined || p.env ? job : job.replace(/^[\r\n]+|[\r\n]+$/g, '');
}

const dayOf = (p: Params): string => p.dom ?? p.day;
const weekdayOf = (p: Params): string => p.dow ?? p.weekday;

/** The job line as Ansible writes it; a cron.d file has the user between the time and the command. */
function jobLine(p: Params, job: string, inFile: boolean): string {
  const when = p.special_time === undefined ? [p.minute, p.hour, dayOf(p), p.month, weekdayOf(p)].join(' ') : `@${p.special_time}`;
  const who = inFile ? ` ${p.user ?? 'root'}` : '';
  return `${p.disabled ? '#' : ''}${when}${who} ${job}`;
}

// cronvar (community.general): a variable in a user's crontab or in a file under /etc/cron.d, as Ansible's module
// edits it (support/cronvar-edit.ts): NAME=value, unquoted, new ones first or beside another variable. Unlike cron's
// env it has no check mode (the task is skipped there) and no diff, and it needs no user with cron_file.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule, type Plan } from './contract.js';
import { finishBackup, installCrontabStep, readCrontabCommand, withBackup } from './support/crontab-steps.js';
import { cronFilePath, readCrontab } from './support/crontab.js';
import { editCronVar, renderCronVar } from './support/cronvar-edit.js';

const params = Type.Object({
  name: Type.String({ description: 'The name of the variable.' }),
  value: Type.Optional(Type.String({ description: 'Its value, written as it is (NAME=value, no quotes added). Required with state present.' })),
  user: Type.Optional(operand("The user whose crontab is edited (default: the task's user); ignored with cron_file.")),
  cron_file: Type.Optional(Type.String({ description: 'A file under /etc/cron.d (a bare name) or an absolute path to edit instead of a crontab.' })),
  insertafter: Type.Optional(Type.String({ description: 'Put a new variable after each line of this variable (none there: nothing is added, the task still changes).' })),
  insertbefore: Type.Optional(Type.String({ description: 'Put a new variable before each line of this variable (none there: nothing is added, the task still changes).' })),
  state: choice(['present', 'absent'], { description: 'Whether the variable should be there; absent removes every line of it.', default: 'present' }),
  backup: Type.Boolean({
    description: 'Before a change, keep the crontab (or cron_file) as it was in a new file $TMPDIR/cronvarXXXXXXXX (mode 0600), returned as backup_file.',
    default: false,
  }),
});

type Params = typeof params.static;

// how Ansible reports its module's own exceptions
const MODULE_FAILURE = 'MODULE FAILURE\nSee stdout/stderr for the exact error';
const crash = (exception: string): Plan => ({ kind: 'fail', msg: MODULE_FAILURE, data: { module_stdout: '', module_stderr: `${exception}\n`, rc: 1 } });

export const cronvarModule = defineModule({
  name: 'cronvar',
  aliases: ['community.general.cronvar'],
  short: 'Manage variables (NAME=value lines) in crontabs',
  params,
  // Ansible's cronvar does not support check mode: the task is skipped there. Its message names the module as the
  // task wrote it, which a plan does not see: kplay gives the full name, as most roles write it
  checkMode: 'skip',
  checkSkipped: () => ({ msg: 'remote module (community.general.cronvar) does not support check mode', data: {} }),
  examples: `- name: Mail cron's output to ops
  community.general.cronvar:
    name: MAILTO
    value: ops@example.com

- name: A variable in /etc/cron.d/yum-autoupdate
  community.general.cronvar:
    name: LOGFILE
    value: /var/log/yum-autoupdate.log
    cron_file: yum-autoupdate
`,
  probe(p): Record<string, string> {
    if (refusal(p) !== undefined) return {};
    // Ansible's module needs the crontab program even to edit a cron_file
    if (p.cron_file !== undefined) return { tab: sh`command -v crontab >/dev/null 2>&1 || exit 127; cat -- ${cronFilePath(p.cron_file)}` };
    return { tab: readCrontabCommand(p.user) };
  },
  plan(p, observed) {
    const refused = refusal(p);
    if (refused !== undefined) return { kind: 'fail', msg: refused };
    const file = p.cron_file === undefined ? undefined : cronFilePath(p.cron_file);
    const tab = observed.tab;
    if (tab?.code === 127) {
      return { kind: 'fail', msg: 'Failed to find required executable "crontab" on the host: install cronie (EL) or cron (Debian) first', missingPrerequisite: 'edit the crontab (crontab is not installed yet)' };
    }
    // crontab -l may exit 1 (no crontab); a cron_file that cannot be read is an empty one
    if (file === undefined && tab !== undefined && tab.code !== 0 && tab.code !== 1) return crash(`CronVarError: Unable to read crontab: ${tab.stderr.trim()}`);
    if (p.state === 'present' && p.value === undefined) return { kind: 'fail', msg: "You must specify 'value' to insert a new cron variable" };
    // Ansible's main() then calls a method its CronVar lacks
    if (file !== undefined && p.name === '' && p.state === 'absent') return crash("AttributeError: 'CronVar' object has no attribute 'remove_job_file'");
    const before = readCrontab(tab !== undefined && (tab.code === 0 || file === undefined) ? tab.stdout : '', file === undefined).lines;
    const edit = editCronVar(before, p.name, p.state === 'present' ? p.value : undefined, p);
    if (edit.kind === 'crash') return crash(edit.exception);
    const data = { vars: edit.vars, ...(p.cron_file === undefined ? {} : { cron_file: p.cron_file }) };
    if (edit.change === undefined) return { kind: 'ok', reason: `variable ${p.name} is ${p.state === 'present' ? 'as wanted' : 'absent'}`, data };
    const after = renderCronVar(edit.lines);
    const write = installCrontabStep(after, file, p.user);
    const step = p.backup ? withBackup(write, renderCronVar(before), 'cronvar') : write;
    const missing = edit.change === 'add' && edit.lines.length === before.length ? `: no variable ${p.insertafter ?? p.insertbefore ?? ''} to put it beside, the crontab is written as it is (as Ansible)` : '';
    return { kind: 'change', summary: `${edit.change} variable ${p.name}${missing}`, steps: [step], data };
  },
  finish: (_p, outputs) => finishBackup(outputs),
});

/** What Ansible refuses before it reads anything; and what kplay refuses: a line break that would add a line. */
function refusal(p: Params): string | undefined {
  if (p.insertafter !== undefined && p.insertbefore !== undefined) return 'parameters are mutually exclusive: insertbefore|insertafter';
  for (const [k, v] of [['name', p.name], ['value', p.value ?? '']] as const) {
    if (v.includes('\n') || v.includes('\r')) return `${k} must not contain a newline: it would add a line to the crontab`;
  }
  return undefined;
}

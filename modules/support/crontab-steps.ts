// What Ansible's cron and cronvar modules run on the host: reading a user's crontab, installing the new one (or a
// cron_file), and `backup`: the crontab before the change in a new file that Python's tempfile.mkstemp(prefix=...)
// would make, written by the step that installs the new crontab, its path returned.
import { sh } from '../../engine/core/quote.js';
import type { Step, StepOutput } from '../contract.js';
import { replaceFileStep } from './replace-file.js';

/** The command printing a user's crontab (the task's user when none is named). */
export function readCrontabCommand(user: string | undefined): string {
  return user === undefined ? 'crontab -l' : sh`crontab -l -u ${user}`;
}

/** The step writing `text` as the cron_file `file`, or else as the user's crontab (crontab reads it on stdin). */
export function installCrontabStep(text: string, file: string | undefined, user: string | undefined): Step {
  if (file !== undefined) return replaceFileStep(file, text);
  return { cmd: user === undefined ? 'crontab -' : sh`crontab -u ${user} -`, stdin: text, describe: `install the crontab${user === undefined ? '' : ` of ${user}`}` };
}

/**
 * `write` after a backup: `backup` (the crontab before the change, as the module renders it) in a new file made by
 * mktemp as ${TMPDIR:-/tmp}/PREFIXXXXXXXXX (mode 0600, as mkstemp), its path printed for finishBackup. The backup's
 * text comes first on the step's stdin (head -c reads exactly its bytes), the new crontab after it.
 */
export function withBackup(write: Step, backup: string, prefix: 'crontab' | 'cronvar'): Step {
  const bytes = Buffer.byteLength(backup, 'utf8');
  const cmd = [
    `b=$(mktemp -- "\${TMPDIR:-/tmp}/${prefix}XXXXXXXX") || exit 1`,
    `head -c ${bytes} > "$b" || { rm -f -- "$b"; exit 1; }`,
    `printf 'backup_file=%s\\n' "$b"`,
    write.cmd,
  ].join('\n');
  return { ...write, cmd, stdin: `${backup}${String(write.stdin ?? '')}`, describe: `back up the crontab, then ${write.describe}` };
}

/** The backup file the step printed, if any. */
export function finishBackup(outputs: readonly StepOutput[]): { data?: { backup_file: string } } {
  for (const o of outputs) {
    const m = /^backup_file=(.*)$/m.exec(o.stdout);
    if (m?.[1] !== undefined) return { data: { backup_file: m[1] } };
  }
  return {};
}

// Crontab text as Ansible's cron module edits it: a job is a "#Ansible: NAME" marker line and the line after it;
// an environment variable is a NAME=value line.

export interface CronJob {
  readonly name: string;
  /** the job line, or undefined to remove the job */
  readonly line: string | undefined;
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

function join(ls: readonly string[]): string {
  return ls.map((l) => `${l}\n`).join('');
}

/** The crontab with the job `name` set to `line` (appended when new) or removed. */
export function setJob(text: string, job: CronJob): string {
  const ls = lines(text);
  const marker = `#Ansible: ${job.name}`;
  const at = ls.indexOf(marker);
  if (at < 0) return job.line === undefined ? text : join([...ls, marker, job.line]);
  const rest = ls.slice(at + 2);
  return join([...ls.slice(0, at), ...(job.line === undefined ? [] : [marker, job.line]), ...rest]);
}

/** The crontab with the variable `name` set (inserted first when new) or removed. */
export function setEnv(text: string, name: string, decl: string | undefined): string {
  const ls = lines(text);
  const at = ls.findIndex((l) => l.startsWith(`${name}=`) || l.startsWith(`${name} =`));
  if (at < 0) return decl === undefined ? text : join([decl, ...ls]);
  return join([...ls.slice(0, at), ...(decl === undefined ? [] : [decl]), ...ls.slice(at + 1)]);
}

/** The names of the jobs (their markers) and variables in the crontab: Ansible's `jobs` and `envs` return values. */
export function cronNames(text: string): { jobs: string[]; envs: string[] } {
  const jobs: string[] = [];
  const envs: string[] = [];
  for (const l of lines(text)) {
    if (l.startsWith('#Ansible: ')) jobs.push(l.slice('#Ansible: '.length));
    else if (/^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(l)) envs.push(l.split('=')[0]?.trim() ?? '');
  }
  return { jobs, envs };
}

/**
 * The crontab as Ansible's cron module renders it (CronTab.render), which is what its `backup` file holds: the lines
 * (Python's splitlines: \r\n, \r, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029 end a line too) joined by \n, the trailing
 * line breaks cut and one \n put back; nothing for no lines.
 */
export function renderCrontab(text: string): string {
  // eslint-disable-next-line no-control-regex -- Python's splitlines ends lines at \x1c-\x1e too
  const parts = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.at(-1) === '') parts.pop();
  const result = parts.join('\n');
  return result === '' ? '' : `${result.replace(/[\r\n]+$/, '')}\n`;
}

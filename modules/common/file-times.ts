// modification_time / access_time of the file module (and of copy/template's file arguments in Ansible):
// 'preserve', 'now', or a time in a strptime format, read in the host's local time as Ansible's time.mktime does.
// The host converts the time (date -d, in the same round trip as the other probes); the plan compares and writes
// the times with touch -d @EPOCH. Data never becomes an option: the time reaches date(1) as one quoted operand.
import { Type } from '@sinclair/typebox';
import { sh } from '../../engine/core/quote.js';
import type { ProbeOutput, Step } from '../contract.js';

export const DEFAULT_TIME_FORMAT = '%Y%m%d%H%M.%S';

export const fileTimeParams = {
  modification_time: Type.Optional(Type.String({ description: "The path's modification time: 'preserve', 'now', or a time in modification_time_format (the host's local time). Default: now for state=touch, else preserve." })),
  modification_time_format: Type.Optional(Type.String({ description: `The strptime format of modification_time (default ${DEFAULT_TIME_FORMAT}; %Y %m %d %H %M %S %y are read).` })),
  access_time: Type.Optional(Type.String({ description: "The path's access time: 'preserve', 'now', or a time in access_time_format. Default: now for state=touch, else preserve." })),
  access_time_format: Type.Optional(Type.String({ description: `The strptime format of access_time (default ${DEFAULT_TIME_FORMAT}).` })),
};

export interface FileTimeParams {
  readonly modification_time?: string | undefined;
  readonly modification_time_format?: string | undefined;
  readonly access_time?: string | undefined;
  readonly access_time_format?: string | undefined;
}

/** One of the two times as wanted: kept, set to the moment it runs, or set to a local time ("YYYY-MM-DD HH:MM:SS"). */
type Wanted = { kind: 'preserve' } | { kind: 'now' } | { kind: 'at'; local: string };

const FIELDS: Readonly<Record<string, { re: string; key: 'Y' | 'm' | 'd' | 'H' | 'M' | 'S' | 'y' }>> = {
  Y: { re: '(\\d{4})', key: 'Y' },
  m: { re: '(\\d{1,2})', key: 'm' },
  d: { re: '(\\d{1,2})', key: 'd' },
  H: { re: '(\\d{1,2})', key: 'H' },
  M: { re: '(\\d{1,2})', key: 'M' },
  S: { re: '(\\d{1,2})', key: 'S' },
  y: { re: '(\\d{2})', key: 'y' },
};

/** strptime for the directives roles use; the result as "YYYY-MM-DD HH:MM:SS", or the reason it cannot be read. */
export function parseLocalTime(text: string, format: string): { local: string } | { error: string } {
  const keys: string[] = [];
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i] ?? '';
    if (c !== '%') {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      continue;
    }
    const d = format[++i] ?? '';
    if (d === '%') {
      re += '%';
      continue;
    }
    const field = FIELDS[d];
    if (field === undefined) return { error: `kplay reads only %Y %m %d %H %M %S %y in a time format, not %${d}` };
    keys.push(field.key);
    re += field.re;
  }
  const m = new RegExp(`^${re}$`).exec(text);
  if (m === null) return { error: `time data '${text}' does not match format '${format}'` };
  const v: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  keys.forEach((k, i) => {
    const n = Number(m[i + 1]);
    if (k === 'y') v.Y = n < 69 ? 2000 + n : 1900 + n;
    else v[k] = n;
  });
  const { Y = 0, m: mo = 0, d = 0, H = 0, M = 0, S = 0 } = v;
  const days = new Date(Date.UTC(Y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || H > 23 || M > 59 || S > 61) return { error: `time data '${text}' is out of range for format '${format}'` };
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return { local: `${String(Y).padStart(4, '0')}-${p2(mo)}-${p2(d)} ${p2(H)}:${p2(M)}:${p2(Math.min(S, 59))}` };
}

function wanted(value: string | undefined, format: string | undefined, touch: boolean): Wanted | { error: string } {
  const v = value ?? (touch ? 'now' : 'preserve');
  if (v === 'preserve') return { kind: 'preserve' };
  if (v === 'now') return { kind: 'now' };
  const t = parseLocalTime(v, format ?? DEFAULT_TIME_FORMAT);
  return 'error' in t ? { error: `Error while obtaining timestamp for time ${v} using format ${format ?? DEFAULT_TIME_FORMAT}: ${t.error}` } : { kind: 'at', local: t.local };
}

export interface TimesWanted {
  readonly mtime: Wanted;
  readonly atime: Wanted;
}

/** What the parameters ask for (touch: 'now' by default); an unreadable time is an error message. */
export function timesWanted(p: FileTimeParams, touch: boolean): TimesWanted | { error: string } {
  const mtime = wanted(p.modification_time, p.modification_time_format, touch);
  if ('error' in mtime) return mtime;
  const atime = wanted(p.access_time, p.access_time_format, touch);
  if ('error' in atime) return atime;
  return { mtime, atime };
}

/** Nothing to read on the host: both preserved, or only 'now' (always a change). */
function needsProbe(t: TimesWanted): boolean {
  return t.mtime.kind === 'at' || t.atime.kind === 'at';
}

/** The probe: the path's times (seconds, and the full time with its fraction) and each wanted time in epoch seconds. */
export function timesProbe(path: string, t: TimesWanted): string | undefined {
  if (!needsProbe(t)) return undefined;
  const at = (w: Wanted): string => (w.kind === 'at' ? sh`date -d ${w.local} +%s` : 'echo -');
  // a path not there yet prints an empty first line: the times are then set, not compared
  return `{ ${sh`stat -L -c ${'%Y|%y|%X|%x'} -- ${path}`} 2>/dev/null || echo; } && ${at(t.mtime)} && ${at(t.atime)}`;
}

/**
 * The steps that set the times, and the change they make (none: as wanted already). A path that does not exist
 * yet (created by earlier steps) gets its times set without comparing.
 */
export function timeSteps(path: string, t: TimesWanted, probe: ProbeOutput | undefined, exists: boolean): { steps: Step[]; change?: string } | { error: string } {
  if (t.mtime.kind === 'preserve' && t.atime.kind === 'preserve') return { steps: [] };
  let epochs: { m?: string; a?: string } = {};
  let same = { m: t.mtime.kind === 'preserve', a: t.atime.kind === 'preserve' };
  if (needsProbe(t)) {
    if (probe === undefined) return { error: `could not read the times of ${path}` };
    const [stat = '', m = '-', a = '-'] = probe.stdout.split('\n');
    if ((t.mtime.kind === 'at' && !/^\d+$/.test(m)) || (t.atime.kind === 'at' && !/^\d+$/.test(a))) return { error: `the host could not read the time: ${probe.stderr.trim()}` };
    epochs = { m, a };
    if (exists && stat !== '') {
      const [mSec = '', mFull = '', aSec = '', aFull = ''] = stat.split('|');
      // the fraction of a second counts, as Ansible compares float times
      const whole = (sec: string, full: string): string | undefined => (/\.0*\s/.test(full) || !full.includes('.') ? sec : undefined);
      if (t.mtime.kind === 'at') same = { ...same, m: whole(mSec, mFull) === m };
      if (t.atime.kind === 'at') same = { ...same, a: whole(aSec, aFull) === a };
    }
  }
  if (exists && same.m && same.a) return { steps: [] };
  if (t.mtime.kind === 'now' && t.atime.kind === 'now') return { steps: [{ cmd: sh`touch -c -- ${path}`, describe: `set the times of ${path} to now` }], change: 'times' };
  const steps: Step[] = [];
  const one = (flag: '-m' | '-a', w: Wanted, epoch: string | undefined): void => {
    if (w.kind === 'preserve') return;
    const d = w.kind === 'now' ? 'now' : `@${epoch ?? ''}`;
    steps.push({ cmd: sh`touch -c ${flag} -d ${d} -- ${path}`, describe: `set the ${flag === '-m' ? 'modification' : 'access'} time of ${path}` });
  };
  one('-m', t.mtime, epochs.m);
  one('-a', t.atime, epochs.a);
  return { steps, change: 'times' };
}

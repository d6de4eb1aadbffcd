// The host's clock readings as Ansible's command module returns them: Python's str(datetime) for start and end,
// str(end - start) (a timedelta) for delta. Naive local times, as datetime.now() gives them on the host.
import type { HostClock } from '../contract.js';

/** start, end and delta of a command that ran; null each when the host gave no reading, as Ansible's before it runs. */
export interface CommandTimes {
  readonly start: string | null;
  readonly end: string | null;
  readonly delta: string | null;
}

interface Reading {
  /** Python's str(datetime): "2026-12-06 21:00:00.123456", without the fraction when it is 0 */
  readonly text: string;
  /** microseconds since 1970-01-01 00:00 of the same naive (local) calendar */
  readonly micros: number;
}

const DATE_OUTPUT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\S*))?$/;
const DAY_MICROS = 86_400_000_000;

/**
 * One `date +'%Y-%m-%d %H:%M:%S.%N'` output as Python's datetime, truncated to the microsecond as datetime.now()
 * is; a `date` without %N (its fraction not digits) reads as a whole second. Undefined for anything else.
 */
export function readClock(text: string): Reading | undefined {
  const m = DATE_OUTPUT.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = /^\d+$/.test(m[7] ?? '') ? (m[7] ?? '').slice(0, 6).padEnd(6, '0') : '000000';
  const micros = Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + Number(fraction);
  if (Number.isNaN(micros)) return undefined;
  const whole = text.trim().slice(0, 19);
  return { text: fraction === '000000' ? whole : `${whole}.${fraction}`, micros };
}

/** Python's str(timedelta) of a count of microseconds: "0:00:00.003544", "1 day, 2:03:04", "-1 day, 23:59:59.999999". */
export function pythonTimedelta(micros: number): string {
  const days = Math.floor(micros / DAY_MICROS);
  const inDay = micros - days * DAY_MICROS;
  const us = inDay % 1_000_000;
  const seconds = (inDay - us) / 1_000_000;
  const hms = `${Math.floor(seconds / 3600)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
  const dayPart = days === 0 ? '' : `${days} day${Math.abs(days) === 1 ? '' : 's'}, `;
  return `${dayPart}${hms}${us === 0 ? '' : `.${String(us).padStart(6, '0')}`}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A timed step's clock as command's start, end and delta (all null when either reading is missing or unreadable). */
export function commandTimes(clock: HostClock | undefined): CommandTimes {
  const start = clock === undefined ? undefined : readClock(clock.start);
  const end = clock === undefined ? undefined : readClock(clock.end);
  if (start === undefined || end === undefined) return { start: null, end: null, delta: null };
  return { start: start.text, end: end.text, delta: pythonTimedelta(end.micros - start.micros) };
}

/** What command and shell return for start, end and delta when the command did not run (creates, removes, check mode). */
export const NOT_RUN_TIMES: CommandTimes = { start: null, end: null, delta: null };

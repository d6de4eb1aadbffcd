// Python's naive datetime and timedelta for to_datetime and now(): subtraction gives a timedelta whose .days,
// .seconds and total_seconds() roles read; str() prints as Python does. Times are kept as microseconds.
import { TemplateRuntimeError } from './undefined.js';
import { Callable, PyObject, pyStr } from './values.js';

const US_PER_DAY = 86_400_000_000;
const p2 = (n: number): string => String(n).padStart(2, '0');

export class PyTimedelta extends PyObject {
  readonly pyType = 'timedelta';
  constructor(readonly us: number) { super(); }
  get days(): number { return Math.floor(this.us / US_PER_DAY); }
  get seconds(): number { return Math.floor((this.us - this.days * US_PER_DAY) / 1_000_000); }
  get microseconds(): number { return this.us - this.days * US_PER_DAY - this.seconds * 1_000_000; }
  override truthy(): boolean { return this.us !== 0; }
  str(): string {
    const s = this.seconds;
    const time = `${Math.floor(s / 3600)}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}${this.microseconds ? `.${String(this.microseconds).padStart(6, '0')}` : ''}`;
    return this.days ? `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${time}` : time;
  }
  repr(): string { return `datetime.timedelta(days=${this.days}, seconds=${this.seconds})`; }
  compareTo(o: unknown): number | undefined { return o instanceof PyTimedelta ? this.us - o.us : undefined; }
  attr(name: string): unknown {
    if (name === 'days') return this.days;
    if (name === 'seconds') return this.seconds;
    if (name === 'microseconds') return this.microseconds;
    if (name === 'total_seconds') return new Callable('total_seconds', () => this.us / 1_000_000);
    return undefined;
  }
}

export class PyDateTime extends PyObject {
  readonly pyType = 'datetime';
  /** microseconds since 1970-01-01 00:00 of the naive (wall-clock) time */
  constructor(readonly us: number) { super(); }
  private get date(): Date { return new Date(Math.floor(this.us / 1000)); }
  private get micro(): number { return ((this.us % 1_000_000) + 1_000_000) % 1_000_000; }
  str(): string {
    const d = this.date;
    const base = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    return this.micro ? `${base}.${String(this.micro).padStart(6, '0')}` : base;
  }
  repr(): string {
    const d = this.date;
    const parts = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), this.micro];
    while (parts.length > 5 && parts.at(-1) === 0) parts.pop();
    return `datetime.datetime(${parts.join(', ')})`;
  }
  compareTo(o: unknown): number | undefined { return o instanceof PyDateTime ? this.us - o.us : undefined; }
  attr(name: string): unknown {
    const d = this.date;
    const fields: Record<string, number> = {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), microsecond: this.micro,
    };
    if (name in fields) return fields[name];
    if (name === 'strftime') return new Callable('strftime', (args) => strftime(pyStr(args[0] ?? ''), d, true));
    if (name === 'isoformat') return new Callable('isoformat', () => this.str().replace(' ', 'T'));
    return undefined;
  }
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** time.strftime for the common directives, in local time or UTC */
export function strftime(fmt: string, date: Date, utc: boolean): string {
  const g = (local: () => number, u: () => number): number => (utc ? u() : local());
  const Y = g(() => date.getFullYear(), () => date.getUTCFullYear());
  const mo = g(() => date.getMonth(), () => date.getUTCMonth());
  const d = g(() => date.getDate(), () => date.getUTCDate());
  const H = g(() => date.getHours(), () => date.getUTCHours());
  const M = g(() => date.getMinutes(), () => date.getUTCMinutes());
  const S = g(() => date.getSeconds(), () => date.getUTCSeconds());
  const wd = g(() => date.getDay(), () => date.getUTCDay());
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const yday = Math.floor((Date.UTC(Y, mo, d) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1;
  const off = utc ? 0 : -date.getTimezoneOffset();
  const codes: Record<string, string> = {
    Y: String(Y), y: p2(Y % 100), m: p2(mo + 1), d: p2(d), e: String(d).padStart(2, ' '), H: p2(H), I: p2(H % 12 === 0 ? 12 : H % 12),
    M: p2(M), S: p2(S), p: H < 12 ? 'AM' : 'PM', a: (DAYS[wd] ?? '').slice(0, 3), A: DAYS[wd] ?? '', b: (MONTHS[mo] ?? '').slice(0, 3),
    B: MONTHS[mo] ?? '', j: String(yday).padStart(3, '0'), w: String(wd), s: String(Math.floor(date.getTime() / 1000)),
    z: `${off < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`, Z: utc ? 'UTC' : (Intl.DateTimeFormat('en', { timeZoneName: 'short' }).formatToParts(date).find((x) => x.type === 'timeZoneName')?.value ?? ''),
    F: `${Y}-${p2(mo + 1)}-${p2(d)}`, T: `${p2(H)}:${p2(M)}:${p2(S)}`, D: `${p2(mo + 1)}/${p2(d)}/${p2(Y % 100)}`, '%': '%',
  };
  return fmt.replace(/%(.)/g, (m, c: string) => codes[c] ?? m);
}

/** datetime - datetime, datetime +/- timedelta, timedelta +/- timedelta; undefined when neither side is one */
export function dateArithmetic(op: '+' | '-', l: unknown, r: unknown): unknown {
  if (!(l instanceof PyObject) && !(r instanceof PyObject)) return undefined;
  if (op === '-' && l instanceof PyDateTime && r instanceof PyDateTime) return new PyTimedelta(l.us - r.us);
  if (l instanceof PyDateTime && r instanceof PyTimedelta) return new PyDateTime(op === '+' ? l.us + r.us : l.us - r.us);
  if (op === '+' && l instanceof PyTimedelta && r instanceof PyDateTime) return new PyDateTime(l.us + r.us);
  if (l instanceof PyTimedelta && r instanceof PyTimedelta) return new PyTimedelta(op === '+' ? l.us + r.us : l.us - r.us);
  return undefined;
}

const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** datetime.strptime for %Y %m %d %H %M %S %f %y %b %B %j %p %I %%: the whole string must match */
export function strptime(text: string, format: string): PyDateTime {
  const fields: string[] = [];
  const src = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%(.)/g, (m, c: string) => {
    const re: Record<string, string> = { Y: '(\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', I: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})', f: '(\\d{1,6})', y: '(\\d{2})', b: '([A-Za-z]{3})', B: '([A-Za-z]+)', j: '(\\d{1,3})', p: '(AM|PM|am|pm)', '%': '%' };
    if (c === '%') return '%';
    if (!(c in re)) throw new TemplateRuntimeError(`to_datetime: the format directive %${c} is not supported`);
    fields.push(c);
    return re[c] ?? m;
  });
  const m = new RegExp(`^${src}$`).exec(text);
  if (!m) throw new TemplateRuntimeError(`time data '${text}' does not match format '${format}'`);
  let [Y, mo, d, H, M, S, us, yday, pm] = [1900, 1, 1, 0, 0, 0, 0, 0, ''];
  fields.forEach((c, i) => {
    const v = m[i + 1] ?? '';
    if (c === 'Y') Y = Number(v);
    else if (c === 'y') Y = Number(v) + (Number(v) < 69 ? 2000 : 1900);
    else if (c === 'm') mo = Number(v);
    else if (c === 'd') d = Number(v);
    else if (c === 'H' || c === 'I') H = Number(v);
    else if (c === 'M') M = Number(v);
    else if (c === 'S') S = Number(v);
    else if (c === 'f') us = Number(v.padEnd(6, '0'));
    else if (c === 'b' || c === 'B') mo = MONTH_ABBR.indexOf(v.slice(0, 3).toLowerCase()) + 1;
    else if (c === 'j') yday = Number(v);
    else if (c === 'p') pm = v.toLowerCase();
  });
  if (pm === 'pm' && H < 12) H += 12;
  if (pm === 'am' && H === 12) H = 0;
  const ms = yday ? Date.UTC(Y, 0, yday, H, M, S) : Date.UTC(Y, mo - 1, d, H, M, S);
  const check = new Date(ms);
  if (mo < 1 || mo > 12 || (!yday && check.getUTCDate() !== d) || H > 23 || M > 59 || S > 61) throw new TemplateRuntimeError(`time data '${text}' does not match format '${format}'`);
  return new PyDateTime(ms * 1000 + us);
}

/** now(utc=False): the wall-clock time, local unless utc */
export function now(utc: boolean): PyDateTime {
  const t = Date.now();
  const offsetMs = utc ? 0 : -new Date(t).getTimezoneOffset() * 60_000;
  return new PyDateTime((t + offsetMs) * 1000);
}

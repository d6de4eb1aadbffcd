// command and shell's start, end and delta from the host's `date` readings: Python's str(datetime) and
// str(timedelta), checked against what Python prints for the same values.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../modules/contract.js';
import { commandFinish } from '../../../modules/common/run-command.js';
import { commandTimes, pythonTimedelta, readClock } from '../../../modules/common/python-time.js';

describe('readClock: a date +%Y-%m-%d %H:%M:%S.%N output as str(datetime.now())', () => {
  it.each([
    ['2026-12-06 21:00:00.123456789', '2026-12-06 21:00:00.123456'],
    // truncated, as datetime.now() is, never rounded up
    ['2026-12-06 21:00:00.999999999', '2026-12-06 21:00:00.999999'],
    // str() leaves out a zero fraction
    ['2026-12-06 21:00:00.000000999', '2026-12-06 21:00:00'],
    ['2026-12-06 21:00:00.000001000\n', '2026-12-06 21:00:00.000001'],
    // a date without %N (BSD, a small busybox): a whole second
    ['2026-12-06 21:00:00.N', '2026-12-06 21:00:00'],
    ['2026-12-06 21:00:00.%N', '2026-12-06 21:00:00'],
    ['2026-12-06 21:00:00', '2026-12-06 21:00:00'],
    // fewer digits are tenths, hundredths...
    ['2026-12-06 21:00:00.5', '2026-12-06 21:00:00.500000'],
  ])('%j -> %j', (reading, text) => {
    expect(readClock(reading)?.text).toBe(text);
  });

  it.each(['', 'date: command not found', 'Sun Dec  6 21:00:00 UTC 2026', '2026-12-06T21:00:00.1'])('%j is no reading', (reading) => {
    expect(readClock(reading)).toBeUndefined();
  });
});

describe('pythonTimedelta: str(timedelta(microseconds=n))', () => {
  // each as Python 3 prints it: str(datetime.timedelta(microseconds=n))
  it.each([
    [3544, '0:00:00.003544'],
    [0, '0:00:00'],
    [1_000_000, '0:00:01'],
    [61_000_001, '0:01:01.000001'],
    [3_600_000_000 * 25 + 1, '1 day, 1:00:00.000001'],
    [86_400_000_000 * 2, '2 days, 0:00:00'],
    [10 * 3_600_000_000, '10:00:00'],
    // a clock stepped back while the command ran (NTP): Python's normalised negative form
    [-1, '-1 day, 23:59:59.999999'],
    [-86_400_000_000 * 2 - 1_000_000, '-3 days, 23:59:59'],
  ])('%d -> %j', (micros, text) => {
    expect(pythonTimedelta(micros)).toBe(text);
  });
});

describe('commandTimes: a timed step clock as start, end and delta', () => {
  it('takes the difference of the naive local times, across a midnight', () => {
    expect(commandTimes({ start: '2026-12-31 23:59:59.999999500', end: '2027-01-01 00:00:00.000001000' })).toEqual({
      start: '2026-12-31 23:59:59.999999',
      end: '2027-01-01 00:00:00.000001',
      delta: '0:00:00.000002',
    });
  });

  it('gives nulls for a missing or unreadable reading', () => {
    const none = { start: null, end: null, delta: null };
    expect(commandTimes(undefined)).toEqual(none);
    expect(commandTimes({ start: '', end: '' })).toEqual(none);
    expect(commandTimes({ start: '2026-12-06 21:00:00.1', end: 'garbage' })).toEqual(none);
  });
});

describe('commandFinish: times only for a timed step', () => {
  const clock = { start: '2026-12-06 21:00:00.100000000', end: '2026-12-06 21:00:00.200000000' };
  const timed: Step = { cmd: 'exec true', describe: 'run true', timed: true };
  const raw: Step = { cmd: 'true', describe: 'run true' };

  it('command and shell: start, end and delta', () => {
    const fin = commandFinish(['true'], [{ step: timed, stdout: '', stderr: '', code: 0, clock }]);
    expect(fin.data).toEqual({
      cmd: ['true'], rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], msg: '',
      start: '2026-12-06 21:00:00.100000', end: '2026-12-06 21:00:00.200000', delta: '0:00:00.100000',
    });
  });

  it('a timed step that gave no clock (killed before its end line): null times', () => {
    const fin = commandFinish('x', [{ step: timed, stdout: '', stderr: 'did not finish', code: 255 }]);
    expect(fin.data).toMatchObject({ rc: 255, start: null, end: null, delta: null });
  });

  it('raw: no start, end or delta at all, as Ansible returns none', () => {
    const fin = commandFinish('true', [{ step: raw, stdout: '', stderr: '', code: 0, clock }], false, false);
    expect(Object.keys(fin.data ?? {}).sort()).toEqual(['cmd', 'rc', 'stderr', 'stderr_lines', 'stdout', 'stdout_lines']);
  });
});

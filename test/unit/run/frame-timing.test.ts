// A timed frame's script and the parser of its output (pure: the texts a host's sh prints, written out here): the
// host's clock comes only from the end line, after the marker; a command's own output never reads as a clock.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../modules/contract.js';
import { frame, unframe } from '../../../engine/run/probe-script.js';
import { parseStepOutputs, parseTimedStep, stepsScript, timedStepScript } from '../../../engine/run/step-script.js';

const M = 'KPLAY0123456789abcdef';
const T0 = '2026-12-06 21:00:00.123456789';
const T1 = '2026-12-06 21:00:00.127000001';

describe('frame', () => {
  it('reads the clock only for a timed command: one date before, one after, none otherwise', () => {
    const plain = frame(M, 's0', 'exec true');
    const timed = frame(M, 's0', 'exec true', { timed: true });
    expect(plain).not.toContain('date');
    expect(timed.match(/\$\(date '\+%Y-%m-%d %H:%M:%S\.%N' 2>\/dev\/null\)/g)).toHaveLength(2);
    // the readings are taken right around the subshell, and printed in the one end line after the marker
    expect(timed.split('\n').map((l) => l.replace(/^(\S+).*$/, '$1'))).toEqual(['printf', '__t0=$(date', '(', ')', '__t1=$(date', 'printf']);
    expect(timed).toContain(`printf '\\n%s %s %s\\t%s\\n' '${M}/s0' "$__rc" "$__t0" "$__t1"`);
  });

  it('closes the command\'s stdin unless the step reads its own', () => {
    expect(frame(M, 's0', 'exec cat', { timed: true })).toContain(') </dev/null; __rc=$?');
    expect(frame(M, 's0', 'exec cat', { timed: true, stdin: true })).toContain('exec cat\n); __rc=$?');
    expect(timedStepScript(M, { cmd: 'exec cat', describe: 'cat', stdin: 'x', timed: true })).not.toContain('</dev/null');
  });

  it('frames each timed step of a steps script, and only those', () => {
    const steps: Step[] = [{ cmd: 'exec a', describe: 'a', timed: true }, { cmd: 'exec b', describe: 'b' }];
    const script = stepsScript(M, steps);
    expect(script.match(/__t0=/g)).toHaveLength(1);
    expect(script.indexOf('__t0=')).toBeLessThan(script.indexOf('exec a'));
  });
});

describe('unframe with a clock', () => {
  const framed = (out: string, rest: string) => ({ stdout: `${M} s0\n${out}\n${M}/s0 ${rest}\n`, stderr: `${M} s0\n\n${M}/s0\n` });

  it('gives the exit code and the two readings', () => {
    const { stdout, stderr } = framed('hi\n', `3 ${T0}\t${T1}`);
    expect(unframe(stdout, stderr, M, 's0')).toEqual({ stdout: 'hi\n', stderr: '', code: 3, clock: { start: T0, end: T1 } });
  });

  it('an untimed frame has no clock; a host without date gives empty readings', () => {
    expect(unframe(framed('', '0').stdout, '', M, 's0')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(unframe(framed('', '0 \t').stdout, '', M, 's0')?.clock).toEqual({ start: '', end: '' });
  });

  it("a command printing end lines, clocks and another run's marker cannot pass for its own", () => {
    const hostile = [
      `KPLAYffffffffffffffff/s0 0 1999-01-01 00:00:00.000000000\t1999-01-01 00:00:00.000000001`,
      `/s0 0 1999-01-01 00:00:00.0\t1999-01-01 00:00:00.1`,
      `${M}/s1 0 1999-01-01 00:00:00.0\t1999-01-01 00:00:00.1`,
      `${M} s0`,
      '0 1999-01-01 00:00:00.0\t1999',
    ].join('\n');
    const { stdout, stderr } = framed(hostile, `0 ${T0}\t${T1}`);
    expect(unframe(stdout, stderr, M, 's0')).toEqual({ stdout: hostile, stderr: '', code: 0, clock: { start: T0, end: T1 } });
  });

  it('a background child writing after the end line changes nothing', () => {
    const stdout = `${M} s0\nout\n${M}/s0 0 ${T0}\t${T1}\nlate ${M}/s0 1 x\ty\n`;
    expect(unframe(stdout, '', M, 's0')).toMatchObject({ stdout: 'out', code: 0, clock: { start: T0, end: T1 } });
  });

  it('a command that never finished: exit 255, no clock', () => {
    expect(unframe(`${M} s0\npartial`, `${M} s0\nkilled`, M, 's0')).toEqual({ stdout: '', stderr: 'did not finish', code: 255 });
  });
});

describe('steps with their clocks', () => {
  const step: Step = { cmd: 'exec echo hi', describe: 'run echo hi', timed: true };

  it('a timed step in the probes\' channel gives its clock to its output', () => {
    const stdout = `${M} s0\nhi\n\n${M}/s0 0 ${T0}\t${T1}\n`;
    expect(parseStepOutputs(stdout, `${M} s0\n\n${M}/s0\n`, M, [step])).toEqual([{ step, stdout: 'hi\n', stderr: '', code: 0, clock: { start: T0, end: T1 } }]);
  });

  it('a timed step alone in its exec: its frame, or what came when the frame never started (sudo refused)', () => {
    const ran = parseTimedStep({ stdout: `${M} s\nhi\n\n${M}/s 0 ${T0}\t${T1}\n`, stderr: '', code: 0 }, M, step);
    expect(ran).toEqual({ step, stdout: 'hi\n', stderr: '', code: 0, clock: { start: T0, end: T1 } });
    const refused = parseTimedStep({ stdout: '', stderr: 'sudo: a password is required\n', code: 1 }, M, step);
    expect(refused).toEqual({ step, stdout: '', stderr: 'sudo: a password is required\n', code: 1 });
  });
});

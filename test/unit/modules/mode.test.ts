// File modes (octal, YAML 1.1 integers, symbolic) and the shlex split of command lines, as data.
import { describe, expect, it } from 'vitest';
import { applySymbolic, chmodArg, parseMode } from '../../../modules/common/mode.js';
import { shlexSplit } from '../../../modules/common/shlex.js';

describe('modes', () => {
  const parsed: [string | number, unknown][] = [
    ['0644', { kind: 'octal', bits: 0o644 }],
    ['644', { kind: 'octal', bits: 0o644 }],
    ['01777', { kind: 'octal', bits: 0o1777 }],
    [420, { kind: 'octal', bits: 0o644 }],
    ['u+rwx,g-w', { kind: 'symbolic', text: 'u+rwx,g-w' }],
    ['+x', { kind: 'symbolic', text: '+x' }],
  ];
  for (const [input, want] of parsed) it(`parses ${JSON.stringify(input)}`, () => expect(parseMode(input)).toEqual(want));
  for (const bad of ['rwxr-xr-x', '0999', '', 'u+q', 70000]) it(`refuses ${JSON.stringify(bad)}`, () => expect(typeof parseMode(bad)).toBe('string'));

  const symbolic: [string, number, boolean, number][] = [
    ['u+x', 0o644, false, 0o744],
    ['go-rwx', 0o755, false, 0o700],
    ['a=r', 0o755, false, 0o444],
    ['+x', 0o644, false, 0o755],
    ['u=rwX,g=rX,o=', 0o644, false, 0o640],
    ['u=rwX,g=rX,o=', 0o600, true, 0o750],
    ['u=rwX,g=rX,o=', 0o744, false, 0o750],
    ['g=u', 0o640, false, 0o660],
    ['u+s', 0o755, false, 0o4755],
    ['o+t', 0o777, true, 0o1777],
    ['u=rw,g=r,o=r', 0o4755, false, 0o644],
  ];
  for (const [text, from, dir, want] of symbolic) {
    it(`${text} on ${from.toString(8)}${dir ? ' (dir)' : ''} -> ${want.toString(8)}`, () => expect(applySymbolic(text, from, dir)).toBe(want));
  }

  it('a symbolic mode without who reaches chmod as a (Ansible ignores the umask)', () => {
    const spec = parseMode('+x,g-w');
    expect(typeof spec !== 'string' && chmodArg(spec, undefined)).toBe('a+x,g-w');
  });
});

describe('shlex split', () => {
  const cases: [string, string[] | string][] = [
    ['a b  c', ['a', 'b', 'c']],
    [`a "b c" 'd e'`, ['a', 'b c', 'd e']],
    [`a\\ b`, ['a b']],
    [`"a \\"q\\" \\$x"`, ['a "q" \\$x']],
    [`x'y'"z"`, ['xyz']],
    [`''`, ['']],
    [`"open`, 'No closing quotation'],
  ];
  for (const [line, want] of cases) it(JSON.stringify(line), () => expect(shlexSplit(line)).toEqual(want));
});

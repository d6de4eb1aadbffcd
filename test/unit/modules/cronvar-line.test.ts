// How community.general.cronvar reads a crontab line (modules/support/cronvar-line.ts), as data: each expected
// reading is what cronvar's parse_for_var (Python 3.11's shlex, posix=False) gave for the same line.
import { expect, it } from 'vitest';
import { parseCronVarLine, type CronVarLine } from '../../../modules/support/cronvar-line.js';

const v = (name: string, value: string): CronVarLine => ({ kind: 'var', name, value });
const OTHER: CronVarLine = { kind: 'other' };
const NO_CLOSING: CronVarLine = { kind: 'error', exception: 'ValueError: No closing quotation' };

const cases: [string, CronVarLine][] = [
  ['EMAIL=doug@x.com', v('EMAIL', 'doug@x.com')],
  ['PATH = /usr/bin:/bin', v('PATH', '/usr/bin:/bin')],
  ['MAILTO="ops"', v('MAILTO', '"ops"')],
  ['X=a b', v('X', 'ab')],
  ['X=a\tb', v('X', 'ab')],
  ['X=a#b', v('X', 'a')],
  ['X=', v('X', '')],
  ['=x', OTHER],
  ['==', v('=', '')],
  ['# c', OTHER],
  ['', OTHER],
  ['#X=1', OTHER],
  ['X#=1', OTHER],
  ['* * * * * FOO=1 cmd', OTHER],
  ["X='a b' c", v('X', "'a b'c")],
  ["echo 'unterminated", NO_CLOSING],
  ["X = 'q", NO_CLOSING],
  ['Xé=1', OTHER],
  ['X=é', v('X', 'é')],
  ["X=it's", v('X', "it's")],
  ['A=B=C', v('A', 'B=C')],
  ['  Y  =  "q r" s', v('Y', '"q r"s')],
  ['X"y"=1', v('X"y"', '1')],
];

it.each(cases)('%j', (line, want) => {
  expect(parseCronVarLine(line)).toEqual(want);
});

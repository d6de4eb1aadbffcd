// Python's re.subn (MULTILINE) and its JavaScript translation agree: each expected value was printed by CPython 3.
import { describe, expect, it } from 'vitest';
import { compilePython, PyRegexError, pySubn } from '../../../engine/core/python-regex.js';

const CASES: readonly { pattern: string; repl: string; text: string; want: string; count: number }[] = [
  { pattern: 'x*', repl: '-', text: 'abxd', want: '-a-b--d-', count: 5 },
  { pattern: '^a$', repl: 'B', text: 'a\r\na\n', want: 'a\r\nB\n', count: 1 },
  { pattern: '(?i)^A', repl: 'z', text: 'ab\nAc', want: 'zb\nzc', count: 2 },
  { pattern: '.', repl: '#', text: 'a\nb', want: '#\n#', count: 2 },
  { pattern: '(?s)a.b', repl: 'X', text: 'a\nb', want: 'X', count: 1 },
  { pattern: '\\bcaf\\w\\b', repl: 'T', text: 'café x', want: 'T x', count: 1 },
  { pattern: '\\d+', repl: 'N', text: 'a١٢3b', want: 'aNb', count: 1 },
  { pattern: '\\s', repl: '_', text: 'a\u001cb\ufeffc', want: 'a_b\ufeffc', count: 1 },
  { pattern: '(?P<k>\\w+)=(?P=k)', repl: '\\g<k>', text: 'aa=aa b=c', want: 'aa b=c', count: 1 },
  { pattern: 'a{,2}', repl: 'X', text: 'aaa', want: 'XXX', count: 3 },
  { pattern: 'a{', repl: 'X', text: 'a{b', want: 'Xb', count: 1 },
  { pattern: '[]a]', repl: 'X', text: ']a b', want: 'XX b', count: 2 },
  { pattern: '\\Aa|b\\Z', repl: 'X', text: 'ab\nab', want: 'Xb\naX', count: 2 },
  { pattern: 'x$', repl: 'Y', text: 'x\nx\n', want: 'Y\nY\n', count: 2 },
  { pattern: '(a)|b', repl: '[\\1]', text: 'ab', want: '[a][]', count: 2 },
  { pattern: 'a', repl: '\\n\\t\\\\', text: 'a', want: '\n\t\\', count: 1 },
  { pattern: '(?#c)a', repl: 'X', text: 'a', want: 'X', count: 1 },
];

const REFUSED: readonly string[] = ['(?x) a', '(?i:a)', 'a*+', '(?>a)', '(?(1)a|b)', '\\q', '[\\D]', '\\012'];

describe('Python regular expressions', () => {
  it.each(CASES)('re.subn($pattern, $repl) as CPython', (c) => {
    expect(pySubn(compilePython(c.pattern, { multiline: true }), c.repl, c.text)).toEqual({ text: c.want, count: c.count });
  });
  it.each(REFUSED)('refuses %s with a clear error rather than mistranslating it', (p) => {
    expect(() => compilePython(p, { multiline: true })).toThrow(PyRegexError);
  });
});

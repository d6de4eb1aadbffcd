// INI value typing and host-line splitting, checked case by case against CPython's own ast.literal_eval and shlex.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseIniValue } from '../../../engine/core/pyliteral.js';
import { shlexSplit } from '../../../engine/inventory/shlex.js';
import { jsonDumps } from '../../../engine/template/json-dumps.js';

const values = [
  '1', '-5', '+1.5', '1.', '.5', '1e3', '1E-3', '1.5E+2', '0x1F', '0o17', '0b_1', '1_000', '1__0', '0123', '00', '0_0',
  'True', 'False', 'None', 'true', 'yes', '', 'hello', 'hello world', '"quoted"', "'single'", "'a' 'b'",
  '"\\x41\\101\\n"', "r'\\n'", "b'bytes'", "u'x'", '"\\N{DASH}"', '"\\q"', '[1, 2]', '[1, [2, 3], {"k": None}]', '(1)',
  '()', '(1,)', '1, 2', '{}', '{"a": 1, 2: "b", True: 0}', '-(1)', '--1', '1 + 2', '1 # comment', 'x # comment', '[1,',
  "f'x'", '"unterminated', "'''triple'''", '{1: 2,}', '[,]', '1 2', 'abc=def', '/path/to/file', '10.0.0.1', '{{ templated }}',
  "'it''s'", '"é"', '0.1e-2', '1_0.5', '1.5_', '100000000000000',
];

const lines = [
  'h1 a=1 b="2 3"', "h2 c='x y' d=\"it's\"", 'h3 e=foo#bar f=1', 'h4 # all comment', 'h5 g="a # b"', 'h6 h=\\"esc\\"',
  'h7 i="back\\\\slash" j="\\q"', "h8 k='\\n'", 'h9 l=a"b c"d', 'h10 m=""', 'web[01:03]:2222 x=1',
];

function python(script: string, input: unknown): unknown {
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' })) as unknown;
}

// Ansible's _parse_value: literal_eval, falling back to the text; bytes become text. Each value is compared as
// json.dumps writes it, so a float keeps its .0 (1. and 1e3 are 1.0 and 1000.0, not the ints 1 and 1000); keys
// sorted, as json.dumps names them (a JavaScript object puts integer-like keys first whatever their order)
const LITERAL = `
import ast, json, sys
def keyed(x):
    if isinstance(x, dict):
        return {k if isinstance(k, str) else json.dumps(k): keyed(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [keyed(i) for i in x]
    return x
out = []
for v in json.load(sys.stdin):
    try:
        r = ast.literal_eval(v)
    except (ValueError, SyntaxError):
        r = v
    if isinstance(r, bytes):
        r = r.decode('utf-8')
    if isinstance(r, tuple):
        r = list(r)
    out.append(json.dumps(keyed(r), sort_keys=True))
print(json.dumps(out))
`;
const SHLEX = `
import json, shlex, sys
print(json.dumps([shlex.split(l, comments=True) for l in json.load(sys.stdin)]))
`;

describe('INI values are typed as Python literal_eval types them', () => {
  const expected = python(LITERAL, values) as unknown[];
  values.forEach((v, i) => {
    it(JSON.stringify(v), () => expect(jsonDumps(parseIniValue(v), { sortKeys: true })).toBe(expected[i]));
  });
});

describe('host lines split as shlex.split(comments=True)', () => {
  const expected = python(SHLEX, lines) as unknown[];
  lines.forEach((l, i) => {
    it(l, () => expect(shlexSplit(l)).toEqual(expected[i]));
  });
});

// The small parts of the language, as data: free-form splitting, did-you-mean, parameter checks, the code frame.
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { splitWords } from '../../../engine/playbook/free-form.js';
import { formatProblem } from '../../../engine/validate/format.js';
import { checkValue, type ParamSchema } from '../../../engine/validate/param-check.js';
import { closest, editDistance } from '../../../engine/core/suggest.js';

describe('free-form words', () => {
  test.each([
    ['name=qemu-kvm state=present', [['name', 'qemu-kvm'], ['state', 'present']]],
    ['msg="hello world" verbosity=1', [['msg', 'hello world'], ['verbosity', '1']]],
    ["msg='it''s' x=1", [['msg', "it''s"], ['x', '1']]],
    ['ls -l /tmp chdir=/', [[undefined, 'ls'], [undefined, '-l'], [undefined, '/tmp'], ['chdir', '/']]],
    ['echo {{ a | default("x y") }} done', [[undefined, 'echo'], [undefined, '{{ a | default("x y") }}'], [undefined, 'done']]],
    ['msg="a \\"quoted\\" word"', [['msg', 'a "quoted" word']]],
    ['FOO=bar', [['FOO', 'bar']]],
    // escapes decoded in values as Ansible's parse_kv does (test/compat/language/parse-kv.test.ts compares with it)
    ["msg='a\\nb' raw\\n", [['msg', 'a\nb'], [undefined, 'raw\\n']]],
    ["msg='it\\'s' x=\\x41", [['msg', "it's"], ['x', 'A']]],
    // the key is what stands before the first '=' that is not the first character, as parse_kv splits it
    ['daemon-reload=true', [['daemon-reload', 'true']]],
    ["{{ item.key }}={{ lookup('vars', item.value) }}", [['{{ item.key }}', "{{ lookup('vars', item.value) }}"]]],
    ['ls --color=auto =x', [[undefined, 'ls'], ['--color', 'auto'], [undefined, '=x']]],
    ['a\\=b', [[undefined, 'a\\=b']]],
  ])('%s', (text, expected) => {
    const r = splitWords(text);
    if ('error' in r) throw new Error(r.error);
    expect(r.words.map((w) => [w.key, w.key === undefined ? w.raw : w.value])).toEqual(expected);
  });

  test('word offsets point into the text', () => {
    const r = splitWords('a=1   bb=2');
    if ('error' in r) throw new Error(r.error);
    expect(r.words.map((w) => w.start)).toEqual([0, 6]);
  });

  test('an unclosed quote is located at the quote', () => {
    expect(splitWords('msg="hello x=1')).toEqual({ error: 'the " opened here is never closed', index: 4 });
  });
});

describe('did-you-mean', () => {
  test.each([
    ['debgu', ['debug', 'command', 'shell'], 'debug'],
    ['stat', ['state', 'name'], 'state'],
    ['presnt', ['present', 'absent'], 'present'],
    ['start', ['started', 'stopped', 'restarted'], 'started'],
    ['whn', ['when', 'name', 'tags'], 'when'],
    ['Name', ['name'], 'name'],
    ['frobnicate', ['debug', 'command'], undefined],
    ['x', ['y', 'when'], 'y'],
  ])('%s -> %s', (word, known, best) => {
    expect(closest(word, known)).toBe(best);
  });

  test('a swapped pair of letters is one edit', () => {
    expect(editDistance('sevrice', 'service')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('parameter values with Ansible conversions', () => {
  const s = {
    str: { type: 'string' },
    bool: { type: 'boolean' },
    int: { type: 'integer', minimum: 0 },
    list: { type: 'array', items: { type: 'string' } },
    obj: { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false },
    choice: { anyOf: [{ const: 'present' }, { const: 'absent' }] },
  } satisfies Record<string, ParamSchema>;

  test.each([
    ['str', 'text', true], ['str', 42, true], ['str', true, true], ['str', ['a'], false], ['str', { a: 1 }, false],
    ['bool', true, true], ['bool', 'yes', true], ['bool', 'False', true], ['bool', 1, true], ['bool', 'maybe', false], ['bool', 2, false],
    ['int', 3, true], ['int', '8', true], ['int', 2.5, false], ['int', 'lots', false], ['int', -1, false],
    ['list', ['a', 'b'], true], ['list', 'a,b', true], ['list', { a: 1 }, false], ['list', [['nested']], false],
    ['obj', { a: 1 }, true], ['obj', 'a=1', true], ['obj', { b: 1 }, false], ['obj', { a: 'x' }, false],
    ['choice', 'present', true], ['choice', 'presnt', false],
    ['bool', '{{ flag }}', true], ['int', '{% if x %}1{% endif %}', true], ['str', null, true],
  ] as const)('%s: %o fits: %s', (kind, value, fits) => {
    expect(checkValue(s[kind], value).length === 0).toBe(fits);
  });

  test('a wrong choice says what is allowed and suggests the closest', () => {
    expect(checkValue(s.choice, 'absnt')).toEqual([{ path: [], message: 'must be one of present, absent; got "absnt"', hint: 'did you mean "absent"?' }]);
  });
});

describe('formatProblem', () => {
  const source = 'first\n  second line\n\tthird\n';
  test('location, line, caret under the column, hint', () => {
    const err = new InputError('something is off', { loc: { file: 'f.yml', line: 2, col: 3 }, hint: 'fix it' });
    expect(formatProblem(err, source)).toBe('f.yml:2:3: something is off\n  2 |   second line\n    |   ^\n  hint: fix it');
  });
  test('the caret keeps tabs so it lines up', () => {
    const err = new InputError('tab', { loc: { file: 'f.yml', line: 3, col: 2 } });
    expect(formatProblem(err, source)).toBe('f.yml:3:2: tab\n  3 | \tthird\n    | \t^');
  });
  test('without a readable source: just the located message', () => {
    const err = new InputError('gone', { loc: { file: 'f.yml', line: 9, col: 1 } });
    expect(formatProblem(err, undefined)).toBe('f.yml:9:1: gone');
    expect(formatProblem(err, source)).toBe('f.yml:9:1: gone');
  });
});

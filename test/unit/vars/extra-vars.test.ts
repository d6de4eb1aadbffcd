// -e parsing as ansible-playbook does it: KEY=VALUE (strings, quotes removed), JSON/YAML mappings, @file.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { parseExtraVars } from '../../../engine/vars/index.js';

/** a key read as code reads it: an inherited member would show here */
const at = (o: object, key: string): unknown => (o as Record<string, unknown>)[key];

const dir = mkdtempSync(join(tmpdir(), 'kplay-extra-'));
writeFileSync(join(dir, 'vars.yml'), 'guests:\n  - name: vm1\n    memory: 1024\nenabled: yes\nmode: 0644\n');
writeFileSync(join(dir, 'vars.json'), '{"uri": "qemu:///system", "n": 3}');
writeFileSync(join(dir, 'list.yml'), '- a\n- b\n');

const cases: [string[], Record<string, unknown>][] = [
  [['a=1'], { a: '1' }],
  [['a=1 b=two'], { a: '1', b: 'two' }],
  [['msg="hello world"'], { msg: 'hello world' }],
  [["msg='it is'"], { msg: 'it is' }],
  [['flag=true'], { flag: 'true' }],
  [['path=/a=b'], { path: '/a=b' }],
  [['greet="{{ name }} here"'], { greet: '{{ name }} here' }],
  [['empty='], { empty: '' }],
  [['{"a": 1, "b": [true, null]}'], { a: 1, b: [true, null] }],
  [['{a: yes, b: 0644}'], { a: true, b: 420 }],
  [[`@${join(dir, 'vars.yml')}`], { guests: [{ name: 'vm1', memory: 1024 }], enabled: true, mode: 420 }],
  [[`@${join(dir, 'vars.json')}`], { uri: 'qemu:///system', n: 3 }],
  [['a=1', 'a=2 b=3'], { a: '2', b: '3' }],
  [['a=1', '{"a": {"x": 1}}'], { a: { x: 1 } }],
];

describe('parseExtraVars', () => {
  it.each(cases)('%j', (args, expected) => {
    expect(parseExtraVars(args)).toEqual(expected);
  });

  const bad: [string, RegExp][] = [
    [`@${join(dir, 'missing.yml')}`, /cannot read/],
    [`@${join(dir, 'list.yml')}`, /must be a mapping/],
    ['[1, 2]', /must be a mapping/],
    ['vars.yml', /is not KEY=VALUE/],
    ['./vars.yml', /looks like a file name/],
    ['msg="unclosed', /never closed/],
    ['{a: [1}', /-e/],
  ];
  it.each(bad)('rejects %s', (arg, message) => {
    expect(() => parseExtraVars([arg])).toThrow(InputError);
    expect(() => parseExtraVars([arg])).toThrow(message);
  });
});

describe('-e names that Object.prototype has are ordinary names (issue [8] 5)', () => {
  it.each([
    [['__proto__=p constructor=c']],
    [['{"__proto__": "p", "constructor": "c"}']],
    [['{__proto__: p, constructor: c}']],
    [['__proto__=x', '{"__proto__": "p"}', 'constructor=c']],
  ])('%j', (args) => {
    const vars = parseExtraVars(args);
    expect(Object.keys(vars).sort()).toEqual(['__proto__', 'constructor']);
    expect(vars['__proto__']).toBe('p');
    expect(vars['constructor']).toBe('c');
    expect(at(vars, 'toString')).toBeUndefined();
  });
});

// Conditions (when:, changed_when:, until:) as Ansible 2.14 evaluates them, checked against ansible-playbook's rules.
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateCondition } from '../../../engine/template/index.js';

const where = { loc: { file: 'p.yml', line: 4, col: 13 }, task: 'check' };
const vars = {
  s_false: 'false',
  s_no: 'no',
  s_true: 'true',
  empty_list: [],
  full_list: [1],
  zero: 0,
  flag: true,
  result: { rc: 1, stdout: 'active', failed: false, changed: true },
  name: 'web01',
};

// each verified with ansible-playbook 2.14 (when: ... -> task ran or was skipped)
const cases: [string | boolean, boolean][] = [
  ['s_false', true], // a non-empty string is true: Ansible no longer expands bare variables
  ['{{ s_false }}', false], // rendered first, then evaluated as the expression `false`
  ['s_no', true],
  ['s_false | bool', false],
  ['s_true | bool', true],
  ['empty_list', false],
  ['full_list', true],
  ['zero', false],
  ['flag', true],
  ['not flag', false],
  [true, true],
  [false, false],
  ['result.rc != 0', true],
  ['result.rc == 0 or result is changed', true],
  ["result.stdout == 'active'", true],
  ["'act' in result.stdout", true],
  ['result is succeeded', true],
  ['result is failed', false],
  ['missing is defined', false],
  ['missing is not defined', true],
  ['missing is defined and missing.x', false],
  ["name is match('web\\d+')", true], // conditions are `{% if %}` blocks: string escapes apply
  ['{{ missing | default(false) }}', false],
  ['', true], // as Ansible: an empty condition holds
  ["'a\\tb' == 'a' ~ '\\t' ~ 'b'", true],
  // an escaped quote in a string (Ansible: `{% if %}` unescapes it)
  ['"iif \\"lo\\" accept" not in name', true],
  ['"say \\"hi\\"" == \'say "hi"\'', true],
  ["'it\\'s' | length == 4", true],
];

describe('evaluateCondition', () => {
  it.each(cases)('%j -> %s', (expr, expected) => {
    expect(evaluateCondition(expr, vars, where)).toBe(expected);
  });

  it('fails on an undefined variable, naming it', () => {
    expect(() => evaluateCondition('missing_var == 1', vars, where)).toThrow(/'missing_var' is undefined/);
  });
});

describe('evaluate', () => {
  const exprs: [string, unknown][] = [
    ['result.rc', 1],
    ['[1, 2] | length', 2],
    ["{'a': 1}", { a: 1 }],
    ['name ~ "-x"', 'web01-x'],
    ['result', vars.result],
  ];
  it.each(exprs)('%s', (expr, expected) => {
    expect(evaluate(expr, vars, where)).toEqual(expected);
  });
});

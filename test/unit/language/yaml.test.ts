// YAML as Ansible reads it: PyYAML's 1.1 scalars, merge keys, positions of every node, located syntax errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputErrors } from '../../../engine/core/errors.js';
import { parseYaml, YamlFiles } from '../../../engine/yaml/load.js';
import { keyLoc, locAtPath, locOf, valueLoc } from '../../../engine/yaml/positions.js';
import { isUnsafe, UnsafeText } from '../../../engine/core/unsafe.js';
import { PyFloat } from '../../../engine/core/pyfloat.js';

const scalar = (text: string): unknown => (parseYaml(`v: ${text}\n`, 't.yml').value as { v: unknown }).v;

describe('scalars resolve as PyYAML (YAML 1.1) resolves them for Ansible', () => {
  test.each([
    ['yes', true], ['Yes', true], ['YES', true], ['on', true], ['On', true], ['ON', true], ['true', true], ['True', true], ['TRUE', true],
    ['no', false], ['No', false], ['NO', false], ['off', false], ['Off', false], ['OFF', false], ['false', false], ['False', false], ['FALSE', false],
    ['y', 'y'], ['n', 'n'], ['Y', 'Y'], ['N', 'N'], ['yEs', 'yEs'], ['"yes"', 'yes'],
    ['0644', 420], ['0755', 493], ['0', 0], ['42', 42], ['-17', -17], ['1_000', 1000], ['0x1F', 31], ['0b101', 5], ['1:30', 90], ['09', '09'],
    ['1.5', 1.5], ['1e3', '1e3'], ['1.0e+3', new PyFloat(1000)], ['1.0', new PyFloat(1)], ['2.50', 2.5], ['-0.0', new PyFloat(-0)], ['.inf', Infinity], ['-.inf', -Infinity],
    ['~', null], ['null', null], ['', null], ['2020-01-01', '2020-01-01'], ['"0644"', '0644'], ['!unsafe "{{ x }}"', new UnsafeText('{{ x }}')],
  ])('%s -> %o', (text, value) => {
    expect(scalar(text)).toEqual(value);
  });

  test('!unsafe text carries the template engine\'s never-render mark', () => {
    expect(isUnsafe(scalar('!unsafe "{{ not_rendered }}"'))).toBe(true);
    expect(isUnsafe(scalar('"{{ rendered }}"'))).toBe(false);
  });

  test('.nan is NaN', () => {
    expect(Number.isNaN(scalar('.nan'))).toBe(true);
  });
});

describe('merge keys and aliases', () => {
  const src = 'base: &b\n  x: 1\n  y: 2\nother: &o\n  z: 3\nm:\n  <<: [*b, *o]\n  y: 9\nalias: *b\n';
  const v = parseYaml(src, 'm.yml').value as Record<string, Record<string, unknown>>;
  test('explicit keys win over merged ones, every merged key arrives', () => {
    expect(v.m).toEqual({ x: 1, y: 9, z: 3 });
    expect(v.alias).toEqual({ x: 1, y: 2 });
  });
  test("keys come in PyYAML's order: merged ones first (a list's last mapping's first), then the mapping's own", () => {
    expect(Object.keys(v.m ?? {})).toEqual(['z', 'x', 'y']);
    const one = parseYaml('b: &b {a: 1, b: 2, c: 3}\none: {<<: *b, b: 20, z: 0}\n', 'o.yml').value as Record<string, Record<string, unknown>>;
    expect(Object.entries(one.one ?? {})).toEqual([['a', 1], ['b', 20], ['c', 3], ['z', 0]]);
  });
  test('merged keys keep the position of where they are written', () => {
    expect(keyLoc(v.m ?? {}, 'x')).toEqual({ file: 'm.yml', line: 2, col: 3 });
    expect(keyLoc(v.m ?? {}, 'y')).toEqual({ file: 'm.yml', line: 8, col: 3 });
  });
  test('__proto__ is an ordinary key, never a prototype', () => {
    const p = parseYaml('__proto__: {polluted: 1}\n', 'p.yml').value as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
  });
});

describe('positions', () => {
  const text = '- hosts: all\n  tasks:\n    - name: one\n      command: echo hi\n    - debug:\n        msg: "a {{ b"\n';
  const v = parseYaml(text, 'p.yml').value as { tasks: Record<string, unknown>[] }[];
  test('containers, keys and values', () => {
    const play = v[0] ?? { tasks: [] };
    expect(locOf(play)).toEqual({ file: 'p.yml', line: 1, col: 3 });
    expect(keyLoc(play, 'tasks')).toEqual({ file: 'p.yml', line: 2, col: 3 });
    expect(valueLoc(play.tasks[0] ?? {}, 'command')).toEqual({ file: 'p.yml', line: 4, col: 16 });
    expect(locAtPath(v, [0, 'tasks', 1, 'debug', 'msg'])).toEqual({ file: 'p.yml', line: 6, col: 14 });
  });
  test('a column inside a plain or quoted one-line scalar', () => {
    expect(valueLoc(v[0]?.tasks[0] ?? {}, 'command', 5)).toEqual({ file: 'p.yml', line: 4, col: 21 });
    const msg = (v[0]?.tasks[1]?.debug ?? {});
    expect(valueLoc(msg, 'msg', 2)).toEqual({ file: 'p.yml', line: 6, col: 17 });
  });
});

describe('syntax errors are located, with a hint, one per fault', () => {
  const fails = (text: string) => {
    try {
      parseYaml(text, 'e.yml');
    } catch (err) {
      if (err instanceof InputErrors) return err.problems.map((p) => ({ at: `${p.loc?.line}:${p.loc?.col}`, message: p.message, hint: p.hint ?? '' }));
      throw err;
    }
    throw new Error('no error');
  };
  test.each([
    ['tab indentation', '- hosts: all\n  tasks:\n\t- debug: msg=hi\n', '3:1', 'Tabs', 'spaces'],
    ['over-indented key', '- name: x\n  debug: msg=hi\n   when: x\n', '3:4', 'bad indentation', 'same column'],
    ['under-indented item', '- hosts: all\n  tasks:\n    - debug: msg=hi\n   - debug: x\n', '4:4', 'bad indentation', 'same column'],
    ['mapping item out of line', 'a:\n  b: 1\n c: 2\n', '3:2', 'same column', 'same column'],
    ['unclosed quote', 'a: "unterminated\nb: 2\n', '1:4', 'never closed', 'closing "'],
    ['duplicate key', 'a: 1\na: 2\n', '2:1', 'unique', 'only once'],
    ['unquoted template', 'msg: {{ x }}\n', '1:7', 'missing its quotes', 'quote'],
    ['two documents', 'a: 1\n---\nb: 2\n', '2:1', 'multiple documents', 'one YAML document'],
  ])('%s', (_name, text, at, message, hint) => {
    const problems = fails(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.at).toBe(at);
    expect(problems[0]?.message).toContain(message);
    expect(problems[0]?.hint).toContain(hint);
  });
});

test('files are parsed once per path and re-read when they change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-yaml-'));
  const file = join(dir, 'a.yml');
  writeFileSync(file, 'a: 1\n');
  const files = new YamlFiles();
  const first = files.load(file);
  expect(files.load(file)).toBe(first);
  // another load's reader parses for itself
  expect(new YamlFiles().load(file)).not.toBe(first);
  writeFileSync(file, 'a: 22\n');
  expect((files.load(file).value as { a: number }).a).toBe(22);
});

// The expected values are PyYAML's (yaml.safe_load) for the same text.
describe('quoted strings whose continuation lines are indented less than the yaml package wants, as PyYAML reads them', () => {
  test.each([
    ['closed at column 0 in a top-level mapping', 'a: 1\nx: "{{\n  1 + 1\n}}"\ny: 2\n', { a: 1, x: '{{ 1 + 1 }}', y: 2 }],
    ['a continuation at column 0', 'x: "a\nb"\ny: 2\n', { x: 'a b', y: 2 }],
    ['nested, less indented than the key', '- name: t\n  debug:\n    msg: "a\n  b"\n', [{ name: 't', debug: { msg: 'a b' } }]],
    ['single quotes with an escaped quote, a blank line', "x: 'it''s\n\nfine'\n", { x: "it's\nfine" }],
    ['escaped double quotes inside, two strings', 'x: "say \\"hi\\"\nnow"\ny: "b\nc"\n', { x: 'say "hi" now', y: 'b c' }],
    ['after a block scalar whose text holds a quote', 'a: |\n  x: "y\nb: "c\nd"\n', { a: 'x: "y\n', b: 'c d' }],
    ['a quoted string in a flow sequence, closed at column 0', 'x: ["{%\nif a %}b{% endif %}"]\ny: 2\n', { x: ['{% if a %}b{% endif %}'], y: 2 }],
    ['nested in a task, two strings and a mapping', '- debug:\n    msg: ["a\nb", {k: "c\nd"}]\n', [{ debug: { msg: ['a b', { k: 'c d' }] } }]],
    ['brackets and a comment inside the flow value', 'x: [ "]",  # it\'s ]\n"y"\n]\n', { x: [']', 'y'] }],
  ])('%s', (_name, text, value) => {
    expect(parseYaml(text, 't.yml').value).toEqual(value);
  });

  test('a string that is never closed, or another fault, is still reported', () => {
    expect(() => parseYaml('a: "x\nb: 2\n', 't.yml')).toThrow(InputErrors);
    expect(() => parseYaml('a: "x\ny"\nb: [1\n', 't.yml')).toThrow(InputErrors);
  });
});

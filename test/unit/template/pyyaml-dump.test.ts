// PyYAML's dump (AnsibleDumper over libyaml) as kplay reproduces it: literal texts Ansible's to_yaml / to_nice_yaml
// print for the cases where other YAML writers differ (each literal was printed by Ansible 2.14's filters).
import { describe, expect, it } from 'vitest';
import { pyyamlDump, YamlDumpError, type DumpOptions } from '../../../engine/template/pyyaml-dump.js';
import { render } from '../../../engine/template/index.js';

const TO_YAML: DumpOptions = { indent: 2, defaultFlowStyle: null };
const NICE: DumpOptions = { indent: 4, defaultFlowStyle: false };

const CASES: readonly (readonly [string, unknown, DumpOptions, string])[] = [
  ['a sequence in a mapping is not indented', { b: ['x', 'y'] }, NICE, 'b:\n- x\n- y\n'],
  ['a mapping in a sequence item, indent 4', { a: [{ c: 1, d: 2 }] }, NICE, 'a:\n-   c: 1\n    d: 2\n'],
  ['nested sequences', [[1, [2]]], NICE, '-   - 1\n    -   - 2\n'],
  ['to_yaml writes collections of scalars in flow style', { a: [1, 'b'], c: { d: null } }, TO_YAML, 'a: [1, b]\nc: {d: null}\n'],
  ['keys sorted by code point', { b: 1, a: 2, Z: 3, é: 4 }, NICE, 'Z: 3\na: 2\nb: 1\né: 4\n'],
  ['keys in their order without sort_keys', { b: 1, a: 2 }, { ...NICE, sortKeys: false }, 'b: 1\na: 2\n'],
  ['empty collections', { a: [], b: {} }, NICE, 'a: []\nb: {}\n'],
  ['strings that read as other types are quoted (a long flow sequence wraps)', ['yes', 'On', '1.0', '0o17', '017', '1e3', '1_000', '~', 'null', 'True', '.inf', '2001-12-14', '<<', '='], TO_YAML,
    "['yes', 'On', '1.0', 0o17, '017', 1e3, '1_000', '~', 'null', 'True', '.inf', '2001-12-14',\n  '<<', '=']\n"],
  ['indicators', ['- a', '-a', ': a', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '*a', '&a', '!a', '%a', '@a', '`a', '?a', '? a', '---', '[a]', 'a,b'], NICE,
    "- '- a'\n- -a\n- ': a'\n- 'a: b'\n- a:b\n- 'a #b'\n- a#b\n- '#a'\n- '*a'\n- '&a'\n- '!a'\n- '%a'\n- '@a'\n- '`a'\n- ?a\n- '? a'\n- '---'\n- '[a]'\n- a,b\n"],
  ['flow context quotes flow indicators', ['a,b', '?a', 'a:b', ''], TO_YAML, "['a,b', '?a', 'a:b', '']\n"],
  ['the empty string', '', TO_YAML, "''\n"],
  ['leading and trailing spaces', [' a', 'a '], NICE, "- ' a'\n- 'a '\n"],
  ['quotes inside', ["it's", 'say "hi"'], NICE, "- it's\n- say \"hi\"\n"],
  ['a quote first', ["'a'", '"b"'], NICE, "- '''a'''\n- '\"b\"'\n"],
  ['unicode stays readable', ['ünï', '中文'], NICE, '- ünï\n- 中文\n'],
  ['astral characters, tabs and controls are escaped', ['😀', 'a\tb', 'a\u0007', 'a\u0085b'], NICE,
    '- "\\U0001F600"\n- "a\\tb"\n- "a\\a"\n- "a\\Nb"\n'],
  ['multi-line strings are single-quoted with doubled breaks', { k: 'a\n\nb c\n' }, NICE, "k: 'a\n\n\n    b c\n\n    '\n"],
  ['a space before a break forces double quotes', { k: 'a \nb' }, NICE, 'k: "a \\nb"\n'],
  ['a long plain scalar folds at width 80', { k: 'word '.repeat(20).trim() }, NICE,
    'k: word word word word word word word word word word word word word word word word\n    word word word word\n'],
  ['a long quoted scalar folds too', { k: 'word '.repeat(20) }, NICE,
    "k: 'word word word word word word word word word word word word word word word word\n    word word word word '\n"],
  ['no space, no fold', 'x'.repeat(90), NICE, `${'x'.repeat(90)}\n`],
  ['width', { k: 'aa bb cc dd ee' }, { ...NICE, width: 10 }, 'k: aa bb cc\n    dd ee\n'],
  ['negative width never folds', { k: 'word '.repeat(20).trim() }, { ...NICE, width: -1 }, `k: ${'word '.repeat(20).trim()}\n`],
  ['a key over 128 bytes is a complex key', { ['k'.repeat(129)]: 1 }, NICE, `? ${'k'.repeat(129)}\n: 1\n`],
  ['a multi-line key', { 'a\nb': 1 }, NICE, "? 'a\n\n    b'\n: 1\n"],
  ['numbers', [1, -2, 1.5, 1e-5, 1.5e-7, 0.1, 1e300, Infinity, -Infinity, NaN], TO_YAML,
    '[1, -2, 1.5, 1.0e-05, 1.5e-07, 0.1, 1.0e+300, .inf, -.inf, .nan]\n'],
  ['booleans and null', { a: true, b: false, c: null }, NICE, 'a: true\nb: false\nc: null\n'],
  ['a scalar document', 'plain', TO_YAML, 'plain\n'],
  ['explicit start and end', { a: 1 }, { ...NICE, explicitStart: true, explicitEnd: true }, '---\na: 1\n...\n'],
  ['explicit start before a scalar', 's', { ...NICE, explicitStart: true }, '--- s\n'],
  ['indent outside 2..9 is 2', { a: [{ b: 1 }] }, { ...NICE, indent: 12 }, 'a:\n- b: 1\n'],
  ['default_flow_style true', { a: [1, { b: 2 }] }, { ...NICE, defaultFlowStyle: true }, '{a: [1, {b: 2}]}\n'],
  ['a netplan file', { network: { version: 2, ethernets: { eth0: { addresses: ['10.0.0.2/24'], dhcp4: false } } } }, NICE,
    'network:\n    ethernets:\n        eth0:\n            addresses:\n            - 10.0.0.2/24\n            dhcp4: false\n    version: 2\n'],
];

describe('pyyamlDump', () => {
  it.each(CASES)('%s', (_name, value, opts, expected) => {
    expect(pyyamlDump(value, opts)).toBe(expected);
  });

  it('refuses what is not plain data, as SafeRepresenter does', () => {
    expect(() => pyyamlDump({ a: new Date(0) })).toThrow(YamlDumpError);
  });
});

describe('the to_yaml and to_nice_yaml filters', () => {
  const loc = { loc: { file: 'p.yml', line: 1, col: 1 } };
  it('to_nice_yaml takes its indent positionally or by keyword', () => {
    expect(render('{{ v | to_nice_yaml(2) }}', { v: { a: [{ b: 1 }] } }, loc)).toBe('a:\n- b: 1\n');
    expect(render('{{ v | to_nice_yaml(indent=4) }}', { v: { a: [{ b: 1 }] } }, loc)).toBe('a:\n-   b: 1\n');
  });
  it('to_yaml passes width, sort_keys and default_flow_style', () => {
    expect(render('{{ v | to_yaml(width=10) }}', { v: 'aaa bbb ccc ddd eee fff' }, loc)).toBe('aaa bbb ccc\n  ddd eee fff\n');
    expect(render('{{ v | to_yaml(sort_keys=false) }}', { v: { b: 1, a: 2 } }, loc)).toBe('{b: 1, a: 2}\n');
    expect(render('{{ v | to_yaml(default_flow_style=false) }}', { v: { a: [1] } }, loc)).toBe('a:\n- 1\n');
  });
  it('an unknown keyword fails, as yaml.dump fails on it', () => {
    expect(() => render('{{ v | to_yaml(nope=1) }}', { v: 1 }, loc)).toThrow(/unsupported keyword argument 'nope'/);
  });
  it('from_yaml reads back what to_nice_yaml wrote', () => {
    const v = { a: ['yes', '1.0', ' x', 'é\n2', null, true, 1.5], b: { c: 'word '.repeat(30) } };
    expect(render('{{ v | to_nice_yaml | from_yaml }}', { v }, loc)).toEqual(v);
  });
});

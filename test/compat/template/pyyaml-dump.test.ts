// Differential test: kplay's PyYAML emitter against Ansible's own to_yaml / to_nice_yaml (AnsibleDumper over
// libyaml) on a few hundred generated values and hand-picked nasty strings: both filters, indent 2, 3, 4 and 7, other
// widths, default_flow_style true.
// Numbers are integers or non-integral floats: JS has one number type, so a Python 3.0 cannot be made (it prints 3).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pyyamlDump, type DumpOptions } from '../../../engine/template/pyyaml-dump.js';
import { filterNamed } from '../../../engine/template/filters.js';

interface Case {
  readonly value: unknown;
  /** the filter's keyword arguments, as a playbook passes them */
  readonly kwargs: Record<string, unknown>;
  readonly nice: boolean;
}

const PYTHON = `
import json, sys
from ansible.plugins.filter.core import to_yaml, to_nice_yaml
out = []
for case in json.load(sys.stdin):
    f = to_nice_yaml if case['nice'] else to_yaml
    out.append(f(case['value'], **case['kwargs']))
json.dump(out, sys.stdout)
`;

function ansibleDumps(cases: readonly Case[]): string[] {
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

/** the filter's keywords in pyyamlDump's terms, as filters.ts passes them */
function options(c: Case): DumpOptions {
  const k = c.kwargs;
  return {
    indent: typeof k.indent === 'number' ? k.indent : c.nice ? 4 : 2,
    width: typeof k.width === 'number' ? k.width : undefined,
    defaultFlowStyle: c.nice ? false : k.default_flow_style === true ? true : null,
    sortKeys: k.sort_keys !== false,
    explicitStart: k.explicit_start === true,
  };
}

// characters that change PyYAML's choices: indicators, breaks, quotes, non-printables, unicode (BMP and astral)
const NASTY_CHARS = [' ', ' ', '\n', '\t', '\r', ':', '#', '-', '?', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>',
  "'", '"', '%', '@', '`', '\\', '.', '~', '=', '<', 'a', 'b', 'e', 'y', 'n', 'o', 'T', '0', '1', '7', '_', '+',
  'é', 'ß', '中', '😀', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u0007', '\u001b'];

const nastyString = fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 12 });
const wordyString = fc.array(fc.oneof(fc.constantFrom('word', 'x', 'averyveryverylongwordindeed', ' ', '  ', "'", '\n', ': ', ' #', '\n\n', ' \n', '\n '), nastyString), { maxLength: 60 })
  .map((parts) => parts.join(''));
const scalar = fc.oneof(
  nastyString,
  wordyString,
  fc.constantFrom('yes', 'No', 'on', 'OFF', 'null', '~', '', 'True', '1.0', '0o17', '017', '0x1F', '1e3', '1_000', '.inf',
    '-.inf', '.NaN', '2001-12-14', '12:30:45', '<<', '=', '-', '---', '...', '- a', 'a: b', 'a:b', 'a #b', 'a#b'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x)),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.oneof(nastyString, fc.constantFrom('name', 'a', 'b', 'k'.repeat(130), 'é'.repeat(70), 'x y'));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('dict')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  dict: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).node;

const KWARGS: readonly (readonly [boolean, Record<string, unknown>])[] = [
  [false, {}], [false, { indent: 4 }], [true, {}], [true, { indent: 2 }], [false, { default_flow_style: true }], [true, { width: 30 }],
  [false, { width: 25, indent: 3 }], [true, { indent: 7, width: 50 }], [false, { default_flow_style: true, width: 20 }],
];

const HAND_PICKED: unknown[] = [
  'x'.repeat(100) + ' ' + 'y'.repeat(10),
  'word '.repeat(40),
  'word '.repeat(40).trim(),
  'line one\nline two\n',
  'a\n\nb c\n',
  '  leading and trailing  ',
  "it's \"quoted\"",
  'key: value',
  'a # comment',
  '#start',
  '- item',
  '-item',
  '*alias', '&anchor', '!tag', '%percent', '@at', '`tick`', '|pipe', '>fold', '?q', '? q', ',comma', '[x]', '{x}',
  'ünïcödé text', '中文', 'emoji 😀 inside', 'tab\there', 'bell\u0007', 'nbsp\u00a0here', 'line\u2028sep',
  '', 'null', 'Null', 'NULL', '~', 'True', 'true', 'FALSE', 'yes', 'Yes', 'no', 'on', 'off', 'y', 'n',
  '1', '-1', '+1', '1.0', '1.', '.5', '0o17', '017', '08', '0x1f', '0b101', '1e3', '1.0e+3', '1_000', '190:20:30',
  '.inf', '-.Inf', '.nan', '2001-12-14', '2001-12-14 21:59:43.10 -5', '<<', '=', 'yes\n',
  'long words '.repeat(12) + '\nsecond line ' + 'more '.repeat(20),
  'a' + ' '.repeat(3) + 'b'.repeat(90) + '   c',
  '"' + 'q '.repeat(50) + '"' + '\t',
  { prometheus: { global: { scrape_interval: '15s' }, scrape_configs: [{ job_name: 'node', static_configs: [{ targets: ['localhost:9100', 'h2:9100'] }] }] } },
  { network: { version: 2, ethernets: { eth0: { dhcp4: 'no', addresses: ['10.0.0.2/24'], nameservers: { addresses: ['1.1.1.1'] } } } } },
  { ['k'.repeat(130)]: 1, ['x\ny']: [1, 2], '': 'empty key', ' ': { a: [] } },
  [[1, [2, { a: [] }]], {}, [], [[]], [{}], { b: {} }],
  [1.5, -0.25, 1e-5, 1.5e-7, 123456789.125, 1e300, -1e-300, 3.14159e-10, 0.1],
  { nested: { deep: { deeper: { deepest: 'word '.repeat(30) } } } },
];

describe("PyYAML dump agrees with Ansible's to_yaml / to_nice_yaml", () => {
  const generated = fc.sample(value, { seed: 20261206, numRuns: 300 });
  const cases: Case[] = [...generated, ...HAND_PICKED].flatMap((v, i) => {
    const [nice, kwargs] = KWARGS[i % KWARGS.length] as (typeof KWARGS)[number];
    // every hand-picked value under every filter setting, the generated ones spread over them
    const settings = i < generated.length ? [[nice, kwargs] as const] : KWARGS;
    return settings.map(([n, k]) => ({ value: v, kwargs: k, nice: n }));
  });
  cases.push(
    { value: { a: 'word '.repeat(30) }, kwargs: { width: 40 }, nice: true },
    { value: { a: 'word '.repeat(30) }, kwargs: { width: -1 }, nice: true },
    { value: { a: 'word '.repeat(30) }, kwargs: { width: 5 }, nice: false },
    { value: { b: 1, a: [1, 2] }, kwargs: { sort_keys: false }, nice: true },
    { value: { b: 1, a: [1, 2] }, kwargs: { explicit_start: true }, nice: false },
    { value: 'scalar', kwargs: { explicit_start: true }, nice: true },
    { value: { a: [1, { b: 2 }] }, kwargs: { indent: 9 }, nice: true },
    { value: { a: [1, { b: 2 }] }, kwargs: { indent: 12 }, nice: true },
  );
  const answers = ansibleDumps(cases);

  it('compares a few hundred values', () => {
    expect(cases.length).toBeGreaterThan(500);
    expect(answers).toHaveLength(cases.length);
  });
  it.each(cases.map((c, i) => [i, c, answers[i]] as const))('case %i', (_i, c, answer) => {
    expect(pyyamlDump(c.value, options(c))).toBe(answer);
  });
  it('the filters pass their keywords the same way', () => {
    const toYaml = filterNamed('to_yaml');
    const toNiceYaml = filterNamed('to_nice_yaml');
    const sample = cases.slice(0, 60);
    const mine = sample.map((c) => (c.nice ? toNiceYaml : toYaml)?.(c.value, [], { ...c.kwargs }));
    expect(mine).toEqual(answers.slice(0, 60));
  });
});

// Property: hostile shapes (deep nesting, alias bombs, huge host ranges, NUL bytes, invalid UTF-8, a BOM) spliced
// into playbooks, vars files and inventories load, or fail with located input problems, in bounded time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../../engine/inventory/index.js';
import { loadPlaybook } from '../../../engine/playbook/index.js';
import { parseExtraVar } from '../../../engine/vars/index.js';
import { formatViolations, fuzzSeed, violations } from './harness.js';

const RUNS = Number(process.env.KPLAY_FUZZ_HOSTILE_RUNS ?? 150);

/** A YAML value text of one hostile shape. */
const yamlValue: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 4000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 1, max: 3000 }).map((n) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 1, max: 2000 }).map((n) => `\n${Array.from({ length: n }, (_, i) => `${' '.repeat(6 + i)}k:`).join('\n')}`),
  fc.record({ width: fc.integer({ min: 1, max: 12 }), levels: fc.integer({ min: 1, max: 12 }) }).map(({ width, levels }) => {
    const out = [`&b0 [${Array.from({ length: width }, () => '"lol"').join(',')}]`];
    for (let i = 1; i <= levels; i++) out.push(`- &b${i} [${Array.from({ length: width }, () => `*b${i - 1}`).join(',')}]`);
    return `\n      - ${out.join('\n      ')}`;
  }),
  fc.constant('&c [1, *c]'),
);

/** Raw bytes spliced into a file: NUL, invalid UTF-8, a BOM (valid at the start only), overlongs, surrogates. */
const rawBytes = fc.constantFrom(
  Buffer.from([0]), Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]),
);

const hostName: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom('web', 'db-', '.x', '-'), fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 9_999_999 })).map(([a, b]) => `[${Math.min(a, b)}:${Math.max(a, b)}]`), fc.constantFrom('[a:z]', '[0:99999]', '[01:10:3]')), { minLength: 1, maxLength: 4 })
  .map((p) => p.join(''));

const root = mkdtempSync(join(tmpdir(), 'kplay-fuzz-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fileWith = (name: string, content: Buffer): string => {
  const dir = mkdtempSync(join(root, `${n++}-`));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** Splice `bytes` into `text` at a fraction of its length. */
const splice = (text: string, at: number, bytes: Buffer): Buffer => {
  const b = Buffer.from(text);
  const i = Math.floor(at * (b.length + 1));
  return Buffer.concat([b.subarray(0, i), bytes, b.subarray(i)]);
};

async function expectLocated(load: () => Promise<unknown>): Promise<void> {
  let caught: unknown;
  const t0 = Date.now();
  try {
    await load();
  } catch (err) {
    caught = err ?? new Error('thrown undefined');
  }
  expect([...violations(caught, root), ...formatViolations(caught)]).toEqual([]);
  // no hang: a bound far above a case's time (a second or two; about 10 s for a 100,000-host range on a busy machine)
  expect(Date.now() - t0).toBeLessThan(30_000);
}

const PLAY = (value: string): string => `- hosts: all\n  gather_facts: false\n  vars:\n    x: ${value}\n  tasks:\n    - debug: var=x\n`;
const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('hostile shapes', () => {
  it(`playbooks with deep nesting, alias bombs and cycles: ${RUNS} cases`, async () => {
    await fc.assert(fc.asyncProperty(yamlValue, async (v) => expectLocated(() => loadPlaybook(fileWith('p.yml', Buffer.from(PLAY(v)))))), { numRuns: RUNS, ...fuzzSeed() });
  }, 300_000);

  it(`playbooks and vars files with NUL, invalid UTF-8 or a BOM spliced in: ${RUNS} cases`, async () => {
    await fc.assert(
      fc.asyncProperty(rawBytes, frac, fc.boolean(), async (bytes, at, inVarsFile) => {
        if (!inVarsFile) return expectLocated(() => loadPlaybook(fileWith('p.yml', splice(PLAY('1'), at, bytes))));
        const vars = fileWith('v.yml', splice('a: 1\nb: [x, y]\n', at, bytes));
        return expectLocated(() => loadPlaybook(fileWith('p.yml', Buffer.from(`- hosts: all\n  vars_files: [${vars}]\n  tasks: []\n`)))).then(() => expectLocated(() => Promise.resolve().then(() => parseExtraVar(`@${vars}`))));
      }),
      { numRuns: RUNS, ...fuzzSeed() },
    );
  }, 300_000);

  it(`INI and YAML inventories with huge ranges and bad bytes: ${RUNS} cases`, async () => {
    await fc.assert(
      fc.asyncProperty(hostName, fc.option(fc.tuple(rawBytes, frac)), fc.boolean(), async (name, raw, yaml) => {
        const text = yaml ? `all:\n  hosts:\n    "${name}":\n` : `[web]\n${name} a=1\n`;
        const content = raw ? splice(text, raw[1], raw[0]) : Buffer.from(text);
        await expectLocated(async () => {
          const inv = await loadInventory([fileWith(yaml ? 'h.yml' : 'hosts', content)]);
          inv.listJson();
        });
      }),
      { numRuns: RUNS, ...fuzzSeed() },
    );
  }, 300_000);
});

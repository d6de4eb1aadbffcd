// Property: any -e argument parses to a mapping or fails with an InputError naming the argument; nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { parseExtraVars } from '../../../engine/vars/index.js';
import { fuzzSeed } from './harness.js';

const PIECES = ['a=1', 'b="x y"', "c='q", '"', "'", '=', '{', '}', '[', ']', '{"k": 1}', '{k: [1, 2', '---', ': ', '- x', '\\', ' ', '\n', '\t', '\0', '@', '{{ x }}', 'key=', '=v', 'k=v=w', '!!python/object', '&a *a'];

const argument = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join('')),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

describe('-e arguments', () => {
  it('2,000 random arguments: a mapping, or an InputError that quotes the argument', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(argument, { minLength: 1, maxLength: 3 }), (args) => {
        try {
          const vars = parseExtraVars(args);
          expect(typeof vars === 'object' && vars !== null && !Array.isArray(vars)).toBe(true);
        } catch (err) {
          rejected++;
          if (!(err instanceof InputError)) throw new Error(`-e ${JSON.stringify(args)} threw ${err instanceof Error ? (err.stack ?? err.message) : JSON.stringify(err)}`, { cause: err });
          expect(err.message).toMatch(/^-e /);
        }
      }),
      { numRuns: 2000, ...fuzzSeed() },
    );
    expect(rejected).toBeGreaterThan(200);
  });
});

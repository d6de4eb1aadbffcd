// Host patterns as data: each case's expected hosts were produced by ansible-core 2.14's InventoryManager.get_hosts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventorySync } from '../../../engine/inventory/index.js';
import { fnmatchToRegex, splitHostPattern } from '../../../engine/inventory/patterns.js';

const dir = join(import.meta.dirname, '../../corpus/inventories/patterns');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { pattern: string; hosts?: string[]; error?: string }[];
const inventory = loadInventorySync(['hosts'], dir);

describe('host patterns resolve as in Ansible', () => {
  for (const c of cases) {
    it(c.pattern, () => {
      if (c.error !== undefined) expect(() => inventory.select(c.pattern)).toThrow(c.error);
      else expect(inventory.select(c.pattern)).toEqual(c.hosts);
    });
  }

  it('warns about names that match nothing, and only about those', () => {
    expect(inventory.selectWithWarnings('db1,nosuch').warnings).toEqual(['Could not match supplied host pattern, ignoring: nosuch']);
    expect(inventory.selectWithWarnings('web').warnings).toEqual([]);
  });
});

describe('splitHostPattern', () => {
  const table: [string, string[]][] = [
    ['a,b[1], c[2:3] , d', ['a', 'b[1]', 'c[2:3]', 'd']],
    ['web:!db', ['web', '!db']],
    ['web:&db', ['web', '&db']],
    ['host:22', ['host:22']],
    ['web[1:3]', ['web[1:3]']],
    ['fe80::1', ['fe80::1']],
    [' spaced ', ['spaced']],
  ];
  for (const [input, expected] of table) it(input, () => expect(splitHostPattern(input)).toEqual(expected));
});

describe('fnmatchToRegex', () => {
  const table: [string, string, boolean][] = [
    ['web*', 'web12', true],
    ['web?', 'web12', false],
    ['[!a]*', 'bcd', true],
    ['[!a]*', 'abc', false],
    ['[]a]x', ']x', true],
    ['a.b', 'axb', false],
    ['[unclosed', '[unclosed', true],
  ];
  for (const [glob, name, ok] of table) it(`${glob} ~ ${name}`, () => expect(new RegExp(fnmatchToRegex(glob), 's').test(name)).toBe(ok));
});

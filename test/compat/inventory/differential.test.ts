// kplay's inventory against Debian's ansible-inventory over the shipped corpus: same groups, members, host variables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventorySync } from '../../../engine/inventory/index.js';
import { ansibleInventory } from './ansible.js';

const corpus = join(import.meta.dirname, '../../corpus/inventories');
const cases = readdirSync(corpus)
  .filter((d) => /^\d/.test(d))
  .sort();

interface Case {
  readonly sources: string[];
}

describe('kplay inventory equals ansible-inventory', () => {
  it('has a corpus worth the name', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of cases) {
    const dir = join(corpus, name);
    const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;

    it(`${name}: --list`, async () => {
      const ours = loadInventorySync(spec.sources, dir);
      const theirs = await ansibleInventory(dir, spec.sources, ['--list']);
      expect(JSON.parse(ours.listJson())).toEqual(JSON.parse(theirs.stdout));
      // byte for byte: floats keep their .0 (1.0, 1000.0 from INI's 1e3), keys sorted, Python's indent
      expect(ours.listJson()).toBe(theirs.stdout.trimEnd());
    }, 30_000);

    it(`${name}: --graph --vars`, async () => {
      const ours = loadInventorySync(spec.sources, dir);
      const theirs = await ansibleInventory(dir, spec.sources, ['--graph', '--vars']);
      // a tuple (INI's z2=1, 2) is a list in kplay: Python prints (1, 2), kplay [1, 2]
      const known = (text: string): string => text.replace(/\{(\w+) = \((.*)\)\}$/gm, '{$1 = [$2]}');
      expect(ours.graph('all', true)).toBe(known(theirs.stdout.trimEnd()));
    }, 30_000);

    it(`${name}: --graph`, async () => {
      const ours = loadInventorySync(spec.sources, dir);
      const theirs = await ansibleInventory(dir, spec.sources, ['--graph']);
      expect(ours.graph()).toBe(theirs.stdout.trimEnd());
    }, 30_000);
  }
});

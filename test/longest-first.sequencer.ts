// Test files start longest first within each group (unit/local/compat, lab, lab-timing), so the two workers finish
// together instead of one waiting while the other runs a long file that started last. Vitest does this by itself
// only from its cache of earlier runs, which a fresh clone in CI does not have: without it, it starts larger files
// first, and the longest lab file (corpus.test.ts) is one of the smallest. file-durations.json holds seconds per file
// as measured in a whole CI run (files of 20 s and more); a file not in it counts as 10 s.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const DURATIONS = JSON.parse(readFileSync(new URL('./file-durations.json', import.meta.url), 'utf8')) as Record<string, number>;
const UNKNOWN_S = 10;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification): number => DURATIONS[relative(root, f.moduleId)] ?? UNKNOWN_S;
    const group = (f: TestSpecification): number => f.project.config.sequence.groupOrder;
    // a stable sort: files of equal weight keep vitest's own order
    return (await super.sort(files)).sort((a, b) => group(a) - group(b) || seconds(b) - seconds(a));
  }
}

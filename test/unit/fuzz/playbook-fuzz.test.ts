// Property: a mutated valid playbook (or role/task file it loads) loads, or fails with located input problems only.
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { loadPlaybook } from '../../../engine/playbook/index.js';
import { render } from '../../../engine/template/index.js';
import { expectBothOutcomes, fuzzSubjects, makeSubject, removeRoot, REPO, tempRoot, type Subject } from './harness.js';

/** Mutated loads per group (playbook total: 6,000 of the 10,000; the inventory fuzz does the rest). */
const RUNS = Number(process.env.KPLAY_FUZZ_PLAYBOOK_RUNS ?? 2000);

/** What `kplay run` does with a loaded playbook before touching any host: render each play's host pattern. */
async function loadLikeRun(s: Subject): Promise<void> {
  const pb = await loadPlaybook(s.entry);
  for (const play of pb.plays) render(play.hosts, {}, { loc: play.loc, task: `play ${play.name}` });
}

const yamlFiles = (f: string): boolean => /\.ya?ml$/.test(f);

describe('mutated playbooks', () => {
  const root = tempRoot('playbook');
  afterAll(() => removeRoot(root));

  it(`the shipped kvm-host playbook and its role: ${RUNS} mutations`, async () => {
    const s = makeSubject(root, join(REPO, 'playbooks'), 'kvm-host.yml', yamlFiles);
    expectBothOutcomes(await fuzzSubjects([s], RUNS, loadLikeRun, REPO), RUNS);
  }, 120_000);

  it(`the compare fixture and the bench workloads: ${RUNS} mutations`, async () => {
    const subjects = [
      makeSubject(root, join(REPO, 'test/fixtures/compare/playbook.yml')),
      ...['w1.yml', 'w2-ansible.yml', 'facts.yml'].map((f) => makeSubject(root, join(REPO, 'bench/workloads', f))),
    ];
    expectBothOutcomes(await fuzzSubjects(subjects, RUNS, loadLikeRun, REPO), RUNS);
  }, 120_000);

  it(`valid corpus cases (roles, imports, !unsafe): ${RUNS} mutations`, async () => {
    const subjects = [
      makeSubject(root, join(REPO, 'test/corpus/playbooks/valid-everything.yml')),
      makeSubject(root, join(REPO, 'test/corpus/playbooks/unsafe-is-not-checked.yml')),
      makeSubject(root, join(REPO, 'test/corpus/playbooks/valid-roles-imports'), 'playbook.yml', yamlFiles),
    ];
    expectBothOutcomes(await fuzzSubjects(subjects, RUNS, loadLikeRun, REPO), RUNS);
  }, 120_000);
});

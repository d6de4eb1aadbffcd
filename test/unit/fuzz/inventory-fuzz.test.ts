// Property: a mutated valid inventory (INI, YAML, JSON, group_vars/host_vars) loads, or fails with located input problems.
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { loadInventory } from '../../../engine/inventory/index.js';
import { expectBothOutcomes, fuzzSubjects, makeSubject, removeRoot, REPO, tempRoot, type Subject } from './harness.js';

/** Mutated loads per group (inventory total: 4,000 of the 10,000; the playbook fuzz does the rest). */
const RUNS = Number(process.env.KPLAY_FUZZ_INVENTORY_RUNS ?? 2000);

/** What `kplay run` and `kplay inventory --list/--graph` do with a loaded inventory before touching any host. */
async function loadLikeRun(s: Subject): Promise<void> {
  const inv = await loadInventory([s.entry], REPO);
  inv.select('all');
  inv.listJson();
  inv.graph();
  for (const h of inv.hostNames()) inv.magicVars(h);
}

/** INI inventories accept almost any line, as Ansible's do: far fewer mutations are errors than in playbooks. */
const LENIENT = 0.05;

const CORPUS = join(REPO, 'test/corpus/inventories');

describe('mutated inventories', () => {
  const root = tempRoot('inventory');
  afterAll(() => removeRoot(root));

  it(`the shipped example inventories with their group_vars: ${RUNS} mutations`, async () => {
    const subjects = ['kvm-fleet.ini', 'kvm-fleet.yml', 'lab-guests.yml'].map((f) => makeSubject(root, join(REPO, 'inventory'), f));
    expectBothOutcomes(await fuzzSubjects(subjects, RUNS, loadLikeRun, REPO), RUNS, LENIENT);
  }, 120_000);

  it(`corpus inventories (ranges, typed values, children, YAML scalars, JSON, ports, vars dirs): ${RUNS} mutations`, async () => {
    const subjects = [
      ['01-ini-basic', 'hosts.ini'],
      ['02-ini-ranges', 'hosts'],
      ['03-ini-typed-values', 'hosts.ini'],
      ['04-ini-children-nested', 'hosts'],
      ['05-yaml-basic', 'hosts.yml'],
      ['06-yaml-children-vars', 'inventory.yaml'],
      ['08-group-vars-files', 'hosts'],
      ['13-yaml-scalars', 'hosts.yaml'],
      ['14-json-inventory', 'inv.json'],
      ['17-ports-ipv6', 'hosts'],
    ].map(([dir, entry]) => makeSubject(root, join(CORPUS, dir ?? ''), entry, (f) => !f.endsWith('case.json')));
    expectBothOutcomes(await fuzzSubjects(subjects, RUNS, loadLikeRun, REPO), RUNS, LENIENT);
  }, 120_000);
});

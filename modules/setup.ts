// setup: gather facts on demand (gather_subset with min/all/! negation, filter globs, fact_path local facts), one round trip.
import { Type } from '@sinclair/typebox';
import { collectFacts } from '../engine/facts/collect.js';
import { filterFacts } from '../engine/facts/filter.js';
import { factsScript, SECTION } from '../engine/facts/script.js';
import { resolveSubsets } from '../engine/facts/subsets.js';
import { prefixFacts } from '../engine/facts/vars.js';
import { quote } from '../engine/core/quote.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  gather_subset: Type.Array(Type.String(), {
    description: "What to collect: all, min, hardware, network, virtual, a collector (distribution, dns, env, local, ...) or a fact name; '!name' excludes. min is always collected unless '!min'.",
    default: ['all'],
  }),
  gather_timeout: Type.Integer({ description: 'Seconds the gathering may take (kplay bounds the one command with it).', default: 10, minimum: 1 }),
  filter: Type.Array(Type.String(), { description: 'Return only the facts whose ansible_ name matches one of these shell-style globs (ansible_eth*, ansible_*_mb).', default: [] }),
  fact_path: Type.String({ description: 'Directory of local facts: each *.fact file (JSON or INI; executable ones are run and their output read) becomes ansible_local.<name>.', default: '/etc/ansible/facts.d' }),
});

export const setupModule = defineModule({
  name: 'setup',
  short: 'Gather facts about the host (as the play does), on demand: a subset, filtered, with local facts',
  params,
  checkMode: 'plan',
  returnsFacts: true,
  examples: `- name: Network facts only
  setup:
    gather_subset: ['!all', '!min', network]

- name: Memory figures
  setup:
    filter: ['ansible_*_mb']

- name: Local facts from another directory
  setup:
    fact_path: /srv/facts.d
`,
  probe(p): Record<string, string> {
    const resolved = resolveSubsets(p.gather_subset);
    if (!resolved.ok) return {};
    // the time limit is part of the command, so a hung tool cannot hold the task
    const script = quote(factsScript(resolved.collectors, { factPath: p.fact_path }));
    // Ansible bounds each collector by gather_timeout; the one command gets that much per collector it runs
    const limit = p.gather_timeout * resolved.collectors.size;
    return { facts: `if command -v timeout >/dev/null 2>&1; then timeout ${limit} sh -c ${script}; else sh -c ${script}; fi || echo '${SECTION}end'` };
  },
  plan(p, observed) {
    const resolved = resolveSubsets(p.gather_subset);
    if (!resolved.ok) return { kind: 'fail', msg: resolved.msg };
    const out = observed.facts;
    if (!out || !out.stdout.includes(`${SECTION}end`)) return { kind: 'fail', msg: `gathering facts failed: ${out?.stderr.trim() || 'the facts script did not finish'}` };
    const facts = filterFacts(collectFacts(out.stdout, resolved.collectors), p.filter);
    // Ansible's filter also drops its own gather_subset and module_setup entries
    const ansible_facts = p.filter.length === 0 ? { ...prefixFacts(facts), gather_subset: p.gather_subset, module_setup: true } : prefixFacts(facts);
    return { kind: 'ok', reason: `gathered ${Object.keys(facts).length} facts`, data: { ansible_facts } };
  },
});


/** What gather_facts collects: the play's gathering, everything (as Ansible's gather_facts action runs setup). */
const PLAY_GATHERING = { gather_subset: ['all'], gather_timeout: 10, filter: [], fact_path: '/etc/ansible/facts.d' };

export const gatherFactsModule = defineModule({
  name: 'gather_facts',
  short: "Gather facts as the play's own gathering does (setup with its defaults)",
  params: Type.Object({ parallel: Type.Optional(Type.Boolean({ description: 'Accepted for compatibility: kplay gathers in one command.' })) }),
  checkMode: 'plan',
  returnsFacts: true,
  examples: `- name: Facts again, after the network changed
  gather_facts:
`,
  probe: (_p, ctx) => setupModule.probe?.(PLAY_GATHERING, ctx) ?? {},
  plan: (_p, observed, ctx) => setupModule.plan(PLAY_GATHERING, observed, ctx),
});

// The run corpus (test/corpus/runs/): each role-shaped item run by kplay on h1 and by ansible-playbook on h2 of a lab of the
// item's OS, twice (first run, rerun): the same exit code, the same PLAY RECAP, the same host state. Items of one OS
// take turns on its lab; the EL and Debian labs work side by side.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { parse } from 'yaml';
import type { LabInfo, LabOs } from '../../lab/types.js';
import { ansiblePlaybook, kplay, parseRecap, ROOT } from './support/cli.js';
import { withLab, type LabFixture } from './support/lab.js';
import { onHost } from './support/modules.js';

const CORPUS = join(ROOT, 'test', 'corpus', 'runs');
const items = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({ name: d.name, dir: join(CORPUS, d.name), os: (parse(readFileSync(join(CORPUS, d.name, 'corpus.yml'), 'utf8')) as { os: LabOs }).os }))
  .sort((a, b) => a.name.localeCompare(b.name));

const labs = new Map<LabOs, LabFixture>();
for (const os of new Set(items.map((i) => i.os))) labs.set(os, withLab({ name: `corpus-${os}`, count: 2, kind: 'full', os }));
const infos = new Map<LabOs, LabInfo>();
beforeAll(async () => {
  for (const [os, lab] of labs) infos.set(os, await lab.setup());
}, 900_000);
afterAll(async () => {
  for (const lab of labs.values()) await lab.teardown();
});

/** What the item changed on `host`, with the host's own name written as HOST (sites and pages carry it). */
async function state(info: LabInfo, host: string, dir: string): Promise<string> {
  const out = await onHost(info, host, readFileSync(join(dir, 'state.sh'), 'utf8'));
  return out.replace(new RegExp(`\\b${host}\\b`, 'g'), 'HOST');
}

/** One item at a time on a lab (they share its hosts); the labs of different OSes work side by side. */
const turns = new Map<LabOs, LimitFunction>([...labs.keys()].map((os) => [os, pLimit(1)]));

// concurrent tests of one suite: each waits for its lab's turn
describe('corpus items', () => {
  it.concurrent.for(items)("$name ($os) gives ansible-playbook's exit code, recap and host state, first run and rerun", async ({ dir, os }, { expect }) => {
    const turn = turns.get(os);
    const info = infos.get(os);
    if (!info || !turn) throw new Error(`no ${os} lab`);
    await turn(() => compareItem(info, dir, expect));
  });
});

async function compareItem(info: LabInfo, dir: string, expect: ExpectStatic): Promise<void> {
  const playbook = join(dir, 'site.yml');
  for (const round of ['first run', 'rerun']) {
    // different hosts: the two tools side by side
    const [k, a] = await Promise.all([kplay('run', '--no-live', '-i', info.inventory, '-l', 'h1', playbook), ansiblePlaybook(['-i', info.inventory, '-l', 'h2', playbook])]);
    expect(a.code, `${round}, ansible-playbook:\n${a.stdout}`).toBe(0);
    expect(k.code, `${round}, kplay:\n${k.stdout}${k.stderr}`).toBe(a.code);
    expect(parseRecap(k.stdout).h1, `${round}:\n${k.stdout}\n${a.stdout}`).toEqual(parseRecap(a.stdout).h2);
    expect(await state(info, 'h1', dir), round).toBe(await state(info, 'h2', dir));
  }
}

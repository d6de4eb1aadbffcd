// The run corpus (test/corpus/runs/) before any host: every item ansible-playbook --syntax-check accepts,
// `kplay validate` accepts too (with an inventory of the item's OS family, as its lab runs it).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../lab/support/cli.js';
import { runTool } from './support/tool-run.js';

const CORPUS = join(ROOT, 'test', 'corpus', 'runs');
const KPLAY = join(ROOT, 'bin', 'kplay.js');
const items = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

it.each(items)('%s: ansible-playbook --syntax-check and kplay validate both accept it', async (name) => {
  const site = join(CORPUS, name, 'site.yml');
  const [a, k] = await Promise.all([
    runTool(['ansible-playbook', '--syntax-check', '-i', 'h1,', site]),
    runTool(['node', KPLAY, 'validate', '-i', 'h1,', site]),
  ]);
  expect(a.code, a.stdout + a.stderr).toBe(0);
  expect(k.code, k.stdout + k.stderr).toBe(0);
  expect(k.stdout).toContain('playbook OK');
});

// What `npm pack` ships: the built CLI and everything it loads at run time, and no tests (an `npm i -g` of the
// tarball must give a kplay that starts).
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

it('packs bin/, the build (bundle, precompiled validators, lab), the schema and README, and no test file', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const [pack] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  const files = (pack?.files ?? []).map((f) => f.path);
  for (const needed of ['bin/kplay.js', 'dist/bundle/main.js', 'dist/cli/main.js', 'dist/engine/validate/playbook-validators.cjs', 'dist/lab/index.js', 'schemas/playbook.schema.json', 'package.json']) {
    expect(files, needed).toContain(needed);
  }
  expect(files.filter((f) => f.startsWith('test/') || f.includes('.test.'))).toEqual([]);
});

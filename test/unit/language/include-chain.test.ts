// The include chain in messages (repeats folded, long chains cut in the middle) and the depth limit on static chains.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputErrors } from '../../../engine/core/errors.js';
import type { IncludeLink } from '../../../engine/playbook/context.js';
import { describeChain, MAX_INCLUDE_DEPTH } from '../../../engine/playbook/include-chain.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';

const link = (file: string, line: number, target: string): IncludeLink => ({
  action: 'include_tasks',
  target,
  at: { file, line, col: 3 },
  guarded: false,
  stops: false,
});

describe('describeChain', () => {
  it('shows each include with where it was named; the playbook itself has no line', () => {
    const root: IncludeLink = { action: 'playbook', target: 'p.yml', at: undefined, guarded: false, stops: false };
    expect(describeChain([root, link('p.yml', 4, 'a.yml'), link('a.yml', 2, 'b.yml')])).toBe('  p.yml:4:3: include_tasks a.yml\n  a.yml:2:3: include_tasks b.yml');
  });

  it('folds a cycle repeated many times into one copy and its count', () => {
    const cycle = [link('a.yml', 1, 'b.yml'), link('b.yml', 1, 'a.yml')];
    const chain = [link('p.yml', 4, 'a.yml'), ...Array.from({ length: 100 }, () => cycle).flat(), link('a.yml', 1, 'b.yml')];
    expect(describeChain(chain).split('\n')).toEqual([
      '  p.yml:4:3: include_tasks a.yml',
      '  a.yml:1:3: include_tasks b.yml',
      '  b.yml:1:3: include_tasks a.yml',
      '  ... (the 2 includes above, 100 times in all)',
      '  a.yml:1:3: include_tasks b.yml',
    ]);
  });

  it('cuts a long chain of different files in the middle', () => {
    const chain = Array.from({ length: 60 }, (_, i) => link(`f${i}.yml`, 1, `f${i + 1}.yml`));
    const lines = describeChain(chain).split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('  f0.yml:1:3: include_tasks f1.yml');
    expect(lines[5]).toBe('  ... (41 more)');
    expect(lines[19]).toBe('  f59.yml:1:3: include_tasks f60.yml');
  });
});

describe('a static chain deeper than the limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-include-chain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused where it passes the limit, without reading further', () => {
    const files = MAX_INCLUDE_DEPTH + 20;
    for (let i = 0; i < files; i++) writeFileSync(join(dir, `f${i}.yml`), `- import_tasks: f${i + 1}.yml\n`);
    writeFileSync(join(dir, `f${files}.yml`), '- debug: {msg: end}\n');
    writeFileSync(join(dir, 'play.yml'), '- hosts: all\n  tasks:\n    - include_tasks: f0.yml\n');
    let problems: InputErrors | undefined;
    try {
      loadPlaybookSync(join(dir, 'play.yml'));
    } catch (err) {
      if (err instanceof InputErrors) problems = err;
      else throw err;
    }
    expect(problems?.problems).toHaveLength(1);
    const p = problems?.problems[0];
    expect(p?.message).toContain(`import_tasks of f${MAX_INCLUDE_DEPTH}.yml: more than ${MAX_INCLUDE_DEPTH} nested includes and imports`);
    expect(p?.loc).toEqual({ file: join(dir, `f${MAX_INCLUDE_DEPTH - 1}.yml`), line: 1, col: 17 });
  });
});

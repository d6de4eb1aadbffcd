// Precompiled playbook validators: generated code is used only when made from the current schema.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileValidators, loadPrecompiled, standaloneValidatorsCode } from '../../../engine/validate/schema-validators.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-validators-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const generated = join(dir, 'playbook-validators.cjs');
writeFileSync(generated, standaloneValidatorsCode());

// valid and faulty values: the generated code must judge each exactly as ajv's compiled validator, errors included
const playbooks: unknown[] = [
  [{ hosts: 'all', tasks: [{ command: 'true' }, { file: { path: '/x', state: 'touch' } }] }],
  [{ hosts: 'all', become: 'maybe', tasks: [{ command: 'true', when: { a: 1 } }] }],
  [{ tasks: [] }],
  [{ hosts: 'web', roles: ['r'], pre_tasks: [{ block: [{ debug: { msg: 'x' } }], rescue: 'no' }] }],
  [{ import_playbook: 'other.yml' }, { hosts: 'all', gather_facts: 'sometimes' }],
  'not a list',
];
const taskFiles: unknown[] = [[{ name: 'a', command: 'true' }], [{ include_tasks: 3 }], [{ import_tasks: 'x.yml', loop_control: { bad: 1 } }], { a: 1 }];

const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors ?? null)) as unknown;

describe('precompiled playbook validators', () => {
  const compiled = compileValidators();
  const loaded = loadPrecompiled(generated);

  it('loads generated code made from this schema', () => {
    expect(loaded).toBeDefined();
  });

  it.each(playbooks.map((p) => [JSON.stringify(p).slice(0, 60), p]))('playbook %s: same verdict and errors', (_n, p) => {
    const want = compiled.playbook(p);
    expect(loaded?.playbook(p)).toBe(want);
    expect(strip(loaded?.playbook.errors)).toEqual(strip(compiled.playbook.errors));
  });

  it.each(taskFiles.map((t) => [JSON.stringify(t).slice(0, 60), t]))('task file %s: same verdict and errors', (_n, t) => {
    const want = compiled.taskFile(t);
    expect(loaded?.taskFile(t)).toBe(want);
    expect(strip(loaded?.taskFile.errors)).toEqual(strip(compiled.taskFile.errors));
  });

  it('ignores code generated from another schema', () => {
    const stale = join(dir, 'stale.cjs');
    writeFileSync(stale, standaloneValidatorsCode().replace(/exports\.schemaHash = "[0-9a-f]+"/, 'exports.schemaHash = "0"'));
    expect(loadPrecompiled(stale)).toBeUndefined();
    expect(loadPrecompiled(join(dir, 'absent.cjs'))).toBeUndefined();
  });
});

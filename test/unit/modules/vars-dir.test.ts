// include_vars dir: which files load and in which order, as data (Ansible 2.14's include_vars action), and where a
// relative directory is looked for.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS, selectVarsFiles, type VarsDirOptions } from '../../../modules/common/vars-dir.js';
import { resolveVarsDir } from '../../../engine/run/local-files.js';

// os.walk order is not sorted: the selection sorts directories by path and files by name itself
const WALK = [
  { path: '/v/sub', files: ['b.yml', 'a.yml'] },
  { path: '/v', files: ['20.json', '10.yml', 'notes.txt', '.hidden'] },
  { path: '/v/a-extra', files: ['x.yaml'] },
  { path: '/v/sub/deeper', files: ['d.yml'] },
];
const base: VarsDirOptions = { depth: 0, ignoreFiles: [], extensions: DEFAULT_EXTENSIONS, ignoreUnknownExtensions: true };

describe('selectVarsFiles', () => {
  const cases: { name: string; options: Partial<VarsDirOptions>; want: string[] | { error: string } }[] = [
    { name: 'all, directories by path (a-extra before sub), files by name', options: {}, want: ['/v/10.yml', '/v/20.json', '/v/a-extra/x.yaml', '/v/sub/a.yml', '/v/sub/b.yml', '/v/sub/deeper/d.yml'] },
    { name: 'depth 1: the directory itself', options: { depth: 1 }, want: ['/v/10.yml', '/v/20.json'] },
    { name: 'depth 2: the first subdirectory in sorted order, not every level-1 one', options: { depth: 2 }, want: ['/v/10.yml', '/v/20.json', '/v/a-extra/x.yaml'] },
    { name: 'files_matching is searched anywhere in the name', options: { filesMatching: '[ab]\\.yml' }, want: ['/v/sub/a.yml', '/v/sub/b.yml'] },
    { name: 'ignore_files match the end of the name ("0" leaves 10.yml in)', options: { ignoreFiles: ['a\\.yml', '0'] }, want: ['/v/10.yml', '/v/20.json', '/v/a-extra/x.yaml', '/v/sub/b.yml', '/v/sub/deeper/d.yml'] },
    { name: 'extensions', options: { extensions: ['json', 'yaml'] }, want: ['/v/20.json', '/v/a-extra/x.yaml'] },
    {
      name: 'another extension fails unless ignored (a leading dot is no extension)',
      options: { ignoreUnknownExtensions: false, depth: 1 },
      want: { error: '/v/.hidden does not have a valid extension: yaml, yml, json' },
    },
    { name: 'a bad regular expression fails', options: { ignoreFiles: ['('] }, want: { error: 'Invalid regular expression: (' } },
  ];
  it.each(cases)('$name', ({ options, want }) => {
    expect(selectVarsFiles(WALK, { ...base, ...options })).toEqual(Array.isArray(want) ? { files: want } : want);
  });
});

describe('resolveVarsDir', () => {
  const role = mkdtempSync(join(tmpdir(), 'kplay-role-'));
  mkdirSync(join(role, 'vars', 'site'), { recursive: true });
  afterAll(() => rmSync(role, { recursive: true, force: true }));

  it('outside a role: beside the task file; absolute stays', () => {
    expect(resolveVarsDir('vars/site', undefined, '/pb/tasks')).toBe('/pb/tasks/vars/site');
    expect(resolveVarsDir('/abs/dir', role, '/pb')).toBe('/abs/dir');
  });
  it('in a role: under its vars/, and vars/x as the role\'s own when it exists', () => {
    expect(resolveVarsDir('site', role, '/pb')).toBe(join(role, 'vars', 'site'));
    expect(resolveVarsDir('vars/site', role, '/pb')).toBe(join(role, 'vars', 'site'));
    expect(resolveVarsDir('vars/none', role, '/pb')).toBe(join(role, 'vars', 'vars', 'none'));
  });
});

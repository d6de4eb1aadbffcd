// A module kplay does not have is a warning at validate (the hosts where the task runs fail it); a slip stays an error.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWithWarnings } from './load-warnings.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/runner');
const CORPUS = join(import.meta.dirname, '../../corpus/playbooks');

const load = loadWithWarnings;

describe('modules kplay does not have', () => {
  it('pacman, zypper and pkgng under a when: warnings naming each, located, and the playbook loads', () => {
    const { warnings, errors } = load(join(FIXTURES, 'missing_modules.yml'));
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.message, w.loc?.line])).toEqual([
      ['kplay has no module "community.general.pacman": the hosts where this task runs will fail it', 10],
      ['kplay has no module "community.general.zypper": the hosts where this task runs will fail it', 19],
      ['kplay has no module "pkgng": the hosts where this task runs will fail it', 22],
      ['kplay has no module "community.general.pacman": the hosts where this task runs will fail it', 25],
    ]);
    expect(warnings[2]?.hint).toBe('did you mean "ping"?');
  });

  it('a module name one edit from a known module stays an error', () => {
    const { warnings, errors } = load(join(CORPUS, 'unknown-module.yml'));
    expect(warnings).toEqual([]);
    expect(errors.some((m) => m.startsWith('unknown module'))).toBe(true);
  });

  it('a short name Ansible resolves (make, snap, postgresql_user) is that module even near a keyword; a slip of a keyword stays an error', () => {
    const { warnings, errors } = load(join(FIXTURES, 'ansible_short_names.yml'));
    expect(warnings.map((w) => w.message)).toEqual([
      'kplay has no module "make": the hosts where this task runs will fail it',
      'kplay has no module "snap": the hosts where this task runs will fail it',
      'kplay has no module "postgresql_user": the hosts where this task runs will fail it',
    ]);
    expect(errors).toEqual(['unknown task keyword "wen"']);
  });
});

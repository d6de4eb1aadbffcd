// Arguments an Ansible action plugin takes without validating them (fetch ignores them; package hands them to the
// host's manager module) are warnings at validate, naming the argument, and the playbook loads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWithWarnings } from './load-warnings.js';

function load(text: string): ReturnType<typeof loadWithWarnings> {
  const file = join(mkdtempSync(join(tmpdir(), 'other-params-')), 'pb.yml');
  writeFileSync(file, text);
  return loadWithWarnings(file);
}

describe('arguments an action plugin does not validate', () => {
  it("fetch's mode: a warning that it is ignored, at its line", () => {
    const { warnings, errors } = load('- hosts: all\n  tasks:\n    - ansible.builtin.fetch:\n        src: /etc/hostname\n        dest: out/\n        flat: true\n        mode: "0644"\n');
    expect(errors).toEqual([]);
    expect(warnings.map((w) => [w.message, w.loc?.line])).toEqual([
      ['ansible.builtin.fetch: parameter "mode" is ignored: Ansible\'s fetch reads only src, dest, flat, fail_on_missing and validate_checksum', 7],
    ]);
  });

  it("package: autoremove alone is valid; zypper's oldpackage and apt's upgrade are warnings; a slip in a known name stays an error elsewhere", () => {
    const { warnings, errors } = load('- hosts: all\n  tasks:\n    - package: { autoremove: true }\n    - package: { name: foo, oldpackage: true }\n    - package: { name: foo, upgrade: dist }\n');
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual([
      'package: parameter "oldpackage" is taken by none of dnf, yum and apt (Ansible\'s package passes it to the host\'s manager module): a host with one of them fails this task, as in Ansible',
      'package: parameter "upgrade" is apt\'s, which kplay\'s package does not pass on: a host fails this task (use the apt module)',
    ]);
  });

  it('other modules still refuse an unknown parameter', () => {
    const { errors } = load('- hosts: all\n  tasks:\n    - copy: { src: a, dest: /b, flat: true }\n');
    expect(errors.some((m) => m.includes('copy: unknown parameter "flat"'))).toBe(true);
  });
});

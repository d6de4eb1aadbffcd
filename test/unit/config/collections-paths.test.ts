// Where collections are looked for, as ansible-core 2.14 reads COLLECTIONS_PATHS (both env names, both ini keys),
// and which of those roots a collection role or playbook comes from (engine/playbook/collection-roles.ts).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, settingValue } from '../../../engine/config/index.js';
import { collectionHasModule, collectionRoots, findCollectionPlaybook, findCollectionRole } from '../../../engine/playbook/collection-roles.js';

function place(cfg: string): { cwd: string; home: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'kplay-colls-'));
  const home = join(cwd, 'home');
  mkdirSync(home);
  writeFileSync(join(cwd, 'ansible.cfg'), cfg);
  return { cwd, home };
}

/** A role tasks/main.yml under root/ansible_collections/ns/coll/roles/role. */
function role(root: string, fqcn: string): string {
  const [ns = '', coll = '', name = ''] = fqcn.split('.');
  const dir = join(root, 'ansible_collections', ns, coll, 'roles', name);
  mkdirSync(join(dir, 'tasks'), { recursive: true });
  writeFileSync(join(dir, 'tasks', 'main.yml'), '- debug:\n');
  return dir;
}

describe('COLLECTIONS_PATHS', () => {
  it('defaults to ~/.ansible/collections and /usr/share/ansible/collections', () => {
    const { cwd, home } = place('[defaults]\n');
    expect(settingValue(resolveConfig({ env: {}, cwd, home }), 'COLLECTIONS_PATHS')).toEqual([join(home, '.ansible/collections'), '/usr/share/ansible/collections']);
  });

  it('reads collections_paths and collections_path in ansible.cfg (the later key wins), relative to the file', () => {
    const both = place('[defaults]\ncollections_path = here:/opt/c\ncollections_paths = /old\n');
    expect(settingValue(resolveConfig({ env: {}, ...both }), 'COLLECTIONS_PATHS')).toEqual([join(both.cwd, 'here'), '/opt/c']);
    const old = place('[defaults]\ncollections_paths = ~/c\n');
    expect(settingValue(resolveConfig({ env: {}, ...old }), 'COLLECTIONS_PATHS')).toEqual([join(old.home, 'c')]);
  });

  it('takes ANSIBLE_COLLECTIONS_PATH over ANSIBLE_COLLECTIONS_PATHS, and either over ansible.cfg', () => {
    const { cwd, home } = place('[defaults]\ncollections_path = /cfg\n');
    expect(settingValue(resolveConfig({ env: { ANSIBLE_COLLECTIONS_PATHS: '/a:/b' }, cwd, home }), 'COLLECTIONS_PATHS')).toEqual(['/a', '/b']);
    expect(settingValue(resolveConfig({ env: { ANSIBLE_COLLECTIONS_PATHS: '/a', ANSIBLE_COLLECTIONS_PATH: '/c' }, cwd, home }), 'COLLECTIONS_PATHS')).toEqual(['/c']);
  });
});

describe('collection roles', () => {
  const base = mkdtempSync(join(tmpdir(), 'kplay-collroles-'));
  const playDir = join(base, 'play');
  const beside = role(join(playDir, 'collections'), 'acme.web.nginx');
  role(join(playDir, 'collections'), 'acme.web.base');
  const elsewhere = join(base, 'elsewhere');
  role(elsewhere, 'acme.web.apache');
  const onlyThere = role(join(elsewhere), 'acme.db.postgres');
  const roots = collectionRoots(playDir, [elsewhere, join(base, 'named', 'ansible_collections')]);

  it('searches collections/ beside the playbook first, then each configured path (ansible_collections added once)', () => {
    expect(roots).toEqual([join(playDir, 'collections', 'ansible_collections'), join(elsewhere, 'ansible_collections'), join(base, 'named', 'ansible_collections')]);
  });

  it('finds a role by its full name in the first root that holds its collection, and only there', () => {
    expect(findCollectionRole('acme.web.nginx', playDir, undefined, [], roots)).toEqual({ dir: beside, fqcn: 'acme.web.nginx' });
    expect(findCollectionRole('acme.db.postgres', playDir, undefined, [], roots)).toEqual({ dir: onlyThere, fqcn: 'acme.db.postgres' });
    // acme.web is beside the playbook: its apache role in the later root is not Ansible's acme.web.apache
    expect(findCollectionRole('acme.web.apache', playDir, undefined, [], roots)).toBeUndefined();
  });

  it('finds a sibling by its short name only from a file of a collection role, and gives it its full name', () => {
    const near = join(beside, 'meta', 'main.yml');
    expect(findCollectionRole('base', playDir, near, [], roots)).toEqual({ dir: join(playDir, 'collections/ansible_collections/acme/web/roles/base'), fqcn: 'acme.web.base' });
    expect(findCollectionRole('base', playDir, join(playDir, 'site.yml'), [], roots)).toBeUndefined();
    expect(findCollectionRole('nope', playDir, near, [], roots)).toBeUndefined();
    // two parts is a legacy role name (geerlingguy.java), never a collection's
    expect(findCollectionRole('web.base', playDir, undefined, [], roots)).toBeUndefined();
  });

  it("finds a short name in the play's collections, the first that has it, as Ansible's collection list", () => {
    expect(findCollectionRole('postgres', playDir, undefined, ['acme.web', 'acme.db'], roots)).toEqual({ dir: onlyThere, fqcn: 'acme.db.postgres' });
    expect(findCollectionRole('nginx', playDir, undefined, ['acme.db', 'acme.web'], roots)).toEqual({ dir: beside, fqcn: 'acme.web.nginx' });
    expect(findCollectionRole('nginx', playDir, undefined, ['acme.db'], roots)).toBeUndefined();
    // names that are no collection, or no role identifier, are not looked for
    expect(findCollectionRole('nginx', playDir, undefined, ['acme'], roots)).toBeUndefined();
    expect(findCollectionRole('ng-inx', playDir, undefined, ['acme.web'], roots)).toBeUndefined();
  });

  it("knows a collection's own module by its short name: from a file of its role, or in the play's collections", () => {
    const modules = join(playDir, 'collections/ansible_collections/acme/web/plugins/modules');
    mkdirSync(modules, { recursive: true });
    writeFileSync(join(modules, 'cran.py'), '#!/usr/bin/python\n');
    const near = join(beside, 'tasks', 'main.yml');
    expect(collectionHasModule('cran', playDir, near, [], roots)).toBe(true);
    expect(collectionHasModule('cran', playDir, join(playDir, 'site.yml'), ['acme.web'], roots)).toBe(true);
    expect(collectionHasModule('cran', playDir, join(playDir, 'site.yml'), [], roots)).toBe(false);
    expect(collectionHasModule('cron', playDir, near, ['acme.web'], roots)).toBe(false);
  });
});

describe('collection playbooks', () => {
  const base = mkdtempSync(join(tmpdir(), 'kplay-collpbs-'));
  const playDir = join(base, 'play');
  const pbs = join(playDir, 'collections', 'ansible_collections', 'acme', 'ops', 'playbooks');
  mkdirSync(join(pbs, 'maint'), { recursive: true });
  for (const f of ['site.yml', 'other.yaml', 'maint/clean.yml', 'yml']) writeFileSync(join(pbs, f), '- hosts: all\n');
  const roots = collectionRoots(playDir, []);

  it("reads a full name as Ansible's _get_collection_playbook_path: a dotted subdirectory, .yml or .yaml added or written", () => {
    expect(findCollectionPlaybook('acme.ops.site', playDir, roots)).toBe(join(pbs, 'site.yml'));
    expect(findCollectionPlaybook('acme.ops.other', playDir, roots)).toBe(join(pbs, 'other.yaml'));
    expect(findCollectionPlaybook('acme.ops.maint.clean.yml', playDir, roots)).toBe(join(pbs, 'maint', 'clean.yml'));
    expect(findCollectionPlaybook('acme.ops.site.yaml', playDir, roots)).toBeUndefined();
    // ns.coll.yml is no full name (the extension leaves two parts): a path
    expect(findCollectionPlaybook('acme.ops.yml', playDir, roots)).toBeUndefined();
    expect(findCollectionPlaybook('acme.nope.site', playDir, roots)).toBeUndefined();
  });

  it("gives the plays of a collection's playbook the root that holds that collection", () => {
    expect(collectionRoots(join(pbs, 'maint'), ['/configured'])).toEqual([join(pbs, 'maint', 'collections', 'ansible_collections'), join(playDir, 'collections', 'ansible_collections'), '/configured/ansible_collections']);
  });
});

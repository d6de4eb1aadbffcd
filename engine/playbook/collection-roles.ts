// Roles that live in collections (`devsec.hardening.os_hardening`), found as ansible-core 2.14 finds them: each
// collection root holds ansible_collections/NAMESPACE/NAME/roles/ROLE; the roots are the playbook's collections/
// directory, then COLLECTIONS_PATHS (ANSIBLE_COLLECTIONS_PATH(S), collections_path(s) in ansible.cfg, by default
// ~/.ansible/collections and /usr/share/ansible/collections). The first root that holds the collection is the
// collection: a role missing there is not looked for in the next root. Inside a collection's role, a role named
// without its collection (a meta dependency, an import_role) is looked for in that collection first.
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { statSync } from 'node:fs';
import { resolveConfig, settingValue } from '../config/index.js';

/** namespace.collection.role, each part a Python identifier (AnsibleCollectionRef.is_valid_fqcr for roles). */
const FQCN = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/;

/** A file inside a collection's role: the collection's directory, its namespace and name. */
const IN_COLLECTION = /^(.*\/ansible_collections\/([^/]+)\/([^/]+))\/roles\/[^/]+\//;

export interface CollectionRole {
  readonly dir: string;
  /** the role's full name (namespace.collection.role), as Ansible names the role in task headers */
  readonly fqcn: string;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let configuredRoots: readonly string[] | undefined;

/** COLLECTIONS_PATHS as the environment and ansible.cfg set it (read once, as the CLI reads its settings once). */
function configuredCollectionPaths(): readonly string[] {
  if (configuredRoots === undefined) {
    const config = resolveConfig({ env: process.env, cwd: process.cwd(), home: homedir() });
    const value = settingValue(config, 'COLLECTIONS_PATHS');
    configuredRoots = Array.isArray(value) ? value : [];
  }
  return configuredRoots;
}

/** The ansible_collections directories searched, in order: a path not ending in ansible_collections gets it added. */
export function collectionRoots(playDir: string, configured: readonly string[] = configuredCollectionPaths()): string[] {
  return [join(playDir, 'collections'), ...configured].map((p) => (basename(p) === 'ansible_collections' ? p : join(p, 'ansible_collections')));
}

/** The directory of the collection namespace.name: in the first root that holds it. */
function collectionDir(namespace: string, name: string, roots: readonly string[]): string | undefined {
  return roots.map((root) => join(root, namespace, name)).find(isDir);
}

/**
 * The collection role `name` names: a full name (namespace.collection.role), or, written in a file of a
 * collection's role (`near`), a role of that same collection. Undefined when it is not one: the caller looks for a
 * role of that name in the roles paths then, as Ansible does.
 */
export function findCollectionRole(name: string, playDir: string, near?: string, roots: readonly string[] = collectionRoots(playDir)): CollectionRole | undefined {
  const full = FQCN.exec(name);
  if (full) {
    const [, namespace = '', collection = '', role = ''] = full;
    const dir = collectionDir(namespace, collection, roots);
    const roleDir = dir === undefined ? undefined : join(dir, 'roles', role);
    return roleDir !== undefined && isDir(roleDir) ? { dir: roleDir, fqcn: name } : undefined;
  }
  const own = near === undefined ? null : IN_COLLECTION.exec(near);
  if (!own || name.includes('/')) return undefined;
  const [, dir = '', namespace = '', collection = ''] = own;
  const roleDir = join(dir, 'roles', name);
  return isDir(roleDir) ? { dir: roleDir, fqcn: `${namespace}.${collection}.${name}` } : undefined;
}

/** Where a collection role was looked for, for a "not found" hint. */
export function collectionSearchHint(name: string, playDir: string, roots: readonly string[] = collectionRoots(playDir)): string | undefined {
  const full = FQCN.exec(name);
  if (!full) return undefined;
  const [, namespace = '', collection = ''] = full;
  const dir = collectionDir(namespace, collection, roots);
  return dir === undefined
    ? `no collection ${namespace}.${collection} in ${roots.join(', ')}`
    : `the collection ${namespace}.${collection} (${dir}) has no role ${full[3] ?? ''}`;
}

// Roles that live in collections (`devsec.hardening.os_hardening`), found as ansible-core 2.14 finds them: each
// collection root holds ansible_collections/NAMESPACE/NAME/roles/ROLE; the roots are the playbook's collections/
// directory, then COLLECTIONS_PATHS (ANSIBLE_COLLECTIONS_PATH(S), collections_path(s) in ansible.cfg, by default
// ~/.ansible/collections and /usr/share/ansible/collections). The first root that holds the collection is the
// collection: a role missing there is not looked for in the next root. Inside a collection's role, a role named
// without its collection (a meta dependency, an import_role) is looked for in that collection first; so it is in a
// collection's playbook (`import_playbook: ns.coll.name`, ansible-core's _get_collection_playbook_path), whose plays
// get their collection as default (AnsibleCollectionConfig.default_collection).
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolveConfig, settingValue } from '../config/index.js';

/** namespace.collection.role, each part a Python identifier (AnsibleCollectionRef.is_valid_fqcr for roles). */
const FQCN = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/;

/** A file inside a collection's role or playbooks/: the collection's directory, its namespace and name. */
const IN_COLLECTION = /^(.*\/ansible_collections\/([^/]+)\/([^/]+))\/(?:roles\/[^/]+|playbooks)\//;

/** The directory of a collection's playbook (…/ansible_collections/NS/NAME/playbooks[/SUB]): the root holding it. */
const IN_PLAYBOOKS = /^(.*\/ansible_collections)\/[^/]+\/[^/]+\/playbooks(?:\/|$)/;

const PLAYBOOK_EXTENSIONS = ['.yml', '.yaml'];

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

/**
 * The ansible_collections directories searched, in order: a path not ending in ansible_collections gets it added.
 * Ansible searches the collections/ beside the playbook run for the whole run; the plays of a collection's playbook
 * (their directory is the collection's playbooks/) get the root that holds that collection in its place.
 */
export function collectionRoots(playDir: string, configured: readonly string[] = configuredCollectionPaths()): string[] {
  const holding = IN_PLAYBOOKS.exec(playDir)?.[1];
  const roots = [join(playDir, 'collections'), ...(holding === undefined ? [] : [holding]), ...configured];
  return [...new Set(roots.map((p) => (basename(p) === 'ansible_collections' ? p : join(p, 'ansible_collections'))))];
}

/** The directory of the collection namespace.name: in the first root that holds it. */
function collectionDir(namespace: string, name: string, roots: readonly string[]): string | undefined {
  return roots.map((root) => join(root, namespace, name)).find(isDir);
}

/** A Python identifier: a part of a collection's name, a role's or a module's name in it. */
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** The directory of a collection named as a play's `collections:` names it (namespace.name), if it is one and found. */
function namedCollectionDir(collection: string, roots: readonly string[]): string | undefined {
  const [namespace = '', name = '', ...rest] = collection.split('.');
  return rest.length === 0 && IDENTIFIER.test(namespace) && IDENTIFIER.test(name) ? collectionDir(namespace, name, roots) : undefined;
}

/**
 * The collection role `name` names: a full name (namespace.collection.role), or, written in a file of a
 * collection's role (`near`), a role of that same collection, or a role of the first of the play's `collections`
 * that has one of that name (Ansible's _get_collection_role_path over the collection list). Undefined when it is
 * none of these: the caller looks for a role of that name in the roles paths then, as Ansible does.
 */
export function findCollectionRole(name: string, playDir: string, near?: string, collections: readonly string[] = [], roots: readonly string[] = collectionRoots(playDir)): CollectionRole | undefined {
  const full = FQCN.exec(name);
  if (full) {
    const [, namespace = '', collection = '', role = ''] = full;
    const dir = collectionDir(namespace, collection, roots);
    const roleDir = dir === undefined ? undefined : join(dir, 'roles', role);
    return roleDir !== undefined && isDir(roleDir) ? { dir: roleDir, fqcn: name } : undefined;
  }
  if (name.includes('/')) return undefined;
  const own = near === undefined ? null : IN_COLLECTION.exec(near);
  if (own) {
    const [, dir = '', namespace = '', collection = ''] = own;
    const roleDir = join(dir, 'roles', name);
    if (isDir(roleDir)) return { dir: roleDir, fqcn: `${namespace}.${collection}.${name}` };
  }
  if (!IDENTIFIER.test(name)) return undefined;
  for (const c of collections) {
    const dir = namedCollectionDir(c, roots);
    const roleDir = dir === undefined ? undefined : join(dir, 'roles', name);
    if (roleDir !== undefined && isDir(roleDir)) return { dir: roleDir, fqcn: `${c}.${name}` };
  }
  return undefined;
}

/**
 * Whether a module named by its short name is one of a collection's own (plugins/modules/NAME.py): the collection of
 * the collection role whose file names it (`near`), or one of the play's `collections`. Such a name is a module kplay
 * does not have, not a slip of one it has.
 */
export function collectionHasModule(name: string, playDir: string, near: string | undefined, collections: readonly string[], roots: readonly string[] = collectionRoots(playDir)): boolean {
  if (!IDENTIFIER.test(name)) return false;
  const own = near === undefined ? null : IN_COLLECTION.exec(near);
  const dirs = [own?.[1], ...collections.map((c) => namedCollectionDir(c, roots))];
  return dirs.some((d) => d !== undefined && existsSync(join(d, 'plugins', 'modules', `${name}.py`)));
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

/** namespace, collection, the playbooks/ directory's subdirectories, the name: undefined when `name` is no full name. */
function playbookRef(name: string): { namespace: string; collection: string; subdirs: string[]; resource: string } | undefined {
  // as AnsibleCollectionRef.from_fqcr: word characters in three parts or more, a .yml or .yaml kept with the name
  if (!/^\w+(\.\w+){2,}$/.test(name)) return undefined;
  const ext = PLAYBOOK_EXTENSIONS.find((e) => name.endsWith(e)) ?? '';
  const [namespace = '', collection = '', ...rest] = name.slice(0, name.length - ext.length).split('.');
  const resource = rest.pop();
  const identifier = /^[A-Za-z_]\w*$/;
  if (resource === undefined || !identifier.test(namespace) || !identifier.test(collection)) return undefined;
  return { namespace, collection, subdirs: rest, resource: resource + ext };
}

/**
 * The playbook file of a collection that `name` names (namespace.collection[.subdir...].name, as ansible-core's
 * _get_collection_playbook_path reads it): playbooks/[subdir/...]name, else name.yml or name.yaml when name has no
 * such extension, in the first root that holds the collection. Undefined when it names none: Ansible reads it as a
 * path then.
 */
export function findCollectionPlaybook(name: string, playDir: string, roots: readonly string[] = collectionRoots(playDir)): string | undefined {
  const ref = playbookRef(name);
  if (ref === undefined) return undefined;
  const dir = collectionDir(ref.namespace, ref.collection, roots);
  if (dir === undefined) return undefined;
  const base = join(dir, 'playbooks', ...ref.subdirs, ref.resource);
  const extensions = PLAYBOOK_EXTENSIONS.some((e) => ref.resource.endsWith(e)) ? [''] : ['', ...PLAYBOOK_EXTENSIONS];
  return extensions.map((e) => base + e).find((p) => existsSync(p));
}

/** The playbooks of a collection (subdir.name for those in subdirectories, a few levels down), without their extensions. */
function playbooksIn(dir: string, prefix = '', depth = 0): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (isDir(join(dir, e))) return depth < 3 ? playbooksIn(join(dir, e), `${prefix}${e}.`, depth + 1) : [];
    const ext = PLAYBOOK_EXTENSIONS.find((x) => e.endsWith(x));
    return ext === undefined ? [] : [`${prefix}${e.slice(0, -ext.length)}`];
  });
}

/**
 * Where a collection playbook was looked for, for a "not found" message: undefined when `name` is no full name. The
 * collection's playbooks are given as `known` for a did-you-mean.
 */
export function collectionPlaybookSearch(name: string, playDir: string, roots: readonly string[] = collectionRoots(playDir)): { where: string; known: string[] } | undefined {
  const ref = playbookRef(name);
  if (ref === undefined) return undefined;
  const fqcn = `${ref.namespace}.${ref.collection}`;
  const dir = collectionDir(ref.namespace, ref.collection, roots);
  if (dir === undefined) return { where: `no collection ${fqcn} in ${roots.join(', ')}`, known: [] };
  const known = playbooksIn(join(dir, 'playbooks')).map((p) => `${fqcn}.${p}`);
  return { where: `the collection ${fqcn} (${dir}) has no playbook ${[...ref.subdirs, ref.resource].join('/')} in playbooks/`, known };
}

// The lookup plugins kplay has (Ansible's names), how a written name maps to one, and what to say of the others.
// Pure data: `kplay validate` reads it, and the runner's plugin table is typed over it, so a name without a plugin
// does not compile.
import { closest } from '../core/suggest.js';

export const LOOKUP_NAMES = [
  'items',
  'list',
  'dict',
  'indexed_items',
  'together',
  'nested',
  'cartesian',
  'subelements',
  'sequence',
  'random_choice',
  'flattened',
  'first_found',
  'fileglob',
  'file',
  'template',
  'unvault',
  'lines',
  'pipe',
  'env',
  'vars',
  'varnames',
  'inventory_hostnames',
  'password',
  'ini',
  'csvfile',
  'url',
  'filetree',
  'community.general.merge_variables',
] as const;

export type LookupName = (typeof LOOKUP_NAMES)[number];

/** Ansible's own lookups that kplay lacks: named as such, not as typos. */
const ANSIBLE_ONLY = new Set(['config']);

const KNOWN: ReadonlySet<string> = new Set(LOOKUP_NAMES);

/**
 * `ansible.builtin.env`, `ansible.legacy.env` and `env` are one plugin; community.general's cartesian, flattened and
 * filetree too (ansible-core routes the short filetree to it); merge_variables has only its collection name.
 */
export function lookupName(written: string): LookupName | undefined {
  const short = written.replace(/^ansible\.(?:builtin|legacy)\./, '').replace(/^community\.general\.(?=(?:cartesian|flattened|filetree)$)/, '');
  return KNOWN.has(short) ? (short as LookupName) : undefined;
}

/** The lookup kplay has nearest to a name it does not have (a likely typo), if any. */
export function nearestLookup(written: string): string | undefined {
  const short = written.replace(/^ansible\.(?:builtin|legacy)\./, '');
  return ANSIBLE_ONLY.has(short) ? undefined : closest(short, LOOKUP_NAMES);
}

/** Why a written lookup name is not one kplay can run (undefined: it is one). */
export function unknownLookup(written: string): string | undefined {
  if (lookupName(written) !== undefined) return undefined;
  const short = written.replace(/^ansible\.(?:builtin|legacy)\./, '');
  if (ANSIBLE_ONLY.has(short)) return `kplay has no lookup plugin '${short}' (Ansible's ${short} lookup is not supported)`;
  const near = nearestLookup(written);
  return `no lookup plugin named '${written}'${near !== undefined ? ` (did you mean '${near}'?)` : ''}`;
}

/** `with_dict` -> dict: the lookup a loop keyword names, or undefined when it is not a with_ keyword. */
export function withLookupOf(key: string): string | undefined {
  return key.startsWith('with_') && key.length > 5 ? key.slice(5) : undefined;
}

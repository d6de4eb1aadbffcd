// How Ansible's lookups read their options and files: a config boolean (boolean(v, strict=False), as set_options applies
// `type: boolean`), parse_kv's split of an inline `key k=v` term, and a file found in the search path or refused.
import { splitWords } from '../playbook/free-form.js';
import { pyStr } from '../template/values.js';
import { LookupFailure, type LookupContext } from './lookup-plugin.js';
import { findInSearchPath } from './search-path.js';

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't', '1.0']);

/** Ansible's boolean(value, strict=False): True for its true words (and 1), False for anything else. */
export function optionBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1;
  return typeof v === 'string' && TRUE.has(v.trim().toLowerCase());
}

/** parse_kv(term): the k=v words (unquoted) and the other words joined with a blank as `raw` (undefined: none). */
export function parseKv(term: string, plugin: string): { raw: string | undefined; options: Map<string, string> } {
  const split = splitWords(term);
  if ('error' in split) throw new LookupFailure(`${plugin}: could not parse the term ${JSON.stringify(term)}: ${split.error}`);
  const options = new Map<string, string>();
  const raw: string[] = [];
  for (const w of split.words) {
    if (w.key !== undefined) options.set(w.key, w.value ?? '');
    else raw.push(w.raw);
  }
  return { raw: raw.length > 0 ? raw.join(' ') : undefined, options };
}

/**
 * find_file_in_search_path(variables, 'files', name): the path, or undefined (Ansible then warns "Unable to find
 * ... in expected paths" and the plugin fails on opening None).
 */
export function lookupFile(ctx: LookupContext, name: unknown): string | undefined {
  return findInSearchPath(ctx.place, 'files', pyStr(name));
}

/** The file's bytes as text in the named encoding (undecodable bytes replaced, as surrogateescape keeps them going). */
export function decodeText(bytes: Uint8Array, encoding: string, plugin: string): string {
  try {
    return new TextDecoder(encoding.replace(/_/g, '-'), { ignoreBOM: true }).decode(bytes);
  } catch {
    throw new LookupFailure(`${plugin}: unknown encoding: ${encoding}`);
  }
}

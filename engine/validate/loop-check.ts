// A with_X loop whose terms hold no template is computed before the run: a lookup that would refuse them (a list for
// with_dict, `start=x` for with_sequence, one term for with_subelements) is reported, located, by `kplay validate`.
import { looksLikeTemplate } from '../core/unsafe.js';
import { isDict } from '../template/values.js';
import { lookupName } from '../template/lookup-names.js';
import { LIST_LOOKUPS } from '../run/lookup-lists.js';
import { sequence } from '../run/lookup-sequence.js';
import { LookupFailure, type LookupPlugin, type Terms } from '../run/lookup-plugin.js';
import { NO_VAULT } from '../vault/keyring.js';

/** The lookups that only reshape their terms (no files, variables or commands): safe to run while validating. */
const PURE: Readonly<Record<string, LookupPlugin>> = { ...LIST_LOOKUPS, sequence };

function hasTemplate(v: unknown): boolean {
  if (typeof v === 'string') return looksLikeTemplate(v);
  if (Array.isArray(v)) return v.some(hasTemplate);
  return isDict(v) && Object.entries(v).some(([k, x]) => looksLikeTemplate(k) || hasTemplate(x));
}

/** Why lookup `written` refuses these literal terms, or undefined (fine, or only known at run time). */
export function literalLoopProblem(written: string, value: unknown): string | undefined {
  const name = lookupName(written);
  const plugin = name === undefined || name === 'random_choice' ? undefined : PURE[name];
  if (plugin === undefined || value === undefined || hasTemplate(value)) return undefined;
  const terms: Terms = Array.isArray(value) ? (value as unknown[]) : isDict(value) ? value : [typeof value === 'string' ? value.trim() : value];
  try {
    plugin(terms, {}, { vars: {}, place: { paths: [], playbookDir: '.', keyring: NO_VAULT }, subdir: 'files', where: { loc: { file: '', line: 0, col: 0 } }, render: (v) => v });
    return undefined;
  } catch (err) {
    return err instanceof LookupFailure ? err.message : undefined;
  }
}

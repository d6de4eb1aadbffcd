// Which keys a play, task, block or include may have (from the JSON Schema), and Ansible's keywords kplay lacks.
import { LOOKUP_NAMES, lookupName, nearestLookup, unknownLookup, withLookupOf } from '../template/lookup-names.js';
import { blockSchema, importRoleSchema, importSchema, includeRoleSchema, includeSchema, loopControlSchema, playSchema, taskKeywordsSchema, varsPromptSchema } from '../validate/playbook-schema.js';

const keysOf = (s: { properties: object }): ReadonlySet<string> => new Set(Object.keys(s.properties));

export const TASK_KEYWORDS = keysOf(taskKeywordsSchema);
export const BLOCK_KEYWORDS = keysOf(blockSchema);
export const INCLUDE_KEYWORDS = keysOf(includeSchema);
export const IMPORT_KEYWORDS = keysOf(importSchema);
export const INCLUDE_ROLE_KEYWORDS = keysOf(includeRoleSchema);
export const IMPORT_ROLE_KEYWORDS = keysOf(importRoleSchema);
export const PLAY_KEYWORDS = keysOf(playSchema);
export const LOOP_CONTROL_KEYWORDS = keysOf(loopControlSchema);
export const VARS_PROMPT_KEYWORDS = keysOf(varsPromptSchema);

/** Ansible task keywords kplay does not implement: named as such instead of "unknown". */
export const UNSUPPORTED_TASK_KEYWORDS: ReadonlySet<string> = new Set([
  'debugger',
  'module_defaults',
  'collections',
  'become_exe',
  'become_flags',
]);

/** Ansible play keywords kplay does not implement. */
export const UNSUPPORTED_PLAY_KEYWORDS: ReadonlySet<string> = new Set([
  'module_defaults',
  'debugger',
  'become_exe',
  'become_flags',
]);

/** loop, and with_<lookup> for each lookup plugin kplay has (Ansible's loop_with). */
export const LOOP_KEYWORDS: readonly string[] = ['loop', ...LOOKUP_NAMES.map((n) => `with_${n}`)];

/** Whether a key is a loop keyword: loop, or with_X of a lookup kplay has (ansible.builtin.X too). */
export function isLoopKeyword(key: string): boolean {
  if (key === 'loop') return true;
  const name = withLookupOf(key);
  return name !== undefined && lookupName(name) !== undefined;
}

/** A with_X key whose X is no lookup kplay has: the problem to report (undefined for any other key). */
export function unknownLoop(key: string): { message: string; hint: string | undefined } | undefined {
  const name = withLookupOf(key);
  if (name === undefined || lookupName(name) !== undefined) return undefined;
  const near = nearestLookup(name);
  const why = (unknownLookup(name) ?? '').replace(/ \(did you mean '[^']*'\?\)$/, '');
  return { message: `unknown loop "${key}": ${why}`, hint: near !== undefined ? `did you mean "with_${near}"?` : `kplay's with_ loops: ${LOOKUP_NAMES.map((n) => `with_${n}`).join(', ')}; or loop: over a list` };
}

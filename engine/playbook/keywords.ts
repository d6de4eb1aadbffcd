// Which keys a play, task, block or include may have (from the JSON Schema), and Ansible's keywords kplay lacks.
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
  'include',
]);

/** Ansible play keywords kplay does not implement. */
export const UNSUPPORTED_PLAY_KEYWORDS: ReadonlySet<string> = new Set([
  'gather_subset',
  'gather_timeout',
  'fact_path',
  'module_defaults',
  'debugger',
  'run_once',
  'become_exe',
  'become_flags',
  'timeout',
]);

/** with_<lookup> loops kplay has: the rest need lookup plugins it does not have. */
export const LOOP_KEYWORDS: readonly string[] = ['loop', 'with_items', 'with_list'];

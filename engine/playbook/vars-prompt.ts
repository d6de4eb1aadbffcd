// A play's `vars_prompt:` list -> the questions the runner asks when the play starts (the schema checked the shapes).
import { didYouMean } from '../core/suggest.js';
import { keyLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import { VARS_PROMPT_KEYWORDS } from './keywords.js';
import type { VarPrompt } from './model.js';
import { asBool, asString, isMapping, locOrFile, type Raw } from './read.js';

/** Ansible hashes the answer with these (passlib); kplay has no hashing, so they are refused before the run. */
const HASHING = ['encrypt', 'salt', 'salt_size'] as const;

export function parseVarsPrompt(raw: Raw, file: string, ctx: LoadCtx): VarPrompt[] {
  const list = raw.vars_prompt;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): VarPrompt[] => {
    if (!isMapping(entry)) return [];
    for (const k of Object.keys(entry).filter((key) => !VARS_PROMPT_KEYWORDS.has(key))) {
      ctx.problems.add(`unknown key "${k}" in vars_prompt`, keyLoc(entry, k), didYouMean(k, [...VARS_PROMPT_KEYWORDS]));
    }
    for (const k of HASHING) {
      if (k in entry) {
        ctx.problems.add(`vars_prompt: "${k}" is not supported by kplay (it does not hash answers)`, keyLoc(entry, k), 'remove encrypt/salt/salt_size, and hash the value where it is used');
      }
    }
    const name = asString(entry.name);
    if (name === undefined) return [];
    return [
      {
        name,
        prompt: asString(entry.prompt),
        default: entry.default ?? undefined,
        private: asBool(entry.private) ?? true,
        confirm: asBool(entry.confirm) ?? false,
        unsafe: asBool(entry.unsafe) ?? false,
        loc: locOrFile(entry, file),
      },
    ];
  });
}

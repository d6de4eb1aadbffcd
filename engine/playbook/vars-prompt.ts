// A play's `vars_prompt:` list -> the questions the runner asks when the play starts (the schema checked the shapes).
import { didYouMean } from '../core/suggest.js';
import { CRYPT_SCHEMES } from '../template/sha-crypt.js';
import { keyLoc } from '../yaml/positions.js';
import type { LoadCtx } from './context.js';
import { VARS_PROMPT_KEYWORDS } from './keywords.js';
import type { VarPrompt } from './model.js';
import { asBool, asInt, asString, isMapping, locOrFile, type Raw } from './read.js';


export function parseVarsPrompt(raw: Raw, file: string, ctx: LoadCtx): VarPrompt[] {
  const list = raw.vars_prompt;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry): VarPrompt[] => {
    if (!isMapping(entry)) return [];
    for (const k of Object.keys(entry).filter((key) => !VARS_PROMPT_KEYWORDS.has(key))) {
      ctx.problems.add(`unknown key "${k}" in vars_prompt`, keyLoc(entry, k), didYouMean(k, [...VARS_PROMPT_KEYWORDS]));
    }
    const scheme = asString(entry.encrypt);
    if (scheme !== undefined && !CRYPT_SCHEMES.includes(scheme)) {
      ctx.problems.add(`vars_prompt: kplay hashes answers with md5_crypt, sha256_crypt or sha512_crypt, not "${scheme}"`, keyLoc(entry, 'encrypt'), didYouMean(scheme, [...CRYPT_SCHEMES]));
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
        encrypt: scheme === undefined ? undefined : { scheme, salt: asString(entry.salt), saltSize: asInt(entry.salt_size) },
        loc: locOrFile(entry, file),
      },
    ];
  });
}

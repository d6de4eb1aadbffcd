// `-e` values as ansible-playbook reads them: KEY=VALUE words, a JSON/YAML mapping, or @file (YAML or JSON).
import { dict } from '../core/dict.js';
import { InputError, InputErrors } from '../core/errors.js';
import { readInputText } from '../core/input-file.js';
import type { Vars } from '../playbook/model.js';
import { splitWords } from '../playbook/free-form.js';
import { decryptFileText } from '../vault/vault-file.js';
import { parseYaml } from '../yaml/load.js';
import { NO_VAULT, type Keyring } from '../vault/keyring.js';

function mapping(data: unknown, arg: string): Vars {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError(`-e ${arg}: extra vars must be a mapping of names to values, got ${Array.isArray(data) ? 'a list' : typeof data}`);
  }
  return data as Vars;
}

function yamlValue(text: string, file: string, arg: string, keyring: Keyring = NO_VAULT): unknown {
  try {
    return parseYaml(text, file, keyring).value;
  } catch (err) {
    const first = err instanceof InputErrors ? err.problems[0] : undefined;
    // a file's problem keeps its place in the file; an inline value's has no file to point at
    if (first && first.loc?.file === file && file !== '<-e>') throw new InputError(`-e ${arg}: ${first.message}`, { loc: first.loc, hint: first.hint });
    if (first) throw new InputError(`-e ${arg}: ${first.describe()}`);
    throw err;
  }
}

/** KEY=VALUE words (Ansible's parse_kv): quotes group words and are removed; every value is a string. */
function keyValues(text: string, arg: string): Vars {
  const split = splitWords(text);
  if ('error' in split) throw new InputError(`-e ${arg}: ${split.error} (at character ${split.index + 1})`);
  const vars: Vars = dict();
  const raw: string[] = [];
  for (const w of split.words) {
    if (w.key !== undefined) vars[w.key] = w.value ?? '';
    else raw.push(w.raw);
  }
  if (raw.length > 0) throw new InputError(`-e ${arg}: ${JSON.stringify(raw[0])} is not KEY=VALUE`, { hint: 'write -e name=value, -e \'{"name": "value"}\' or -e @file.yml' });
  return vars;
}

/** One -e argument as a mapping. */
export function parseExtraVar(arg: string, keyring: Keyring = NO_VAULT): Vars {
  if (arg === '') return dict();
  if (arg.startsWith('@')) {
    const path = arg.slice(1);
    let text: string;
    try {
      text = readInputText(path);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`-e ${arg}: ${err.message}`, { loc: err.loc, hint: err.hint });
      throw err;
    }
    // a vault-encrypted file is decrypted, as ansible-playbook's load_extra_vars does
    return mapping(yamlValue(decryptFileText(text, path, keyring), path, arg, keyring), arg);
  }
  if (arg.startsWith('/') || arg.startsWith('.')) {
    throw new InputError(`-e ${arg}: looks like a file name`, { hint: `prepend it with @: -e @${arg}` });
  }
  if (arg.startsWith('{') || arg.startsWith('[')) return mapping(yamlValue(arg, '<-e>', arg), arg);
  return keyValues(arg, arg);
}

/** Every -e in order; later ones win per top-level name, as in Ansible. */
export function parseExtraVars(args: readonly string[], keyring: Keyring = NO_VAULT): Vars {
  const vars: Vars = dict();
  for (const arg of args) Object.assign(vars, parseExtraVar(arg, keyring));
  return vars;
}

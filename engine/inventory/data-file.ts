// Ansible's DataLoader.load_from_file for inventory data: JSON when it parses as JSON, else YAML (1.1 rules).
import { InputErrors } from '../core/errors.js';
import { readInputText } from '../core/input-file.js';
import { decryptFileText } from '../vault/vault-file.js';
import { parseYaml } from '../yaml/load.js';
import type { Keyring } from '../vault/keyring.js';

/** An inventory or group_vars/host_vars file's text; decrypted when it is a vault (Ansible's loader decrypts both). */
export function readText(path: string, keyring: Keyring): string {
  return decryptFileText(readInputText(path), path, keyring);
}

/** The value in a JSON or YAML text; a YAML syntax error throws an InputError at its position. */
export function loadData(text: string, file: string, keyring: Keyring): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // not JSON: YAML flow style, read below
    }
  }
  try {
    return parseYaml(text, file, keyring).value;
  } catch (err) {
    // one located problem is enough for an inventory: report the first
    if (err instanceof InputErrors && err.problems[0]) throw err.problems[0];
    throw err;
  }
}

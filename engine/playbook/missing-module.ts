// A module kplay does not have, as a task names it (and whether a name is one, or a slip): any parameters accepted; the runner fails the task on each host
// where it runs (findModule finds nothing there), so a `when` that skips it leaves the hosts untouched.
import { Type } from '@sinclair/typebox';
import type { ModuleDef } from '../../modules/contract.js';
import { moduleNames } from '../../modules/registry.js';
import { closest, editDistance } from '../core/suggest.js';
import { isAnsibleShortModuleName } from './ansible-short-module-names.js';

export function missingModule(name: string): ModuleDef {
  return {
    name,
    short: `a module kplay does not have (${name})`,
    examples: '',
    params: Type.Object({}, { additionalProperties: true }),
    freeForm: '_raw_params',
    plan: () => {
      throw new Error(`kplay has no module ${name}`);
    },
  };
}

/**
 * A name that is more likely a slip than a module kplay does not have: near one of `keywords` (a task's), or one
 * edit (or a cut) from a module kplay has. A collection-qualified name (community.general.pacman) and a short name
 * Ansible resolves (timezone) are module names as written.
 */
export function likelyTypo(key: string, keywords: ReadonlySet<string> = new Set()): boolean {
  if (key.includes('.') && !key.startsWith('ansible.builtin.') && !key.startsWith('ansible.legacy.')) return false;
  // a name Ansible resolves (timezone, seport, ini_file...) is that module, however near a keyword it is
  if (isAnsibleShortModuleName(key.replace(/^ansible\.(builtin|legacy)\./, ''))) return false;
  if (closest(key, keywords) !== undefined) return true;
  const near = closest(key, moduleNames());
  return near !== undefined && (editDistance(key.toLowerCase(), near.toLowerCase()) <= 1 || near.toLowerCase().startsWith(key.toLowerCase()));
}

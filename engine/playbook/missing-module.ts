// A module kplay does not have, as a task names it: any parameters accepted; the runner fails the task on each host
// where it runs (findModule finds nothing there), so a `when` that skips it leaves the hosts untouched.
import { Type } from '@sinclair/typebox';
import type { ModuleDef } from '../../modules/contract.js';

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

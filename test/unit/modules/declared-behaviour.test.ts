// Engine behaviour special to a module is declared on the module (ModuleDef fields), never keyed on its name: which
// modules declare each field, and no engine file compares a task's module with one of these names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findModule } from '../../../modules/registry.js';

const declared: readonly { readonly field: 'playControl' | 'mayEndHostRun' | 'showsOwnResult' | 'includedVars'; readonly modules: readonly string[]; readonly not: readonly string[] }[] = [
  { field: 'playControl', modules: ['meta'], not: ['debug', 'fail', 'command'] },
  { field: 'mayEndHostRun', modules: ['meta', 'fail', 'assert'], not: ['debug', 'set_fact', 'command'] },
  { field: 'showsOwnResult', modules: ['debug'], not: ['fail', 'assert', 'set_fact'] },
  { field: 'includedVars', modules: ['include_vars'], not: ['set_fact', 'setup', 'debug'] },
];

describe('module-specific engine behaviour is declared on the module', () => {
  for (const d of declared) {
    it(`${d.field}: ${d.modules.join(', ')}`, () => {
      expect(d.modules.map((m) => [m, findModule(m)?.[d.field]])).toEqual(d.modules.map((m) => [m, true]));
      expect(d.not.map((m) => [m, findModule(m)?.[d.field] ?? false])).toEqual(d.not.map((m) => [m, false]));
    });
  }

  it("conditionParams: assert's that", () => {
    expect([findModule('assert')?.conditionParams, findModule('fail')?.conditionParams, findModule('debug')?.conditionParams]).toEqual([['that'], undefined, undefined]);
  });

  // the engine files that once keyed on these names
  const files = ['engine/run/play.ts', 'engine/run/task.ts', 'engine/run/apply-outcome.ts', 'engine/playbook/task.ts'];
  for (const f of files) {
    it(`${f} compares no module name with meta, debug, fail, assert or include_vars`, () => {
      const text = readFileSync(new URL(`../../../${f}`, import.meta.url), 'utf8');
      expect(text.match(/'(meta|debug|fail|assert|include_vars)'/g) ?? []).toEqual([]);
    });
  }
});

// The text of `kplay doc [MODULE]`: the module list, or one module's parameters, rules and examples, from its own
// schema. Registered by cli/doc-command.ts, which loads this (and every module) only when the command runs.
import { InputError } from '../engine/core/errors.js';
import { renderModuleDoc, renderModuleList } from '../engine/doc/render.js';
import { closest } from '../engine/core/suggest.js';
import { allModules, findModule, moduleNames } from '../modules/registry.js';

/** The text `kplay doc` prints; an unknown module is an input error (exit 5) with a did-you-mean. */
export function docText(moduleName: string | undefined): string {
  if (moduleName === undefined) return renderModuleList(allModules);
  const m = findModule(moduleName);
  if (!m) {
    const best = closest(moduleName, moduleNames());
    throw new InputError(`unknown module "${moduleName}"`, { hint: best !== undefined ? `did you mean "${best}"? (kplay doc lists every module)` : 'kplay doc lists every module' });
  }
  return renderModuleDoc(m);
}

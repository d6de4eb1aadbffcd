// A playbook loaded as validate loads it: its warnings, and the messages of the problems that refuse it.
import { InputErrors, type InputError } from '../../../engine/core/errors.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';

export function loadWithWarnings(file: string): { warnings: InputError[]; errors: string[] } {
  const warnings: InputError[] = [];
  try {
    loadPlaybookSync(file, { warnings });
    return { warnings, errors: [] };
  } catch (err) {
    if (err instanceof InputErrors) return { warnings, errors: err.problems.map((p) => p.message) };
    throw err;
  }
}

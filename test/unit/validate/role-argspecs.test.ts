// Roles with meta/argument_specs.yml, as validate reads them: the validation task Ansible puts first (for the entry
// point the role runs with, unless rolespec_validate is false), and warnings for role parameters written without
// templates that the spec refuses (the hosts would fail the check).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { InputError } from '../../../engine/core/errors.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';
import type { TaskNode } from '../../../engine/playbook/model.js';

const PLAYBOOK = join(import.meta.dirname, '../../fixtures/runner/argument_specs.yml');

/** Every task's name and module, blocks flattened. */
function flat(nodes: readonly TaskNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'block' ? flat(n.block) : n.kind === 'task' ? [`${n.name ?? ''} [${n.module}]`] : [`${n.kind}`]));
}

it('puts the validation task first in a role with a spec for its entry point, and warns about a literal parameter the spec lacks', () => {
  const warnings: InputError[] = [];
  const book = loadPlaybookSync(PLAYBOOK, { warnings });
  const [first, , , last] = book.plays;
  expect(flat(first?.tasks ?? [])).toEqual([
    "Validating arguments against arg spec 'main' - A service on a port [validate_argument_spec]",
    'the service [debug]',
    'include_role',
    // import_role with rolespec_validate: false - no check
    'set up [debug]',
  ]);
  expect(flat(last?.tasks ?? [])[0]).toBe("Validating arguments against arg spec 'main' - A service on a port [validate_argument_spec]");
  expect(warnings.map((w) => [w.message, w.loc?.line])).toEqual([['role "specced": colour. Supported parameters include: enabled, listen_port, mode, names, settings.', 56]]);
});

// Minimised inputs the fuzz tests found, kept as plain cases: each must fail with located input problems only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../../../engine/inventory/index.js';
import { loadPlaybook } from '../../../engine/playbook/index.js';
import { violations } from './harness.js';

interface FoundCase {
  readonly what: string;
  /** files of the case, relative to its directory; `entry` is loaded */
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  readonly kind: 'playbook' | 'inventory';
  /** a fragment of the first problem's message */
  readonly message: string;
}

const ROLE_PLAY = '- hosts: all\n  roles:\n    - r\n';

const CASES: readonly FoundCase[] = [
  {
    what: "a role's task file that is a single scalar (a stray character made the list a string)",
    files: { 'p.yml': ROLE_PLAY, 'roles/r/tasks/main.yml': 'x - null\n' },
    entry: 'p.yml',
    kind: 'playbook',
    message: 'must be a list of tasks',
  },
  {
    what: 'a NUL byte in a role\'s task file is located where it is (it is no text)',
    files: { 'p.yml': ROLE_PLAY, 'roles/r/tasks/main.yml': '- debug: {}\n\0 - null\n' },
    entry: 'p.yml',
    kind: 'playbook',
    message: 'contains a NUL byte',
  },
  {
    what: 'a task file that is a plain word',
    files: { 'p.yml': ROLE_PLAY, 'roles/r/tasks/main.yml': 'hello\n' },
    entry: 'p.yml',
    kind: 'playbook',
    message: 'must be a list of tasks, got the string "hello"',
  },
];

describe('inputs found by the fuzz tests', () => {
  const root = mkdtempSync(join(tmpdir(), 'kplay-found-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(CASES.map((c, i) => [c.what, c, i] as const))('%s', async (_what, c, i) => {
    const dir = join(root, String(i));
    for (const [name, text] of Object.entries(c.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const entry = join(dir, c.entry);
    const err: unknown = await (c.kind === 'playbook' ? loadPlaybook(entry) : loadInventory([entry])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, 'the case must be rejected').toBeDefined();
    expect(violations(err, dir)).toEqual([]);
    expect(String((err as { problems?: { message: string }[] }).problems?.[0]?.message ?? (err as Error).message)).toContain(c.message);
  });
});

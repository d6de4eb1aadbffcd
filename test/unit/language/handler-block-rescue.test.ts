// A handler block with rescue and always: as in Ansible 2.14, the tasks of its block are the handlers (by name or
// listen), its rescue and always are read and never run (a warning says so), and the block's own name is no handler.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadPlaybook } from '../../../engine/playbook/index.js';
import type { InputError } from '../../../engine/core/errors.js';

const PLAYBOOK = [
  '- hosts: all',
  '  tasks:',
  '    - command: "true"',
  '      notify: inner',
  '  handlers:',
  '    - name: Restart it',
  '      block:',
  '        - name: inner',
  '          command: "false"',
  '      rescue:',
  '        - name: rescuer',
  '          debug: { msg: rescued }',
  '      always:',
  '        - name: alwayser',
  '          debug: { msg: always }',
  '',
].join('\n');

test('the tasks of its block are the handlers; rescue and always are warned about and dropped', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kplay-handler-rescue-')), 'p.yml');
  writeFileSync(file, PLAYBOOK);
  const warnings: InputError[] = [];
  const pb = await loadPlaybook(file, { warnings });
  expect(pb.plays[0]?.handlers.map((h) => h.listen)).toEqual([['inner']]);
  expect(warnings.map((w) => [w.message, w.loc?.line])).toEqual([
    [expect.stringMatching(/^the rescue of a handler block never runs/), 10],
    [expect.stringMatching(/^the always of a handler block never runs/), 13],
  ]);
});

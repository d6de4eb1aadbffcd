// What a run targets: the implicit localhost is not in `all`; a --limit or --start-at-task that matches nothing is
// refused before the run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { implicitLocalhostInventory, loadInventorySync } from '../../../engine/inventory/index.js';
import { loadPlaybookSync } from '../../../engine/playbook/load.js';
import { targetProblems } from '../../../engine/run/targets.js';
import { playTarget } from '../../../engine/run/playbook.js';

const RUNNER = join(import.meta.dirname, '../../fixtures/runner');
const inventory = loadInventorySync([join(RUNNER, 'inventory.ini')]);
const playbook = loadPlaybookSync(join(RUNNER, 'when.yml'));
const include = loadPlaybookSync(join(RUNNER, 'include.yml'));

describe('no inventory: the implicit localhost', () => {
  it('is reached by name, never by all, and warns as Ansible does', () => {
    const inv = implicitLocalhostInventory();
    expect(inv.select('all')).toEqual([]);
    expect(inv.select('localhost')).toEqual(['localhost']);
    expect(inv.hostVars('localhost').ansible_connection).toBe('local');
    expect(inv.warnings.join('\n')).toContain("the implicit localhost does not match 'all'");
  });
});

describe('targetProblems', () => {
  it('refuses a limit that matches no host, naming it', () => {
    const [p] = targetProblems(inventory, playbook, 'nosuch', undefined);
    expect(p?.message).toMatch(/--limit nosuch matches no host/);
    expect(targetProblems(inventory, playbook, 'h1:nosuch', undefined)).toEqual([]);
    expect(targetProblems(inventory, playbook, 'web', undefined)).toEqual([]);
  });

  it('refuses a --start-at-task that names no task, unless an include_tasks may hold it', () => {
    const first = playbook.plays[0]?.tasks.find((t) => t.kind === 'task');
    const name = first?.kind === 'task' ? (first.name ?? first.moduleAs) : '';
    expect(name).not.toBe('');
    expect(targetProblems(inventory, playbook, undefined, name)).toEqual([]);
    expect(targetProblems(inventory, playbook, undefined, 'no such task')[0]?.message).toMatch(/names no task/);
    expect(targetProblems(inventory, include, undefined, 'no such task')).toEqual([]);
  });
});

describe("playTarget: a play's hosts and Ansible's warnings", () => {
  const warn = (name: string) => `Could not match supplied host pattern, ignoring: ${name}`;
  it('warns of each part of the pattern, then of the limit, that matches no host or group', () => {
    expect(playTarget(inventory, 'web:nosuch', undefined)).toEqual({ hosts: ['h1', 'h2', 'h3'], warnings: [warn('nosuch')] });
    expect(playTarget(inventory, 'web:&nosuch', 'h1,other')).toEqual({ hosts: [], warnings: [warn('nosuch'), warn('other')] });
    expect(playTarget(inventory, '~nosuch[0-9]', undefined)).toEqual({ hosts: [], warnings: [warn('~nosuch[0-9]')] });
  });

  it('matches nothing without a warning when every name is known', () => {
    expect(playTarget(inventory, 'web:&db', undefined)).toEqual({ hosts: [], warnings: [] });
    expect(playTarget(inventory, 'web', 'db')).toEqual({ hosts: [], warnings: [] });
    expect(playTarget(inventory, 'all', 'h5', new Set(['h1']))).toEqual({ hosts: [], warnings: [] });
  });
});

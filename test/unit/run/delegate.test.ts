// Which host a delegate_to name means, as Ansible's variable manager finds it, and what a name outside the
// inventory gets (the all group's variables).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventorySync } from '../../../engine/inventory/index.js';
import { inventoryHostFor } from '../../../engine/run/delegate.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-delegate-'));
const file = join(dir, 'hosts.ini');
writeFileSync(
  file,
  ['[web]', 'h1 ansible_host=10.0.0.1', 'h2 ansible_host=10.0.0.2', '10.0.0.1 ansible_connection=local', '', '[all:vars]', 'ansible_user=deploy', 'who=all', ''].join('\n'),
);
const inventory = loadInventorySync([file]);

describe('the host a delegate_to name means', () => {
  it('an inventory host by its name, before any address', () => {
    expect(inventoryHostFor(inventory, 'h2')).toBe('h2');
    // 10.0.0.1 is also h1's address: the host named so wins, as in Ansible
    expect(inventoryHostFor(inventory, '10.0.0.1')).toBe('10.0.0.1');
  });

  it('else the host whose ansible_host is that address', () => {
    expect(inventoryHostFor(inventory, '10.0.0.2')).toBe('h2');
  });

  it('a localhost name not in the inventory: the implicit localhost, with a local connection', () => {
    expect(inventoryHostFor(inventory, 'localhost')).toBe('localhost');
    expect(inventory.hostVars('localhost').ansible_connection).toBe('local');
  });

  it('anything else is a bare name, with the all group variables only', () => {
    expect(inventoryHostFor(inventory, 'db.example')).toBeUndefined();
    expect(inventory.outsiderVars()).toEqual({ ansible_user: 'deploy', who: 'all' });
  });
});

// The play keyword `order`, as data.
import { describe, expect, it } from 'vitest';
import { orderHosts } from '../../../engine/run/host-order.js';

const hosts = ['web2', 'db1', 'web10', 'app'];

describe('orderHosts', () => {
  it('keeps, reverses or sorts the inventory order (sorted as strings, as Python sorts names)', () => {
    expect(orderHosts(hosts, 'inventory')).toEqual(hosts);
    expect(orderHosts(hosts, 'reverse_inventory')).toEqual(['app', 'web10', 'db1', 'web2']);
    expect(orderHosts(hosts, 'sorted')).toEqual(['app', 'db1', 'web10', 'web2']);
    expect(orderHosts(hosts, 'reverse_sorted')).toEqual(['web2', 'web10', 'db1', 'app']);
  });

  it('shuffles every host exactly once, in an order the random source decides', () => {
    const first = orderHosts(hosts, 'shuffle', () => 0);
    expect([...first].sort()).toEqual([...hosts].sort());
    expect(first).not.toEqual(hosts);
    expect(orderHosts(hosts, 'shuffle', () => 0.999)).toEqual(hosts);
  });

  it('leaves its input alone', () => {
    const input = [...hosts];
    orderHosts(input, 'reverse_sorted');
    expect(input).toEqual(hosts);
  });
});

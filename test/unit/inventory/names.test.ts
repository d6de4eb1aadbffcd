// Names are data (issue [8] 5): hosts, groups and variables named as Object.prototype's members are ordinary names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadInventorySync, type Inventory } from '../../../engine/inventory/index.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-inventory-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inventory(name: string, text: string, files: Readonly<Record<string, string>> = {}): Inventory {
  const base = join(dir, name);
  mkdirSync(base, { recursive: true });
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(join(base, rel, '..'), { recursive: true });
    writeFileSync(join(base, rel), body);
  }
  writeFileSync(join(base, 'hosts'), text);
  return loadInventorySync([join(base, 'hosts')], base);
}

const INI = `
[constructor]
__proto__ color=host
toString

[hasOwnProperty]
valueOf __proto__="{'__proto__': 1, 'constructor': 2}"

[constructor:vars]
__proto__=group
toString=group_ts
`;

const YAML = `
all:
  children:
    constructor:
      hosts:
        __proto__: {color: host}
        toString:
      vars: {__proto__: group, toString: group_ts}
    hasOwnProperty:
      hosts:
        valueOf: {__proto__: {__proto__: 1, constructor: 2}}
`;

const own = (o: object): string[] => Object.keys(o);
/** a key read as code reads it: an inherited member would show here */
const at = (o: object, key: string): unknown => (o as Record<string, unknown>)[key];

describe.each([
  ['ini', INI],
  ['yaml', YAML],
])('an %s inventory with hosts __proto__, toString and groups constructor, hasOwnProperty', (format, text) => {
  const inv = inventory(format, text, { 'group_vars/constructor.yml': 'valueOf: from_group_vars\n', 'host_vars/__proto__.yml': 'constructor: from_host_vars\n' });

  it('lists every host and group', () => {
    expect(inv.hostNames()).toEqual(['__proto__', 'toString', 'valueOf']);
    expect(inv.groupNames()).toEqual(['all', 'constructor', 'hasOwnProperty', 'ungrouped']);
    expect(inv.select('constructor')).toEqual(['__proto__', 'toString']);
    expect(inv.select('__proto__')).toEqual(['__proto__']);
    expect(inv.groupsOf('__proto__')).toEqual(['constructor']);
  });

  it('gives the groups map only the groups it has', () => {
    const groups = inv.groupsMap();
    expect(own(groups).sort()).toEqual(['all', 'constructor', 'hasOwnProperty', 'ungrouped']);
    expect(groups.constructor).toEqual(['__proto__', 'toString']);
    expect(at(groups, 'toString')).toBeUndefined();
    expect(groups.__proto__).toBeUndefined();
  });

  it('keeps variables named __proto__, toString, constructor as variables', () => {
    const h = inv.hostVars('__proto__');
    expect(own(h).sort()).toEqual(['__proto__', 'color', 'constructor', 'toString', 'valueOf']);
    expect(h.__proto__).toBe('group');
    expect(at(h, 'toString')).toBe('group_ts');
    expect(h.constructor).toBe('from_host_vars');
    expect(at(h, 'valueOf')).toBe('from_group_vars');
    const t = inv.hostVars('toString');
    expect(own(t).sort()).toEqual(['__proto__', 'toString', 'valueOf']);
    // a name the host has no variable of is not one
    expect(t.constructor).toBeUndefined();
    expect(at(t, 'hasOwnProperty')).toBeUndefined();
  });

  it('keeps a mapping value with such keys whole', () => {
    const v = inv.hostVars('valueOf').__proto__ as Record<string, unknown>;
    expect(own(v)).toEqual(['__proto__', 'constructor']);
    expect(v.__proto__).toBe(1);
  });

  it("prints them as ansible-inventory does", () => {
    const list = JSON.parse(inv.listJson()) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
    expect(own(list).sort()).toEqual(['_meta', 'all', 'constructor', 'hasOwnProperty']);
    expect(own(list._meta.hostvars)).toEqual(['__proto__', 'toString', 'valueOf']);
    expect(inv.hostJson('__proto__')).toContain('"__proto__": "group"');
    expect(inv.graph('constructor', true)).toContain("|--{__proto__ = group}");
  });
});

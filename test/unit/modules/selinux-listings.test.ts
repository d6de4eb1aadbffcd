// The SELinux tools' listings read as the tools print them (format strings of getsebool.c and seobject.py), and
// seport's reading of a port as Python's int() reads it.
import { describe, expect, it } from 'vitest';
import { booleanSub, parseGetsebool, parseSemanageBooleans } from '../../../modules/support/sebool-listing.js';
import { semanageError } from '../../../modules/support/selinux-tools.js';
import { definedKeys, parsePortListing, portRange } from '../../../modules/support/seport-plan.js';

describe('boolean listings', () => {
  it('getsebool -a: the running value, pending or not; "No booleans" is none', () => {
    const v = parseGetsebool('a_bool --> on\nb_bool --> off pending: on\nc_bool --> on pending: off\n');
    expect([...v]).toEqual([['a_bool', true], ['b_bool', false], ['c_bool', true]]);
    expect(parseGetsebool('No booleans\n').size).toBe(0);
  });

  it('semanage boolean -l -n: the stored (second) value, also for a name longer than its 30-column field', () => {
    const long = 'a_boolean_name_longer_than_thirty_columns';
    const v = parseSemanageBooleans(`${'x_bool'.padEnd(30)} (on   ,  off)  X\n${long} (off  ,   on)  Long\n`);
    expect(v.get('x_bool')).toBe(false);
    expect(v.get(long)).toBe(true);
  });

  it('booleans.subs_dist: the first matching line, blanks and comments skipped, a target with / refused', () => {
    const subs = '  # allow_a a\n\nallow_a   new_a  extra\nallow_a other\nallow_b\nallow_c ../c\n';
    expect(booleanSub(subs, 'allow_a')).toBe('new_a');
    expect(booleanSub(subs, 'allow_b')).toBe('allow_b');
    expect(booleanSub(subs, 'allow_c')).toBe('allow_c');
    expect(booleanSub(undefined, 'x')).toBe('x');
  });
});

describe('port listings', () => {
  it('semanage port -l -n: type, protocol and the ports as written', () => {
    const l = parsePortListing(`${'http_port_t'.padEnd(30)} ${'tcp'.padEnd(8)} 80, 81, 8008-8009\n\n`);
    expect(l).toEqual([{ setype: 'http_port_t', proto: 'tcp', ports: ['80', '81', '8008-8009'] }]);
    expect([...definedKeys(l)]).toEqual(['80-80/tcp', '81-81/tcp', '8008-8009/tcp']);
  });

  it("a port as Python's int() reads each side of the first '-'", () => {
    expect(portRange(' +80 ')).toEqual({ low: 80n, high: 80n });
    expect(portRange('1_0-0020')).toEqual({ low: 10n, high: 20n });
    expect(portRange('1__0')).toEqual({ error: "ValueError: invalid literal for int() with base 10: '1__0'\n" });
    expect(portRange('1-2-3')).toEqual({ error: "ValueError: invalid literal for int() with base 10: '2-3'\n" });
    expect(portRange("it's")).toEqual({ error: 'ValueError: invalid literal for int() with base 10: "it\'s"\n' });
  });

  it("semanage's exception: the last Error line, with the newline Ansible's message ends in", () => {
    expect(semanageError('libsemanage.x: note\nValueError: Port tcp/22 already defined\n')).toBe('ValueError: Port tcp/22 already defined\n');
    expect(semanageError('usage: semanage ...\n')).toBeUndefined();
  });
});

// Connection variables for a task: picked from its variables (the one ranking) and rendered.
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../engine/core/secret.js';
import { connectionKey, connectionVars } from '../../../engine/run/connection-vars.js';

const where = { loc: { file: 'pb.yml', line: 1, col: 1 }, task: 't' };

describe('connectionVars', () => {
  it('picks only the variables the transport reads, rendered with the task’s variables', () => {
    const vars = { ansible_host: '{{ prefix }}.example.com', prefix: 'db1', ansible_port: '{{ 2200 + 2 }}', other: 'x', ansible_become_user: '{{ who }}', who: 'postgres' };
    expect({ ...connectionVars(vars, where) }).toEqual({ ansible_host: 'db1.example.com', ansible_port: '2202', ansible_become_user: 'postgres' });
  });

  it('keeps a secret a secret, and keys it by its value', () => {
    const picked = connectionVars({ ansible_password: new Secret('pw1') }, where);
    expect(picked.ansible_password).toBeInstanceOf(Secret);
    expect(connectionKey(picked)).not.toBe(connectionKey({ ansible_password: new Secret('pw2') }));
    expect(connectionKey(picked)).toBe(connectionKey({ ansible_password: new Secret('pw1') }));
  });

  it('names from input are data: a variable called __proto__ or constructor is not picked up', () => {
    const vars = JSON.parse('{"__proto__": {"ansible_host": "evil"}, "constructor": 1}') as Record<string, unknown>;
    expect(connectionVars(vars, where).ansible_host).toBeUndefined();
  });
});

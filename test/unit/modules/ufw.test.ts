// ufw's rule words and insert positions as Ansible's module builds them (the module itself is tested on Debian lab
// hosts against ansible-playbook in test/lab/debian.test.ts).
import { expect, it } from 'vitest';
import { insertPosition, ruleWords } from '../../../modules/ufw.js';

const base = { delete: false, route: false, insert_relative_to: 'zero', log: false, from_ip: 'any', to_ip: 'any' } as const;

it('words a rule in Ansible\'s order, each value one word', () => {
  expect(ruleWords({ ...base, to_port: '22', proto: 'tcp' }, 'allow', undefined)).toEqual(['allow', 'from', 'any', 'to', 'any', 'port', '22', 'proto', 'tcp']);
  expect(ruleWords({ ...base, route: true, interface_in: 'eth0', interface_out: 'eth1', log: true }, 'deny', 3)).toEqual([
    'route', 'insert', '3', 'deny', 'in', 'on', 'eth0', 'out', 'on', 'eth1', 'log', 'from', 'any', 'to', 'any',
  ]);
  expect(ruleWords({ ...base, delete: true, direction: 'in', interface: 'eth0', from: '10.0.0.0/8', name: "OpenSSH; rm -rf /" }, 'limit', undefined)).toEqual([
    'delete', 'limit', 'in', 'on', 'eth0', 'from', '10.0.0.0/8', 'to', 'any', 'app', 'OpenSSH; rm -rf /',
  ]);
});

it('counts insert from the rule numbers ufw shows, as Ansible counts them', () => {
  const numbered = '     To                         Action      From\n[ 1] 22/tcp                     ALLOW IN    Anywhere\n[ 2] 80/tcp                     ALLOW IN    Anywhere\n[ 3] 22/tcp (v6)                ALLOW IN    Anywhere (v6)\n';
  expect(insertPosition({ ...base, insert: 1 }, '')).toBe(1);
  expect(insertPosition({ ...base, insert: 0, insert_relative_to: 'first-ipv6' }, numbered)).toBe(3);
  expect(insertPosition({ ...base, insert: 1, insert_relative_to: 'last-ipv4' }, numbered)).toBe(3);
  // past the last rule: appended
  expect(insertPosition({ ...base, insert: 1, insert_relative_to: 'last-ipv6' }, numbered)).toBeUndefined();
  expect(insertPosition({ ...base, insert: 1, delete: true }, numbered)).toBeUndefined();
});

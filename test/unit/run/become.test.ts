// Who a task becomes: connection variables, then keywords, then the command line (-b, --become-user, -K).
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../engine/core/secret.js';
import { becomeFor, renderBecomeUser } from '../../../engine/run/become.js';

const cliPassword = new Secret('from-K');

describe('becomeFor', () => {
  it('is off unless something turns it on', () => {
    expect(becomeFor({}, {})).toBeUndefined();
    expect(becomeFor({}, {}, { becomeUser: 'app' })).toBeUndefined();
  });

  it('-b turns it on as root, with the -K password', () => {
    expect(becomeFor({}, {}, { become: true, becomePassword: cliPassword })).toEqual({ user: 'root', password: cliPassword });
  });

  it('keywords rank above the command line', () => {
    expect(becomeFor({ become: false }, {}, { become: true })).toBeUndefined();
    expect(becomeFor({ become: true, becomeUser: 'web' }, {}, { become: false, becomeUser: 'app' })?.user).toBe('web');
    expect(becomeFor({}, {}, { become: true, becomeUser: 'app' })?.user).toBe('app');
  });

  it('variables rank above keywords and the command line, as in ansible-playbook', () => {
    expect(becomeFor({ become: true }, { ansible_become: 'no' }, { become: true })).toBeUndefined();
    expect(becomeFor({ become: false }, { ansible_become: 'yes' })).toEqual({ user: 'root', password: undefined });
    expect(becomeFor({}, { ansible_become_user: 'db' }, { become: true, becomeUser: 'app' })?.user).toBe('db');
    expect(becomeFor({ become: true, becomeUser: 'web' }, { ansible_become_user: 'db' })?.user).toBe('db');
    expect(becomeFor({}, { ansible_become_password: 'var-pw' }, { become: true, becomePassword: cliPassword })?.password?.reveal()).toBe('var-pw');
  });
});

describe('renderBecomeUser', () => {
  const where = { loc: { file: 'pb.yml', line: 1, col: 1 }, task: 't' };

  it('renders the keyword with the variables of the host and item, as its text', () => {
    expect(renderBecomeUser({ becomeUser: '{{ user.name }}' }, { user: { name: 'web' } }, where).becomeUser).toBe('web');
    expect(renderBecomeUser({ becomeUser: '{{ 1 + 1 }}' }, {}, where).becomeUser).toBe('2');
  });

  it('leaves a task without a templated become_user as it is', () => {
    const plain = { becomeUser: 'app' };
    expect(renderBecomeUser(plain, {}, where)).toBe(plain);
    expect(renderBecomeUser({ becomeUser: undefined }, {}, where).becomeUser).toBeUndefined();
  });

  it('an undefined variable is an error in Ansible words', () => {
    expect(() => renderBecomeUser({ becomeUser: '{{ nobody_here }}' }, {}, where)).toThrow(
      "The field 'become_user' has an invalid value, which includes an undefined variable. The error was: 'nobody_here' is undefined",
    );
  });
});

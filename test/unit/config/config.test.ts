// ansible.cfg and ANSIBLE_* as Ansible reads them: the file found, its INI, types, and the environment above it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { dumpConfig, findConfigFile, resolveConfig, settingValue } from '../../../engine/config/index.js';
import { parseCfg } from '../../../engine/config/ini.js';

const CFG = `# a comment
[defaults]
inventory = hosts.ini, ~/more
Forks = 7 ; an inline comment
roles_path = roles:/opt/roles
host_key_checking = False
gathering = explicit
log_path =
  /var/log/ansible.log
[privilege_escalation]
become: yes
`;

function place(cfg = CFG): { cwd: string; home: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'kplay-cfg-'));
  const home = join(cwd, 'home');
  mkdirSync(home);
  writeFileSync(join(cwd, 'ansible.cfg'), cfg);
  return { cwd, home };
}

describe('parseCfg', () => {
  it('reads sections, = and :, lower-cased keys, inline ; comments and continued values, with lines', () => {
    const s = parseCfg(CFG, 'ansible.cfg');
    expect(s.get('defaults')?.get('forks')).toEqual({ value: '7', line: 4 });
    expect(s.get('defaults')?.get('log_path')?.value).toBe('/var/log/ansible.log');
    expect(s.get('privilege_escalation')?.get('become')?.value).toBe('yes');
  });

  it('locates what is not INI', () => {
    expect(() => parseCfg('forks = 3\n', 'a.cfg')).toThrow(/before any \[section\]/);
    try {
      parseCfg('[defaults]\njust words\n', 'a.cfg');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).loc).toEqual({ file: 'a.cfg', line: 2, col: 1 });
    }
  });
});

describe('resolveConfig', () => {
  it('finds ANSIBLE_CONFIG first, then ./ansible.cfg, then ~/.ansible.cfg', () => {
    const { cwd, home } = place();
    writeFileSync(join(home, '.ansible.cfg'), '[defaults]\n');
    const other = join(cwd, 'other.cfg');
    writeFileSync(other, '[defaults]\n');
    expect(findConfigFile({ env: { ANSIBLE_CONFIG: other }, cwd, home })).toBe(other);
    expect(findConfigFile({ env: {}, cwd, home })).toBe(join(cwd, 'ansible.cfg'));
    expect(findConfigFile({ env: {}, cwd: home, home })).toBe(join(home, '.ansible.cfg'));
  });

  it('types values, resolves paths against the file, and ranks the environment above it', () => {
    const { cwd, home } = place();
    const c = resolveConfig({ env: { ANSIBLE_FORKS: '12' }, cwd, home });
    expect(settingValue(c, 'DEFAULT_FORKS')).toBe(12);
    expect(settingValue(c, 'DEFAULT_HOST_LIST')).toEqual([join(cwd, 'hosts.ini'), join(home, 'more')]);
    expect(settingValue(c, 'DEFAULT_ROLES_PATH')).toEqual([join(cwd, 'roles'), '/opt/roles']);
    expect(settingValue(c, 'HOST_KEY_CHECKING')).toBe(false);
    expect(settingValue(c, 'DEFAULT_BECOME')).toBe(true);
    expect(settingValue(c, 'DEFAULT_TIMEOUT')).toBe(10);
    expect(c.settings.get('DEFAULT_FORKS')?.origin).toBe('env: ANSIBLE_FORKS');
    expect(c.settings.get('DEFAULT_BECOME')?.origin).toBe(join(cwd, 'ansible.cfg'));
  });

  it('names each setting it does not honour once, and not those left at a value it behaves like', () => {
    const { cwd, home } = place();
    const c = resolveConfig({ env: { ANSIBLE_STRATEGY: 'linear' }, cwd, home });
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings.join('\n')).toMatch(/gathering .*DEFAULT_GATHERING.*explicit/);
    expect(c.warnings.join('\n')).toMatch(/log_path .*DEFAULT_LOG_PATH/);
  });

  it('refuses a value of the wrong type, saying where it was set', () => {
    const { cwd, home } = place('[defaults]\nforks = many\n');
    expect(() => resolveConfig({ env: {}, cwd, home })).toThrow(/ansible\.cfg:2: DEFAULT_FORKS must be a whole number/);
    expect(() => resolveConfig({ env: { ANSIBLE_BECOME: 'perhaps' }, cwd: home, home })).toThrow(/ANSIBLE_BECOME: DEFAULT_BECOME must be a boolean/);
  });

  it('dumps as ansible-config: NAME(origin) = value, only the changed ones on request', () => {
    const { cwd, home } = place('[defaults]\nforks = 3\n');
    const c = resolveConfig({ env: { ANSIBLE_REMOTE_USER: 'deploy' }, cwd, home });
    expect(dumpConfig(c, true)).toBe(`CONFIG_FILE() = ${join(cwd, 'ansible.cfg')}\nDEFAULT_FORKS(${join(cwd, 'ansible.cfg')}) = 3\nDEFAULT_REMOTE_USER(env: ANSIBLE_REMOTE_USER) = deploy\n`);
    expect(dumpConfig(c, false)).toContain('HOST_KEY_CHECKING(default) = True');
  });
});

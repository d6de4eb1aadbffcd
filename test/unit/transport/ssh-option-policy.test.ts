// No ssh option is dropped unsaid: each given in ssh args or ssh_config is honoured, refused with a clear error
// (security and routing), or named in a warning (no effect for kplay, or unknown).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { connectionSpecFor, type SpecEnvironment } from '../../../engine/transport/connection-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-sshopts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function env(config = ''): SpecEnvironment {
  const file = join(dir, `config${(n += 1)}`);
  writeFileSync(file, config);
  return { home: dir, localUser: 'me', env: { SSH_AUTH_SOCK: '/run/agent.sock' }, sshConfigFiles: [file] };
}

const specOf = (args: string, config = '', vars: Record<string, unknown> = {}): ReturnType<typeof connectionSpecFor> =>
  connectionSpecFor('web1', { ansible_host: 'web1.example', ansible_ssh_common_args: args, ...vars }, {}, env(config));

function refusal(args: string, config = ''): string {
  try {
    specOf(args, config);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error(`not refused: ${args} / ${config}`);
}

describe('ssh options that change security or routing are refused', () => {
  it.each([
    ['-o LocalForward=8080:localhost:80', /LocalForward|localforward.*port forward/i],
    ['-L 8080:localhost:80', /-L .*port forward/],
    ['-D1080', /-D .*SOCKS/],
    ['-o HostKeyAlias=other', /hostkeyalias.*host keys are checked/i],
    ['-o HostKeyAlgorithms=+ssh-rsa', /hostkeyalgorithms/i],
    ['-c aes128-ctr', /-c .*ciphers/],
    ['-4', /-4 .*address family/],
    ['-o BindAddress=10.0.0.9', /bindaddress/i],
    ['-W target:22', /-W .*forwards stdio/],
    ['-N', /-N .*runs no command/],
    ['-o PermitLocalCommand=yes -o LocalCommand=touch_x', /PermitLocalCommand=yes with LocalCommand/],
    ['-o PubkeyAuthentication=no', /no key login/],
    ['-o ProxyJump=bastion -o ProxyCommand=nc_%h_%p', /both ProxyCommand and ProxyJump/],
    ['-F /nonexistent/ssh_config', /-F \/nonexistent\/ssh_config .*no such file/],
    ['web1.example', /is not an option/],
  ])('%s', (args, want) => expect(refusal(args)).toMatch(want));

  it('in ssh_config too, for the host it applies to', () => {
    expect(refusal('', 'Host web1.example\n  LocalForward 8080 localhost:80\n')).toMatch(/localforward .*ssh_config of host web1/i);
    expect(refusal('', 'Host *\n  PermitLocalCommand yes\n  LocalCommand id\n')).toMatch(/PermitLocalCommand=yes with LocalCommand/);
    // another host's block is not this host's business
    expect(() => specOf('', 'Host other\n  LocalForward 8080 localhost:80\n')).not.toThrow();
  });
});

describe('options kplay handles its own way are named once, not applied', () => {
  it('ssh args: ControlMaster, ControlPersist, -C, -tt, an unknown option', () => {
    const spec = specOf('-C -tt -o ControlMaster=auto -o ControlPersist=60s -o FrobnicateHosts=yes -o ServerAliveInterval=7');
    expect(spec.warnings).toEqual([
      expect.stringMatching(/ssh option -C in ssh arguments has no effect in kplay/),
      expect.stringMatching(/ssh option -t in ssh arguments has no effect/),
      expect.stringMatching(/-o controlmaster in ssh arguments has no effect/),
      expect.stringMatching(/-o controlpersist in ssh arguments has no effect/),
      expect.stringMatching(/-o frobnicatehosts in ssh arguments is not known to kplay and is not applied/),
    ]);
    // honoured, not warned about
    expect(spec.keepaliveIntervalMs).toBe(7000);
  });

  it('ssh_config: system defaults without effect say nothing; an unknown keyword is named', () => {
    expect(specOf('', 'Host *\n  SendEnv LANG LC_*\n  HashKnownHosts yes\n  GSSAPIAuthentication yes\n').warnings).toBeUndefined();
    expect(specOf('', 'Host *\n  FrobnicateHosts yes\n').warnings).toEqual([expect.stringMatching(/frobnicatehosts in ssh_config is not known/)]);
    // a LocalCommand that OpenSSH would not run either (no PermitLocalCommand) is harmless
    expect(() => specOf('-o LocalCommand=id')).not.toThrow();
  });
});

describe('options that are honoured', () => {
  it('PasswordAuthentication=no or KbdInteractiveAuthentication=no: the password is never offered', () => {
    expect(specOf('', '', { ansible_password: 'pw' }).password?.reveal()).toBe('pw');
    expect(specOf('-o PasswordAuthentication=no', '', { ansible_password: 'pw' }).password).toBeUndefined();
    expect(specOf('', 'Host *\n  KbdInteractiveAuthentication no\n', { ansible_password: 'pw' }).password).toBeUndefined();
  });

  it('IdentityAgent: none, a path, SSH_AUTH_SOCK', () => {
    expect(specOf('').agentSocket).toBe('/run/agent.sock');
    expect(specOf('-o IdentityAgent=none').agentSocket).toBeUndefined();
    expect(specOf('-o IdentityAgent=~/agent.sock').agentSocket).toBe(join(dir, 'agent.sock'));
    expect(specOf('-o IdentityAgent=SSH_AUTH_SOCK').agentSocket).toBe('/run/agent.sock');
  });

  it('ProxyCommand from ssh_config, with its tokens; none turns it off', () => {
    expect(specOf('', 'Host web1.example\n  User deploy\n  ProxyCommand ssh -W %h:%p bastion\n').proxyCommand).toBe('ssh -W web1.example:22 bastion');
    expect(specOf('-o ProxyCommand=none', 'Host *\n  ProxyCommand ssh -W %h:%p bastion\n').proxyCommand).toBeUndefined();
  });
});

describe('ssh_config settings that are not followed are said', () => {
  it('a Match block is named in a warning, with how many settings it holds', () => {
    const warnings = specOf('', 'Match host web1.example exec "true"\n  Ciphers aes128-ctr\n  User other\nHost *\n  User deploy\n').warnings ?? [];
    expect(warnings).toEqual([expect.stringMatching(/kplay does not evaluate Match blocks; their 2 settings are not applied/)]);
  });

  it('a jump host whose own ssh_config has a ProxyCommand is refused', () => {
    expect(refusal('-J bastion', 'Host bastion\n  ProxyCommand nc %h %p\n')).toMatch(/ProxyJump host bastion: its ssh_config sets ProxyCommand nc %h %p/);
  });
});

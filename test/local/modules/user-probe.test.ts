// The user module's probe under the real shells hosts have (dash, bash), read-only against this machine's own
// accounts: the passwd entry, the shadow digest, memberships, which wanted groups exist (by name or gid), the key.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUserState, userProbe } from '../../../modules/support/user-state.js';

const home = mkdtempSync(join(tmpdir(), 'kplay-user-'));
mkdirSync(join(home, '.ssh'));
writeFileSync(join(home, '.ssh', 'id_test'), 'private\n');
writeFileSync(join(home, '.ssh', 'id_test.pub'), 'ssh-ed25519 AAAA test@here\n');

function probe(shell: string, cmd: string) {
  const r = spawnSync(shell, ['-c', cmd], { encoding: 'utf8' });
  return parseUserState({ stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 });
}

describe.each(['dash', 'bash'])('under %s', (shell) => {
  it("reads root's entry and finds the groups that exist, by name and by gid", () => {
    const s = probe(shell, userProbe('root', ['root', 'kplay-no-such-group', '0'], { keyFile: undefined, home: undefined }, '/root'));
    expect(s.passwd).toMatchObject({ uid: 0, gid: 0, home: '/root' });
    expect(s.hashDigest).toMatch(/^[0-9a-f]{64}$/);
    expect([...s.groups.entries()]).toEqual([['root', 0]]);
    expect(s.keyExists).toBe(false);
  });

  it('a user that does not exist has no entry; a hostile name stays one operand', () => {
    const s = probe(shell, userProbe("x'; touch /tmp/kplay-pwned; '", [], { keyFile: undefined, home: "/tmp/kplay-none'; touch /tmp/kplay-pwned; '" }, '/home/x'));
    expect(s.passwd).toBeUndefined();
    expect(s.memberOf).toEqual([]);
    expect(s.homeExists).toEqual({ current: false, wanted: false });
    expect(existsSync('/tmp/kplay-pwned')).toBe(false);
  });

  it("checks the passwd entry's home, or the one asked for; nothing when not asked", () => {
    expect(probe(shell, userProbe('root', [], { keyFile: undefined, home: '' }, '/root')).homeExists).toEqual({ current: true, wanted: true });
    expect(probe(shell, userProbe('root', [], { keyFile: undefined, home: join(home, 'no such dir') }, '/root')).homeExists).toEqual({ current: true, wanted: false });
    expect(probe(shell, userProbe('root', [], { keyFile: undefined, home: home }, '/root')).homeExists).toEqual({ current: true, wanted: true });
  });

  it('finds the key beside an absolute key file and returns its public half', () => {
    const s = probe(shell, userProbe('root', [], { keyFile: join(home, '.ssh', 'id_test'), home: undefined }, '/root'));
    expect(s.keyExists).toBe(true);
    expect(s.publicKey).toBe('ssh-ed25519 AAAA test@here');
  });
});

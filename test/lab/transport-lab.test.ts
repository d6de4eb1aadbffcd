// On a 1-host lab: become through real sudo (deploy: passwordless, ops: the lab's ops_password), and facts over SSH.
import { describe, expect, it } from 'vitest';
import { KplayError } from '../../engine/core/errors.js';
import { gatherFacts } from '../../engine/facts/gather.js';
import { Secret } from '../../engine/core/secret.js';
import { connectionSpecFor } from '../../engine/transport/connection-spec.js';
import { openTransport } from '../../engine/transport/open-transport.js';
import type { Transport } from '../../engine/transport/transport.js';
import { useLab } from './support/lab.js';
import { rejection } from './support/rejection.js';

const NAME = 'transport';
const open: Transport[] = [];
const info = useLab({ name: NAME, count: 1, kind: 'light', cleanup: () => Promise.all(open.map((t) => t.close())), teardownTimeout: 900_000 });

async function login(user: string): Promise<Transport> {
  const host = info.hosts[0];
  if (!host) throw new Error('the lab has no host');
  const spec = connectionSpecFor(
    host.name,
    {
      ansible_host: host.address,
      ansible_user: user,
      ansible_ssh_private_key_file: info.keyPath,
      ansible_ssh_common_args: `-o UserKnownHostsFile=${info.knownHosts} -o StrictHostKeyChecking=yes`,
    },
    {},
    { home: '/nonexistent', localUser: 'root', env: {}, sshConfigFiles: [] },
  );
  const t = await openTransport(spec);
  open.push(t);
  return t;
}

describe('become with passwordless sudo (deploy)', () => {
  it('runs as root and as another user, with stdin and env intact', async () => {
    const t = await login('deploy');
    expect((await t.exec('id -un')).stdout).toBe('deploy\n');
    const r = await t.exec('id -un; cat; printf %s "$X"', { become: { user: 'root' }, stdin: 'in\n', env: { X: "a'b" } });
    expect(r).toMatchObject({ stdout: "root\nin\na'b", code: 0 });
    expect((await t.exec('id -un', { become: { user: 'ops' } })).stdout).toBe('ops\n');
    expect((await t.exec('exit 7', { become: { user: 'root' } })).code).toBe(7);
  });
});

describe('become with a password (ops)', () => {
  it('feeds the password to sudo only: the command gets its own stdin, the password is nowhere', async () => {
    const t = await login('ops');
    const pw = new Secret(info.opsPassword);
    const r = await t.exec('id -un; cat', { become: { user: 'root', password: pw }, stdin: 'real input\n' });
    expect(r).toMatchObject({ stdout: 'root\nreal input\n', code: 0 });
    expect(r.stderr).not.toContain(info.opsPassword);
    // again at once: sudo may now hold cached credentials and not ask; the password must not reach the command
    const again = await t.exec('cat', { become: { user: 'root', password: pw }, stdin: 'second\n' });
    expect(again.stdout).toBe('second\n');
    // 8 at once on one connection
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => t.exec(`echo ${i}; id -u`, { become: { user: 'root', password: pw } })));
    expect(many.map((m) => m.stdout)).toEqual(Array.from({ length: 8 }, (_, i) => `${i}\n0\n`));
  });

  it('a wrong password fails clearly and at once, without the password in the message', async () => {
    const t = await login('ops');
    const t0 = Date.now();
    const err = await rejection(t.exec('echo never', { become: { user: 'root', password: new Secret('not-the-password-42') } }));
    expect(err).toBeInstanceOf(KplayError);
    expect((err as KplayError).code).toBe('command');
    expect((err as Error).message).toMatch(/become as root failed/);
    expect((err as Error).message).not.toContain('not-the-password-42');
    expect(Date.now() - t0).toBeLessThan(8000);
    // the connection is still good
    expect((await t.exec('echo ok')).stdout).toBe('ok\n');
  });

  it('no password where sudo wants one: sudo -n refuses, a clear failure', async () => {
    const t = await login('ops');
    const err = await rejection(t.exec('true', { become: { user: 'root' } }));
    expect(err).toBeInstanceOf(KplayError);
    expect((err as Error).message).toMatch(/password is required/);
  });

  it('times out under sudo: rejected with code timeout', async () => {
    const t = await login('deploy');
    const err = await rejection(t.exec('sleep 30', { become: { user: 'root' }, timeoutMs: 800 }));
    expect((err as KplayError).code).toBe('timeout');
  });
});

describe('facts over SSH', () => {
  it('see the lab host as the EL 8 host it claims to be, in one exec', async () => {
    const t = await login('root');
    const f = await gatherFacts(t);
    expect(f).toMatchObject({ os_family: 'RedHat', distribution_major_version: '8', pkg_mgr: 'dnf', user_id: 'root', architecture: 'x86_64' });
    expect(['Rocky', 'CentOS', 'RedHat', 'AlmaLinux']).toContain(f.distribution);
    expect(f.hostname).not.toBe('');
    expect(f.memtotal_mb).toBeGreaterThan(0);
  });
});

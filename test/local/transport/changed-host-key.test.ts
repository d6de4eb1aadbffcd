// A host key that differs from known_hosts with checking off (StrictHostKeyChecking=no, ANSIBLE_HOST_KEY_CHECKING=
// False): as OpenSSH, the "REMOTE HOST IDENTIFICATION HAS CHANGED" warning and keys only — ssh2's own server, which
// takes the password, never gets one.
import { ed25519PrivateKey } from '../../support/ssh-key.js';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../engine/core/secret.js';
import { ConnectionPool } from '../../../engine/run/connections.js';
import { HostRun } from '../../../engine/run/host.js';
import { connectSsh } from '../../../engine/transport/ssh-connect.js';
import { localTarget, loginError } from './support/local-target.js';

const PASSWORD = 'pw-changed-key-9Qx';
const dir = mkdtempSync(join(tmpdir(), 'kplay-hostkey-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function publicBlob(privateKey: string): Buffer {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH();
}
const sha256 = (blob: Buffer): string => `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;

// the client's key: the server takes it only when `takesKey`
const clientKey = ed25519PrivateKey();
const keyFile = join(dir, 'id_ed25519');
writeFileSync(keyFile, clientKey, { mode: 0o600 });
const clientBlob = publicBlob(clientKey);

interface Server {
  readonly port: number;
  readonly hostBlob: Buffer;
  readonly methods: string[];
  readonly close: () => Promise<void>;
}

/** A server that takes any password (an impostor would) and, if `takesKey`, the client's key. */
function impostor(takesKey: boolean): Promise<Server> {
  const hostKey = ed25519PrivateKey();
  const methods: string[] = [];
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (conn: Connection) => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx: AuthContext) => {
      methods.push(ctx.method);
      if (ctx.method === 'password') return ctx.accept();
      if (ctx.method === 'keyboard-interactive') {
        ctx.prompt([{ prompt: 'Password: ', echo: false }], () => ctx.accept());
        return;
      }
      if (ctx.method === 'publickey' && takesKey && ctx.key.data.equals(clientBlob)) return ctx.accept();
      ctx.reject(['publickey', 'password', 'keyboard-interactive']);
    });
    conn.on('ready', () => conn.end());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, hostBlob: publicBlob(hostKey), methods, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** known_hosts whose second line holds another ed25519 key for the server's [127.0.0.1]:port. */
function knownHostsWithOtherKey(port: number): { file: string; otherBlob: Buffer } {
  const otherBlob = publicBlob(ed25519PrivateKey());
  const file = join(dir, `known_hosts_${port}`);
  writeFileSync(file, `# kept\n[127.0.0.1]:${port} ssh-ed25519 ${otherBlob.toString('base64')}\n`);
  return { file, otherBlob };
}

describe('a changed host key with host key checking off', () => {
  it('warns as OpenSSH and never sends the password: the login fails saying why', async () => {
    const server = await impostor(false);
    try {
      const known = knownHostsWithOtherKey(server.port);
      const warnings: string[] = [];
      const t = localTarget('web1', server.port, keyFile, {
        password: new Secret(PASSWORD),
        hostKeyChecking: 'off',
        knownHostsFiles: [known.file],
        warn: (w) => warnings.push(w),
      });
      const e = await loginError(t);
      expect(e.message).toMatch(/password and keyboard-interactive authentication were disabled because the host key of web1 \(127\.0\.0\.1\) port \d+ changed/);
      expect(e.message).not.toContain(PASSWORD);
      // the server was offered the key, and nothing that carries a password
      expect(server.methods).not.toContain('password');
      expect(server.methods).not.toContain('keyboard-interactive');
      expect(warnings).toHaveLength(1);
      const w = warnings[0] ?? '';
      expect(w).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
      expect(w).toContain(sha256(server.hostBlob));
      expect(w).toContain(`Offending ssh-ed25519 key in ${known.file}:2 (${sha256(known.otherBlob)})`);
      expect(w).toContain('Password authentication is disabled to avoid man-in-the-middle attacks.');
    } finally {
      await server.close();
    }
  });

  it('still logs in with a key, and a key-only login is not refused', async () => {
    const server = await impostor(true);
    try {
      const known = knownHostsWithOtherKey(server.port);
      const warnings: string[] = [];
      const client = await connectSsh(
        localTarget('web1', server.port, keyFile, { password: new Secret(PASSWORD), hostKeyChecking: 'off', knownHostsFiles: [known.file], warn: (w) => warnings.push(w) }),
      );
      client.end();
      expect(new Set(server.methods)).toEqual(new Set(['publickey']));
      expect(warnings.join('\n')).toContain('REMOTE HOST IDENTIFICATION HAS CHANGED');
    } finally {
      await server.close();
    }
  });

  it('reaches the run as a warning event through the connection pool (StrictHostKeyChecking=no in the ssh args)', async () => {
    const server = await impostor(false);
    const warnings: string[] = [];
    const pool = new ConnectionPool({}, undefined, undefined, (w: string) => warnings.push(w));
    try {
      const known = knownHostsWithOtherKey(server.port);
      const host = new HostRun('web1', {
        ansible_host: '127.0.0.1',
        ansible_port: server.port,
        ansible_user: 'u',
        ansible_password: PASSWORD,
        ansible_ssh_private_key_file: keyFile,
        ansible_ssh_common_args: `-o StrictHostKeyChecking=no -o UserKnownHostsFile=${known.file} -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes`,
      });
      await expect(pool.connect(host, host.inventoryVars)).rejects.toThrow(/password and keyboard-interactive authentication were disabled/);
      expect(server.methods).not.toContain('password');
      expect(server.methods).not.toContain('keyboard-interactive');
      expect(warnings.some((w) => w.startsWith('web1: ') && w.includes('REMOTE HOST IDENTIFICATION HAS CHANGED'))).toBe(true);
    } finally {
      await pool.closeAll();
      await server.close();
    }
  });

  it('refuses a revoked key even with checking off', async () => {
    const server = await impostor(true);
    try {
      const file = join(dir, `revoked_${server.port}`);
      writeFileSync(file, `@revoked * ssh-ed25519 ${server.hostBlob.toString('base64')}\n`);
      await expect(connectSsh(localTarget('web1', server.port, keyFile, { hostKeyChecking: 'off', knownHostsFiles: [file] }))).rejects.toThrow(/marked @revoked/);
      expect(server.methods).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

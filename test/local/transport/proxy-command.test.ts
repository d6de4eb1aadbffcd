// ProxyCommand for real (a node TCP relay as the command, ssh2's server in this process): tokens expanded as
// OpenSSH does, the connection goes through the command, and the command ends with the connection.
import { ed25519PrivateKey } from '../../support/ssh-key.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthContext, Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../engine/core/errors.js';
import { connectionSpecFor, type SpecEnvironment } from '../../../engine/transport/connection-spec.js';
import { expandProxyCommand } from '../../../engine/transport/proxy-command.js';
import { SshTransport } from '../../../engine/transport/ssh-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-proxycmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keyFile = join(dir, 'id_ed25519');
writeFileSync(keyFile, ed25519PrivateKey(), { mode: 0o600 });

// the relay: records its pid and arguments, then joins stdin/stdout to 127.0.0.1:PORT (whatever host it is given);
// it outlives its streams, as a stuck `ssh -W` can
const relay = join(dir, 'relay.cjs');
writeFileSync(
  relay,
  `const fs = require('fs'); const net = require('net');
fs.writeFileSync(process.argv[2], JSON.stringify({ pid: process.pid, args: process.argv.slice(3) }));
const s = net.connect(Number(process.argv[3]), '127.0.0.1');
process.stdin.pipe(s); s.pipe(process.stdout);
s.on('error', () => undefined);
setInterval(() => undefined, 1000); // never ends by itself: only kplay ending it does
`,
);

function server(): Promise<{ port: number; close: () => Promise<void> }> {
  const srv = new ssh2.Server({ hostKeys: [ed25519PrivateKey()] }, (conn: Connection) => {
    conn.on('error', () => undefined);
    conn.on('authentication', (ctx: AuthContext) => (ctx.method === 'publickey' ? ctx.accept() : ctx.reject(['publickey'])));
    conn.on('request', (_accept, reject) => reject?.());
  });
  return new Promise((resolve) => {
    srv.listen(0, '127.0.0.1', () => resolve({ port: (srv.address() as AddressInfo).port, close: () => new Promise((r) => srv.close(() => r())) }));
  });
}

const ENV: SpecEnvironment = { home: dir, localUser: 'me', env: {}, sshConfigFiles: [] };

function spec(port: number, proxy: string): ReturnType<typeof connectionSpecFor> {
  return connectionSpecFor(
    'web1',
    {
      ansible_host: 'target.invalid',
      ansible_port: port,
      ansible_user: 'u',
      ansible_ssh_private_key_file: keyFile,
      ansible_ssh_common_args: `-o StrictHostKeyChecking=no -o IdentitiesOnly=yes -o 'ProxyCommand=${proxy}'`,
    },
    {},
    ENV,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(test: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return test();
}

describe('ProxyCommand', () => {
  it('expands %h %p %r %n %% as OpenSSH', () => {
    expect(expandProxyCommand('ssh -W %h:%p -l %r bastion # %n %% %x', { h: '10.0.0.5', p: '2222', r: 'deploy', n: 'web1' })).toBe('ssh -W 10.0.0.5:2222 -l deploy bastion # web1 % %x');
  });

  it('connects through the command, and the command ends when the connection closes', async () => {
    const srv = await server();
    const record = join(dir, 'relay-1.json');
    try {
      const s = spec(srv.port, `${process.execPath} ${relay} ${record} %p %h %r %%`);
      expect(s.proxyCommand).toBe(`${process.execPath} ${relay} ${record} ${srv.port} target.invalid u %`);
      const t = await SshTransport.open(s);
      const seen = JSON.parse(readFileSync(record, 'utf8')) as { pid: number; args: string[] };
      expect(seen.args).toEqual([String(srv.port), 'target.invalid', 'u', '%']);
      expect(alive(seen.pid)).toBe(true);
      await t.close();
      expect(await until(() => !alive(seen.pid), 3000)).toBe(true);
    } finally {
      await srv.close();
    }
  });

  it('a command that fails makes the host unreachable, with what it said', async () => {
    const marker = join(dir, 'never');
    const s = connectionSpecFor(
      'web1',
      { ansible_host: 'h', ansible_ssh_private_key_file: keyFile, ansible_ssh_common_args: `-o StrictHostKeyChecking=no -o 'ProxyCommand=echo no route to %h >&2; exit 1' -o UserKnownHostsFile=${marker}` },
      {},
      ENV,
    );
    const e: unknown = await SshTransport.open(s).then(
      (t) => t.close(),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UnreachableError);
    expect((e as Error).message).toContain('no route to h');
    expect(existsSync(marker)).toBe(false);
  });
});

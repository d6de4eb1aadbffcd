// ConnectTimeout as OpenSSH means it: the TCP connection and the server's first words must come within it; the key
// exchange and login after them may take longer (a loaded machine), bounded by LOGIN_AFTER_ANSWER_MS more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSsh } from '../../../engine/transport/ssh-connect.js';
import { ed25519PrivateKey } from '../../support/ssh-key.js';
import { localTarget, loginError } from './support/local-target.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-handshake-'));
const keyFile = join(dir, 'id_ed25519');
writeFileSync(keyFile, ed25519PrivateKey(), { mode: 0o600 });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONNECT_TIMEOUT_MS = 500;

function listening(server: Server | ssh2.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('the connect timeout', () => {
  it('does not cut a login that is slower than it once the server has answered', async () => {
    // the server identifies itself at once and accepts the key only after three connect timeouts
    const server = new ssh2.Server({ hostKeys: [ed25519PrivateKey()] }, (conn: Connection) => {
      conn.on('error', () => undefined);
      conn.on('authentication', (ctx) => setTimeout(() => ctx.accept(), CONNECT_TIMEOUT_MS * 3));
    });
    const port = await listening(server);
    try {
      const client = await connectSsh(localTarget('slow-login', port, keyFile, { connectTimeoutMs: CONNECT_TIMEOUT_MS }));
      client.end();
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('ends a connection whose server never speaks, with the timeout named', async () => {
    const sockets: Socket[] = [];
    let ended = 0;
    const server = createServer((s) => {
      sockets.push(s);
      s.on('end', () => (ended += 1)).resume();
    });
    const port = await listening(server);
    try {
      const started = Date.now();
      const err = await loginError(localTarget('mute', port, keyFile, { connectTimeoutMs: CONNECT_TIMEOUT_MS }));
      expect(err.message).toBe(`mute: no SSH answer from 127.0.0.1:${port} within 0.5 s`);
      // given up at the connect timeout, not at the login's longer bound
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 5_000);
      // and the connection is closed from our side
      await expect.poll(() => ended).toBe(sockets.length);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    }
  });
});

// Handshake pacing against one server: a handshake slot is freed only when the server's post-login side has
// answered, not at login. sshd counts a logged-in connection against MaxStartups until its monitor has closed
// the start-up pipe, which happens after the pre-auth process is gone and before anything answers our packets.
// The server here is ssh2's own, in this process, standing in for that lag: it answers nothing for a while after
// login, and counts the connections that have not been answered yet, as sshd's listener would.
import { ed25519PrivateKey } from '../../support/ssh-key.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Client as SshClient, Connection } from 'ssh2';
import { afterAll, describe, expect, it } from 'vitest';
import { HANDSHAKES_PER_SERVER, connectSsh } from '../../../engine/transport/ssh-connect.js';
import { localTarget } from './support/local-target.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-pacing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ANSWER_LAG_MS = 150;

interface LaggingServer {
  readonly port: number;
  /** the most connections counted at once, from TCP accept until the first answer after login */
  readonly peak: () => number;
  readonly close: () => Promise<void>;
}

function laggingServer(): Promise<LaggingServer> {
  const hostKey = ed25519PrivateKey();
  let counted = 0;
  let peak = 0;
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (conn: Connection) => {
    counted += 1;
    peak = Math.max(peak, counted);
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      counted -= 1;
    };
    conn.on('error', () => undefined);
    conn.on('close', settle);
    conn.on('authentication', (ctx) => ctx.accept());
    conn.on('ready', () => {
      // every request after login is answered only after the lag, and the connection is counted until then
      conn.on('request', (accept, reject) => {
        setTimeout(() => {
          settle();
          reject?.();
        }, ANSWER_LAG_MS);
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        peak: () => peak,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

describe('handshake pacing per server', () => {
  it(`the server never counts more than ${HANDSHAKES_PER_SERVER} start-ups from us, however soon after login it answers`, async () => {
    const server = await laggingServer();
    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, ed25519PrivateKey(), { mode: 0o600 });
    const clients: SshClient[] = [];
    try {
      const n = HANDSHAKES_PER_SERVER * 2 + 1;
      const opened = await Promise.all(Array.from({ length: n }, () => connectSsh(localTarget('pacing', server.port, keyFile))));
      clients.push(...opened);
      expect(opened).toHaveLength(n);
      // all logged in; the last ones waited for earlier answers, so the server never counted more than the limit
      await new Promise((r) => setTimeout(r, ANSWER_LAG_MS * 2));
      expect(server.peak()).toBe(HANDSHAKES_PER_SERVER);
    } finally {
      for (const c of clients) c.end();
      await server.close();
    }
  });
});

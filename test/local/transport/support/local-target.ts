// An SshTarget for ssh2's own server in the test process: 127.0.0.1, user u, one key file, no agent, host keys not
// checked (the server's key is made per test), no keepalives. Tests change what they are about.
import { expect } from 'vitest';
import { UnreachableError } from '../../../../engine/core/errors.js';
import { connectSsh, type SshTarget } from '../../../../engine/transport/ssh-connect.js';
import { TransportCaches } from '../../../../engine/transport/transport-caches.js';

export function localTarget(host: string, port: number, keyFile: string, changes: Partial<SshTarget> = {}): SshTarget {
  return {
    host,
    address: '127.0.0.1',
    port,
    user: 'u',
    identityFiles: [keyFile],
    identitiesOnly: true,
    keyPassphrase: undefined,
    password: undefined,
    agentSocket: undefined,
    connectTimeoutMs: 10_000,
    keepaliveIntervalMs: 0,
    keepaliveCountMax: 3,
    hostKeyChecking: 'off',
    knownHostsFiles: [],
    ...changes,
    caches: changes.caches ?? new TransportCaches(),
  };
}

/** The UnreachableError a login to `t` ends with (a login that succeeds fails the test). */
export async function loginError(t: SshTarget): Promise<UnreachableError> {
  const e: unknown = await connectSsh(t).then(
    (c) => {
      c.end();
      return undefined;
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UnreachableError);
  return e as UnreachableError;
}

// The keeper's wire: frames split anywhere come out whole and in order; errors and secrets cross intact.
import { describe, expect, it } from 'vitest';
import { HostKeyError, KplayError, UnreachableError } from '../../../engine/core/errors.js';
import { Secret } from '../../../engine/core/secret.js';
import type { ConnectionSpec } from '../../../engine/transport/connection-spec.js';
import { encode, FrameReader, fromWireError, fromWireSpec, toWireError, toWireSpec, type Request } from '../../../engine/transport/keeper/wire.js';

describe('keeper wire', () => {
  it('frames split at every byte, or several in one chunk, come out whole and in order', () => {
    const messages: Request[] = [
      { t: 'exec', id: 1, handle: 2, command: 'echo é€😀', options: { stdin: Buffer.from('x').toString('base64') } },
      { t: 'stdin', id: 1, data: 'steps\n' },
      { t: 'release', id: 3, handle: 2 },
    ];
    const bytes = Buffer.concat(messages.map(encode));
    const oneByOne = new FrameReader();
    const got = [...bytes].flatMap((b) => oneByOne.push(Buffer.from([b])));
    expect(got).toEqual(messages);
    expect(new FrameReader().push(bytes)).toEqual(messages);
  });

  it('errors keep their class, code and hint', () => {
    const unreachable = fromWireError(toWireError(new UnreachableError('h1: gone', { hint: 'check it' })));
    expect(unreachable).toBeInstanceOf(UnreachableError);
    expect(unreachable).toMatchObject({ message: 'h1: gone', hint: 'check it' });
    expect(fromWireError(toWireError(new HostKeyError('changed key')))).toBeInstanceOf(HostKeyError);
    expect(fromWireError(toWireError(new KplayError('timeout', 'too slow')))).toMatchObject({ code: 'timeout', message: 'too slow' });
  });

  it('a spec crosses with its passphrase and password, and without its become', () => {
    const spec: ConnectionSpec = {
      host: 'h1', connection: 'ssh', address: '10.0.0.2', port: 22, user: 'root', identityFiles: ['/k'], identitiesOnly: true,
      keyPassphrase: new Secret('pp'), password: new Secret('login-pw'), agentSocket: undefined, connectTimeoutMs: 10_000, keepaliveIntervalMs: 5000, keepaliveCountMax: 3,
      hostKeyChecking: 'strict', knownHostsFiles: ['/kh'], proxyJump: [], become: { user: 'root', password: new Secret('sudo') },
    };
    const wire = JSON.parse(JSON.stringify(toWireSpec(spec))) as ReturnType<typeof toWireSpec>;
    expect(JSON.stringify(wire)).not.toContain('sudo');
    const back = fromWireSpec(wire);
    expect(back.keyPassphrase?.reveal()).toBe('pp');
    expect(back.password?.reveal()).toBe('login-pw');
    expect(back.become).toBeUndefined();
    expect({ ...back, keyPassphrase: undefined, password: undefined }).toEqual({ ...spec, keyPassphrase: undefined, password: undefined, become: undefined });
  });
});

// Choosing and opening the transport a connection spec asks for.
import type { ConnectionSpec } from './connection-spec.js';
import { LocalTransport } from './local-transport.js';
import { SshTransport, type OpenOptions } from './ssh-transport.js';
import type { Transport } from './transport.js';

/** ssh: connected and logged in when this resolves (UnreachableError / HostKeyError otherwise); local: at once. */
export async function openTransport(spec: ConnectionSpec, options: OpenOptions = {}): Promise<Transport> {
  if (spec.connection === 'local') return new LocalTransport(spec.host);
  return SshTransport.open(spec, options);
}

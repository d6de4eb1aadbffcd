// The transport's public surface: what the engine imports.
export type { Become, ExecOptions, ExecResult, Transport } from './transport.js';
export { connectionSpecFor, defaultEnvironment, becomeFromVars, ansibleBool, type ConnectionSpec, type CliConnectionOptions, type JumpSpec } from './connection-spec.js';
export { openTransport } from './open-transport.js';
export { SshTransport, CHANNELS_PER_CONNECTION, type OpenOptions } from './ssh-transport.js';
export { LocalTransport } from './local-transport.js';
export { TransportCaches } from './transport-caches.js';
export { CONNECT_ATTEMPTS, CONNECT_BACKOFF_MS, HANDSHAKES_PER_SERVER } from './ssh-connect.js';
export type { HostKeyChecking } from './host-key-check.js';

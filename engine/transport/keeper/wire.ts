// The keeper's wire: length-prefixed JSON messages over a unix socket, between a run and the connection keeper.
import { connect, type Socket } from 'node:net';
import { HostKeyError, KplayError, UnreachableError, type ErrorCode } from '../../core/errors.js';
import { Secret } from '../../core/secret.js';
import type { ConnectionSpec } from '../connection-spec.js';
import type { ExecResult } from '../transport.js';

/** A connection spec as it crosses the socket: secrets revealed (the socket is the user's own, mode 0700 dir). */
export type WireSpec = Omit<ConnectionSpec, 'keyPassphrase' | 'password' | 'become'> & {
  readonly keyPassphrase?: string | undefined;
  readonly password?: string | undefined;
};

export interface WireBecome {
  readonly user: string;
  readonly password?: string | undefined;
}

export interface WireExecOptions {
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly become?: WireBecome | undefined;
  readonly timeoutMs?: number | undefined;
  /** base64 bytes, or a deferred stdin's `after` texts (the keeper then asks for the bytes) */
  readonly stdin?: string | { readonly after: { readonly stdout: string; readonly stderr: string } } | undefined;
}

export interface WireError {
  readonly kind: 'unreachable' | 'hostkey' | 'kplay' | 'other';
  readonly code?: ErrorCode | undefined;
  readonly message: string;
  readonly hint?: string | undefined;
}

export type Request =
  | { readonly t: 'open'; readonly id: number; readonly spec: WireSpec }
  | { readonly t: 'exec'; readonly id: number; readonly handle: number; readonly command: string; readonly options: WireExecOptions }
  | { readonly t: 'stdin'; readonly id: number; readonly data: string }
  | { readonly t: 'put'; readonly id: number; readonly handle: number; readonly path: string; readonly content: string; readonly mode?: number | undefined }
  | { readonly t: 'get'; readonly id: number; readonly handle: number; readonly path: string }
  | { readonly t: 'release'; readonly id: number; readonly handle: number }
  | { readonly t: 'list'; readonly id: number }
  | { readonly t: 'stop'; readonly id: number };

export interface KeptConnection {
  readonly host: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly inUse: number;
  readonly idleMs: number;
  readonly reused: number;
}

export type Reply =
  | { readonly t: 'opened'; readonly id: number; readonly handle: number; /** said when the connection was opened (a changed host key) */ readonly warnings?: readonly string[] | undefined }
  | { readonly t: 'stdin?'; readonly id: number; readonly stdout: string; readonly stderr: string }
  | { readonly t: 'result'; readonly id: number; readonly result: ExecResult }
  | { readonly t: 'data'; readonly id: number; readonly content: string }
  | { readonly t: 'done'; readonly id: number }
  | { readonly t: 'list'; readonly id: number; readonly connections: readonly KeptConnection[] }
  | { readonly t: 'error'; readonly id: number; readonly error: WireError };

/** A connected socket when a keeper answers at `path`, else undefined. */
export function attach(path: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const sock = connect(path);
    sock.once('connect', () => resolve(sock));
    sock.once('error', () => resolve(undefined));
  });
}

export function encode(message: Request | Reply): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** Feed socket chunks in; whole messages come out in order. */
export class FrameReader {
  #buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): unknown[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const messages: unknown[] = [];
    while (this.#buffer.length >= 4) {
      const size = this.#buffer.readUInt32BE(0);
      if (this.#buffer.length < 4 + size) break;
      messages.push(JSON.parse(this.#buffer.subarray(4, 4 + size).toString('utf8')));
      this.#buffer = this.#buffer.subarray(4 + size);
    }
    return messages;
  }
}

export function toWireSpec(spec: ConnectionSpec): WireSpec {
  const { keyPassphrase, password, become: _become, ...rest } = spec;
  return { ...rest, keyPassphrase: keyPassphrase?.reveal(), password: password?.reveal() };
}

export function fromWireSpec(spec: WireSpec): ConnectionSpec {
  const { keyPassphrase, password, ...rest } = spec;
  const secret = (text: string | undefined): Secret | undefined => (text === undefined ? undefined : new Secret(text));
  return { ...rest, keyPassphrase: secret(keyPassphrase), password: secret(password), become: undefined };
}

export function toWireError(e: unknown): WireError {
  if (e instanceof UnreachableError) return { kind: 'unreachable', message: e.message, hint: e.hint };
  if (e instanceof HostKeyError) return { kind: 'hostkey', message: e.message, hint: e.hint };
  if (e instanceof KplayError) return { kind: 'kplay', code: e.code, message: e.message, hint: e.hint };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}

export function fromWireError(e: WireError): Error {
  const details = e.hint === undefined ? {} : { hint: e.hint };
  if (e.kind === 'unreachable') return new UnreachableError(e.message, details);
  if (e.kind === 'hostkey') return new HostKeyError(e.message, details);
  if (e.kind === 'kplay' && e.code !== undefined) return new KplayError(e.code, e.message, details);
  return new Error(e.message);
}

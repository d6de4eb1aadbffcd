// Opening one authenticated ssh2 connection: host key check, login (ssh-auth.ts), paced handshakes, bounded retries.
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client as SshClient, ConnectConfig, KexAlgorithm, ServerHostKeyAlgorithm } from 'ssh2';
import { HostKeyError, UnreachableError, errorMessage } from '../core/errors.js';
import { REDACTED, type Secret } from '../core/secret.js';
import type { ConnectionSpec } from './connection-spec.js';
import { decideHostKey } from './host-key-check.js';
import { appendKnownHost } from './known-hosts-file.js';
import type { TransportCaches } from './transport-caches.js';
import { entriesConcerning, entriesFor, preferredHostKeyAlgorithms, type KnownHostEntry } from './known-hosts.js';
import { KeyedSemaphores, Semaphore } from './semaphore.js';
import { authFailureText, authMethodsOf, authPlan, authSequence, type AuthPlan } from './ssh-auth.js';

/** What opening one connection needs: the SSH part of a ConnectionSpec (the engine's view of the host dropped). */
export type SshTarget = Pick<
  ConnectionSpec,
  | 'host'
  | 'address'
  | 'port'
  | 'user'
  | 'identityFiles'
  | 'identitiesOnly'
  | 'keyPassphrase'
  | 'password'
  | 'agentSocket'
  | 'connectTimeoutMs'
  | 'keepaliveIntervalMs'
  | 'keepaliveCountMax'
  | 'hostKeyChecking'
  | 'knownHostsFiles'
> & {
  /** SSH-level trace lines (ssh2's debug output), for -vvv */
  readonly debug?: ((line: string) => void) | undefined;
  /** aborted (the run was interrupted): the handshake stops at once and rejects with the signal's reason */
  readonly abort?: AbortSignal | undefined;
  /** warnings for the user (a changed host key with checking off) */
  readonly warn?: ((message: string) => void) | undefined;
  /** what the run's connections share: known_hosts and key files read once */
  readonly caches: TransportCaches;
};

/** Fast first: OpenSSH 9's default sntrup761 costs ~125 ms CPU per connection; curve25519 halves set-up time. */
const KEX_ALGORITHMS: KexAlgorithm[] = [
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group-exchange-sha256',
  'diffie-hellman-group14-sha256',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
];
const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/**
 * sshd's MaxStartups 10:30:100 starts dropping unauthenticated connections beyond 10 per server: at most 8
 * handshakes are in flight per address:port from this process. A handshake ends when sshd has stopped counting
 * it, not when we are logged in: see `settledOnServer`.
 */
export const HANDSHAKES_PER_SERVER = 8;
const handshakes = new KeyedSemaphores(HANDSHAKES_PER_SERVER);

/**
 * At most 32 handshakes are in flight from this process, to all servers together. The connect timeout runs from
 * when a handshake starts, so with -f 200 each one no longer shares the machines' CPU with 199 others: measured on
 * 200 lab hosts on a 2-core machine with its CPU busy, all at once left hosts unreachable after 10 s, this did not.
 * It costs nothing in total: the handshakes behind are waiting for the same CPU either way.
 */
export const HANDSHAKES_IN_FLIGHT = 32;
const inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);

/** How long a handshake slot waits for `settledOnServer` before it is freed anyway (a server that never answers). */
const SETTLE_CAP_MS = 2000;

/**
 * Connection retries: 3 attempts in all, waiting 0.5 s then 1 s, only when the TCP connection is refused or
 * reset before the SSH handshake completed (a restarting sshd, MaxStartups drops). Never after an
 * authentication, host key or timeout failure.
 */
export const CONNECT_ATTEMPTS = 3;
export const CONNECT_BACKOFF_MS: readonly number[] = [500, 1000];

/**
 * OpenSSH's ConnectTimeout bounds the TCP connection and the server's first words (its identification), not the
 * key exchange and login after them, which on a loaded machine can take longer than the 10 s a silent server
 * gets (measured: 4 runs at once over 200 lab hosts with the load average at 24, logins timed out at 10 s). Once
 * the server has spoken, the rest of the handshake has this long more, so that no server can hold a run forever.
 */
export const LOGIN_AFTER_ANSWER_MS = 60_000;

const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

class Attempt extends Error {
  constructor(
    readonly failure: Error,
    readonly retryable: boolean,
  ) {
    super(failure.message);
  }
}

/**
 * Connect and authenticate. `sock` carries the connection through a jump host (no retry then: the stream is
 * spent). Rejects with HostKeyError or UnreachableError; the returned client always has an 'error' listener.
 */
export async function connectSsh(t: SshTarget, sock?: Duplex): Promise<SshClient> {
  const known = entriesConcerning(await t.caches.knownHosts.read(t.knownHostsFiles), t.address, t.port);
  const plan = await authPlan({ ...t, keyFiles: t.caches.keyFiles });
  const where = `${t.user}@${t.address}:${t.port}`;
  if (plan.keys.length === 0 && plan.password === undefined) {
    throw new UnreachableError(`${t.host}: no key or password to log in as ${where} with: ${plan.problems.join('; ') || 'no ssh-agent, no key file'}`, {
      hint: 'set ansible_ssh_private_key_file (or --private-key), start ssh-agent with a key, or set ansible_password (or -k)',
    });
  }
  const slot = handshakes.for(`${t.address}:${t.port}`);
  for (let attempt = 1; ; attempt += 1) {
    const release = await slot.acquire();
    const releaseInFlight = await inFlight.acquire();
    try {
      if (t.abort?.aborted === true) throw abortReason(t.abort);
      const client = await attemptConnect(t, known, plan, sock);
      releaseInFlight();
      void settledOnServer(client, SETTLE_CAP_MS).finally(release);
      return client;
    } catch (e) {
      releaseInFlight();
      release();
      if (!(e instanceof Attempt)) throw e;
      if (!e.retryable || sock !== undefined || attempt >= CONNECT_ATTEMPTS) throw e.failure;
      await new Promise((r) => setTimeout(r, CONNECT_BACKOFF_MS[attempt - 1] ?? 1000));
    }
  }
}

/** Why a connection was given up from this side (the run was interrupted), as the error its task reports. */
function abortReason(signal: AbortSignal | undefined): Error {
  const why: unknown = signal?.reason;
  return why instanceof Error ? why : new UnreachableError('connection set-up aborted');
}

function attemptConnect(
  t: SshTarget,
  known: readonly KnownHostEntry[],
  plan: AuthPlan,
  sock: Duplex | undefined,
): Promise<SshClient> {
  const where = `${t.user}@${t.address}:${t.port}`;
  return new Promise<SshClient>((resolve, reject) => {
    const client = new ssh2.Client();
    // our own TCP connection (unless a jump host's stream is given), so that the server's first words are seen
    const stream: Duplex = sock ?? tcpConnect({ host: t.address, port: t.port });
    const silent = (): void => {
      client.destroy();
      stream.destroy();
      fail(new UnreachableError(`${t.host}: no SSH answer from ${t.address}:${t.port} within ${t.connectTimeoutMs / 1000} s`), false);
    };
    const silence = setTimeout(silent, t.connectTimeoutMs);
    // a sequence per attempt: what this attempt offered is what its failure names
    const sequence = authSequence(authMethodsOf(plan, t.user));
    let hostKeyFailure: HostKeyError | undefined;
    let done = false;
    const fail = (failure: Error, retryable: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(silence);
      client.end();
      reject(new Attempt(failure, retryable));
    };
    // an agent that cannot be reached (a stale SSH_AUTH_SOCK): ssh2 reports it and goes on with the next method
    let agentTrouble: string | undefined;
    // never removed: an 'error' without a listener would crash the process
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (hostKeyFailure) return fail(hostKeyFailure, false);
      const level = err.level ?? '';
      if (level === 'agent') {
        agentTrouble = `ssh-agent at ${t.agentSocket ?? '?'}: ${err.message}`;
        return;
      }
      if (level === 'client-authentication') {
        const why = authFailureText(agentTrouble === undefined ? plan : { ...plan, problems: [...plan.problems, agentTrouble] }, sequence);
        return fail(
          new UnreachableError(`${t.host}: authentication failed for ${where} (${why.detail})`, { hint: why.hint }),
          false,
        );
      }
      if (level === 'client-timeout') {
        const within = (t.connectTimeoutMs + LOGIN_AFTER_ANSWER_MS) / 1000;
        return fail(new UnreachableError(`${t.host}: the SSH handshake with ${t.address}:${t.port} did not end within ${within} s (${err.message})`), false);
      }
      const retryable = (err.code !== undefined && RETRYABLE_CODES.has(err.code)) || /lost before handshake/i.test(err.message);
      return fail(new UnreachableError(`${t.host}: cannot connect to ${where}: ${err.code ?? err.message}`, { cause: err }), retryable);
    });
    client.on('close', () => {
      // closed by the server before we were logged in (MaxStartups drop, sshd restarting)
      fail(hostKeyFailure ?? new UnreachableError(`${t.host}: ${t.address}:${t.port} closed the connection during the SSH handshake`), hostKeyFailure === undefined);
    });
    client.on('ready', () => {
      if (done) return;
      done = true;
      clearTimeout(silence);
      t.abort?.removeEventListener('abort', aborted);
      resolve(client);
    });
    // the run was interrupted: the handshake stops at once, its socket closed
    const aborted = (): void => {
      if (done) return;
      done = true;
      clearTimeout(silence);
      client.destroy();
      stream.destroy();
      reject(abortReason(t.abort));
    };
    if (t.abort?.aborted === true) return aborted();
    t.abort?.addEventListener('abort', aborted, { once: true });
    const config: ConnectConfig = {
      host: t.address,
      port: t.port,
      username: t.user,
      readyTimeout: t.connectTimeoutMs + LOGIN_AFTER_ANSWER_MS,
      keepaliveInterval: t.keepaliveIntervalMs,
      keepaliveCountMax: t.keepaliveCountMax,
      authHandler: sequence.handler,
      algorithms: {
        kex: KEX_ALGORITHMS,
        serverHostKey: preferredHostKeyAlgorithms(entriesFor(known, t.address, t.port), HOST_KEY_ALGORITHMS) as ServerHostKeyAlgorithm[],
      },
      hostVerifier: (key: Buffer, verify: (ok: boolean) => void): void => {
        const decision = decideHostKey(
          { host: t.host, address: t.address, port: t.port, mode: t.hostKeyChecking, entries: known, userFile: t.knownHostsFiles[0] ?? '~/.ssh/known_hosts' },
          key,
        );
        if (!decision.accept) {
          hostKeyFailure = decision.error;
          verify(false);
          return;
        }
        if (decision.changed !== undefined) {
          // checking is off, but the key is not the one known: keys only, as OpenSSH (the password stays here)
          sequence.keysOnly(decision.changed.reason);
          t.warn?.(decision.changed.warning);
        }
        const file = t.knownHostsFiles[0];
        if (!decision.record || file === undefined) {
          verify(true);
          return;
        }
        // accept-new: the key is trusted from now on; a known_hosts we cannot write does not stop the run (as OpenSSH)
        appendKnownHost(file, t.address, t.port, key).then(
          () => verify(true),
          () => verify(true),
        );
      },
      sock: stream,
      ...(t.debug === undefined ? {} : { debug: redactedTrace(t.debug, [t.password, t.keyPassphrase]) }),
    };
    try {
      client.connect(config);
      // ssh2 has paused the stream until it reads it: this listener sees its first bytes without taking them
      stream.once('data', () => clearTimeout(silence));
      // Nagle off, as for an interactive session: a channel's CLOSE and the next exec's OPEN go out back to back,
      // and with Nagle the OPEN waited for the server's delayed ACK of the CLOSE (40+ ms per sequential exec;
      // measured 80 ms -> 13 ms median for `true` on one connection). ssh2 sets no option of its own.
      client.setNoDelay(true);
    } catch (e) {
      stream.destroy();
      fail(new UnreachableError(`${t.host}: cannot connect to ${where}: ${errorMessage(e)}`, { cause: e }), false);
    }
  });
}

/**
 * Resolves once sshd's listener has stopped counting this connection as a start-up (or after `capMs`).
 *
 * We are logged in as soon as the pre-auth process has sent USERAUTH_SUCCESS, but sshd's listener counts the
 * connection against MaxStartups until the monitor, after that process has exited, closes the start-up pipe;
 * only then does it fork the post-auth process that answers our packets. On a loaded machine that lag let a
 * few logged-in connections still count, and the next handshakes crossed MaxStartups' 10 (seen in CI). So the
 * slot is freed on the first answer from the post-auth side: a reply to a request that changes nothing
 * (cancelling a remote forward that does not exist; any reply will do, so its failure is expected).
 */
function settledOnServer(client: SshClient, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, capMs);
    timer.unref();
    const done = (): void => {
      clearTimeout(timer);
      client.removeListener('close', done);
      resolve();
    };
    client.once('close', done);
    try {
      client.unforwardIn('127.0.0.1', 1, done);
    } catch {
      done();
    }
  });
}

/**
 * ssh2's trace prints each exec request's whole command line; commands can carry no_log data (never the become
 * password, which goes on stdin), so the trace names the request but not its command. ssh2 never prints the login
 * password; should a line ever hold it, it is masked all the same.
 */
export function redactedTrace(debug: (line: string) => void, secrets: readonly (Secret | undefined)[] = []): (line: string) => void {
  const hidden = secrets.map((s) => s?.reveal() ?? '').filter((s) => s !== '');
  return (line) => {
    let text = line.replace(/^(Outbound: Sending CHANNEL_REQUEST \(r:\d+, exec): .*\)$/s, '$1: <command hidden>)');
    for (const s of hidden) text = text.replaceAll(s, REDACTED);
    debug(text);
  };
}

// Drives one running command for either transport: stdin, the sudo password dialogue, output, timeout.
import type { Readable, Writable } from 'node:stream';
import { KplayError, errorMessage } from '../core/errors.js';
import type { PreparedCommand } from './command-line.js';
import type { DeferredStdin, ExecOptions, ExecResult } from './transport.js';

/** A started command, whatever carries it (an SSH channel, a child process). */
export interface RunningCommand {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** the exit code (255 when there is none) once the command ended and its output streams closed */
  readonly done: Promise<number>;
  /** stop the command: signal it and close its streams; `done` need not resolve afterwards */
  kill(): void;
}

export interface DriveOptions {
  readonly host: string;
  readonly stdin?: ExecOptions['stdin'];
  readonly timeoutMs?: number | undefined;
  readonly becomeUser?: string | undefined;
}

/**
 * Collects output as Buffers and decodes once at the end, so multi-byte UTF-8 split across chunks stays whole.
 * Rejects (never resolves with a code) when sudo itself refused: wrong password, password required, not allowed.
 */
export function driveCommand(run: RunningCommand, prepared: PreparedCommand, options: DriveOptions): Promise<ExecResult> {
  const started = performance.now();
  return new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const { marker, prompt, password } = prepared;
    let markerSeen = marker === undefined;
    let head = Buffer.alloc(0);
    let errPending = Buffer.alloc(0);
    let prompts = 0;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      fn();
    };
    const becomeFailed = (why: string): void => {
      settle(() =>
        reject(new KplayError('command', `become as ${options.becomeUser ?? 'root'} failed on ${options.host}: ${why}`, { hint: 'check ansible_become_password and the sudo rules for the user' })),
      );
    };
    if (options.timeoutMs !== undefined && options.timeoutMs > 0) {
      const ms = options.timeoutMs;
      timer = setTimeout(() => {
        settle(() => reject(timedOut(ms, options.host)));
        run.kill();
      }, ms);
    }
    // the command may exit without reading its input: a write to a closed pipe/channel is not our failure
    run.stdin.on('error', () => undefined);
    run.stdout.on('error', () => undefined);
    run.stderr.on('error', () => undefined);
    let inputSent = false;
    const deferred = isDeferred(options.stdin) ? options.stdin : undefined;
    const outWatch = watchFor(deferred?.after.stdout ?? '');
    const errWatch = watchFor(deferred?.after.stderr ?? '');
    let deferredArmed = false;
    let deferredError: Error | undefined;
    const writeDeferred = (): void => {
      if (!deferred || !deferredArmed || !outWatch.seen || !errWatch.seen) return;
      deferredArmed = false;
      const failed = (e: unknown): void => {
        deferredError = e instanceof Error ? e : new Error(errorMessage(e));
        run.stdin.end();
      };
      const send = (data: string): void => {
        if (data.length > 0) run.stdin.write(data);
        run.stdin.end();
      };
      try {
        const data = deferred.write(Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8'));
        if (typeof data === 'string') send(data);
        else data.then(send, failed);
      } catch (e) {
        failed(e);
      }
    };
    const pushOut = (chunk: Buffer): void => {
      out.push(chunk);
      if (outWatch.feed(chunk)) writeDeferred();
    };
    const pushErr = (chunk: Buffer): void => {
      err.push(chunk);
      if (errWatch.feed(chunk)) writeDeferred();
    };
    const sendInput = (): void => {
      if (inputSent) return;
      inputSent = true;
      if (deferred) {
        deferredArmed = true;
        writeDeferred();
        return;
      }
      const data = options.stdin as string | Buffer | undefined;
      if (data !== undefined && data.length > 0) run.stdin.write(data);
      run.stdin.end();
    };
    // without a password nothing but the command reads stdin (sudo -n never asks)
    if (password === undefined) sendInput();

    run.stdout.on('data', (chunk: Buffer) => {
      if (markerSeen) {
        pushOut(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(0x0a);
      if (nl < 0) return;
      markerSeen = true;
      pushOut(head.subarray(0, nl).toString('latin1') === marker ? head.subarray(nl + 1) : head);
      head = Buffer.alloc(0);
      sendInput();
    });

    run.stderr.on('data', (chunk: Buffer) => {
      if (prompt === undefined || password === undefined || markerSeen) {
        pushErr(chunk);
        return;
      }
      errPending = Buffer.concat([errPending, chunk]);
      let at = errPending.indexOf(prompt);
      while (at >= 0) {
        err.push(errPending.subarray(0, at));
        errPending = errPending.subarray(at + prompt.length);
        prompts += 1;
        if (prompts > 1) {
          becomeFailed('sudo did not accept the become password (incorrect password?)');
          run.kill();
          return;
        }
        run.stdin.write(`${password.reveal()}\n`);
        at = errPending.indexOf(prompt);
      }
      // keep only what could still be the start of a prompt split across chunks
      const keep = Math.min(errPending.length, prompt.length - 1);
      err.push(errPending.subarray(0, errPending.length - keep));
      errPending = errPending.subarray(errPending.length - keep);
    });

    run.done.then(
      (code) => {
        // The host's `timeout` fires at the same deadline as the timer here and may win the race: its exit (124,
        // or 137 after -k) at the deadline is the same timeout, not a failed command. The remote clock started a
        // little earlier (the channel opened before this drive), hence the tolerance.
        const ms = options.timeoutMs;
        if (ms !== undefined && ms > 0 && (code === 124 || code === 137) && performance.now() - started >= Math.max(ms / 2, ms - 1000)) {
          settle(() => reject(timedOut(ms, options.host)));
          return;
        }
        if (deferredError !== undefined) {
          const e = deferredError;
          settle(() => reject(e));
          return;
        }
        err.push(errPending);
        const stderr = Buffer.concat(err).toString('utf8');
        if (!markerSeen) {
          if (code !== 0) {
            becomeFailed(stderr.trim() || `sudo exited with ${code}`);
            return;
          }
          out.push(head);
        }
        settle(() => resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr, code, durationMs: Math.round(performance.now() - started) }));
      },
      (e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

function isDeferred(stdin: ExecOptions['stdin']): stdin is DeferredStdin {
  return typeof stdin === 'object' && !Buffer.isBuffer(stdin);
}

/**
 * Watches a stream, chunk by chunk, for `text` (a match may straddle two chunks; empty text is seen at once).
 * `feed` is true for the chunk with which the text first appeared.
 */
function watchFor(text: string): { readonly seen: boolean; feed(chunk: Buffer): boolean } {
  const needle = Buffer.from(text);
  let seen = needle.length === 0;
  let tail: Buffer = Buffer.alloc(0);
  return {
    get seen() {
      return seen;
    },
    feed(chunk) {
      if (seen) return false;
      const joined = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      seen = joined.includes(needle);
      tail = joined.subarray(Math.max(0, joined.length - needle.length + 1));
      return seen;
    },
  };
}

function timedOut(ms: number, host: string): KplayError {
  return new KplayError('timeout', `command timed out after ${(ms / 1000).toFixed(1)} s on ${host}`);
}

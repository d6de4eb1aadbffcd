// Found by test/lab/faults.test.ts: the host's `timeout` can end a command at the deadline before the local timer
// fires; that is still a task timeout (failed, "timed out"), not a command that failed with exit 124.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KplayError } from '../../../engine/core/errors.js';
import { prepareCommand } from '../../../engine/transport/command-line.js';
import { driveCommand, type RunningCommand } from '../../../engine/transport/exec-driver.js';

function exitingAfter(ms: number, code: number): RunningCommand {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const done = new Promise<number>((r) =>
    setTimeout(() => {
      stdout.end();
      stderr.end();
      r(code);
    }, ms),
  );
  return { stdin: new PassThrough(), stdout, stderr, done, kill: () => undefined };
}

const CASES = [
  { what: "remote `timeout` exits 124 a little before the local deadline", exitAfterMs: 280, code: 124, timeoutMs: 300, timedOut: true },
  { what: 'remote `timeout -k` exits 137 at the deadline', exitAfterMs: 290, code: 137, timeoutMs: 300, timedOut: true },
  { what: 'a command exiting 124 on its own, long before the deadline', exitAfterMs: 10, code: 124, timeoutMs: 5000, timedOut: false },
  { what: 'exit 124 without any task timeout', exitAfterMs: 10, code: 124, timeoutMs: undefined, timedOut: false },
  { what: 'another exit code near the deadline', exitAfterMs: 290, code: 1, timeoutMs: 300, timedOut: false },
] as const;

describe('exit of the remote timeout racing the local one', () => {
  it.each(CASES.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const outcome = await driveCommand(exitingAfter(c.exitAfterMs, c.code), prepareCommand('sleep 1000', undefined, undefined, 'T'), {
      host: 'h',
      timeoutMs: c.timeoutMs,
    }).then(
      (r) => r,
      (e: unknown) => e,
    );
    if (c.timedOut) {
      expect(outcome).toBeInstanceOf(KplayError);
      expect((outcome as KplayError).code).toBe('timeout');
      expect((outcome as KplayError).message).toMatch(/timed out after 0\.3 s on h/);
    } else {
      expect(outcome).toMatchObject({ code: c.code });
    }
  });
});

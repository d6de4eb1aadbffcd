// Running machine-side commands for the lab: argv only (no shell unless a script is passed), output captured.
import { spawn } from 'node:child_process';
import { LabError } from '../engine/core/errors.js';
import { shellJoin } from '../engine/core/quote.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  /** Do not throw on a non-zero exit. */
  allowFail?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const [cmd, ...args] = argv;
  if (cmd === undefined) throw new LabError('run: empty command');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env, cwd: opts.cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(new LabError(`cannot run ${cmd}: ${err.message}`, { cause: err }));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      if (result.code !== 0 && !opts.allowFail) {
        const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-8).join('\n');
        reject(new LabError(`command failed (exit ${result.code}): ${shellJoin(argv)}${tail ? `\n${tail}` : ''}`));
      } else {
        resolvePromise(result);
      }
    });
    child.stdin.on('error', () => undefined); // a command that does not read its input must not crash us
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Run a script with sh, fed on its standard input (a lab of 2000 hosts makes scripts longer than one argument
 * may be); every value inside it must have been built with sh`...`/quote.
 */
export function runScript(script: string, opts: Omit<RunOptions, 'input'> = {}): Promise<RunResult> {
  return run(['sh', '-e'], { ...opts, input: `${script}\n` });
}

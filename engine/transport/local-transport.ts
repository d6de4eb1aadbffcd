// The local transport: commands through /bin/sh on this machine (ansible_connection=local, implicit localhost).
import { spawn } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { KplayError, errorMessage } from '../core/errors.js';
import { prepareCommand } from './command-line.js';
import { driveCommand, type RunningCommand } from './exec-driver.js';
import { effectiveBecome } from './ssh-transport.js';
import type { ExecOptions, ExecResult, Transport } from './transport.js';

export class LocalTransport implements Transport {
  readonly host: string;
  readonly #user = userInfo().username;
  readonly #children = new Set<number>();
  /** reject functions of the commands running now: an interrupted run fails them with its reason at once */
  readonly #pending = new Set<(e: Error) => void>();

  constructor(host = 'localhost') {
    this.host = host;
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = effectiveBecome(options.become, this.#user);
    const prepared = prepareCommand(command, options.env, become);
    // its own process group, so a timeout stops the command's children too
    const child = spawn('/bin/sh', ['-c', prepared.line], { stdio: 'pipe', detached: true, cwd: options.cwd });
    const pid = child.pid;
    if (pid !== undefined) this.#children.add(pid);
    const signalGroup = (sig: NodeJS.Signals): void => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, sig);
      } catch {
        // already gone
      }
    };
    const running: RunningCommand = {
      stdin: child.stdin,
      stdout: child.stdout,
      stderr: child.stderr,
      done: new Promise<number>((resolve, reject) => {
        child.once('error', (e) => reject(new KplayError('command', `${this.host}: cannot run /bin/sh: ${errorMessage(e)}`, { cause: e })));
        child.once('close', (code) => {
          if (pid !== undefined) this.#children.delete(pid);
          resolve(code ?? 255);
        });
      }),
      kill: () => {
        signalGroup('SIGTERM');
        setTimeout(() => signalGroup('SIGKILL'), 2000).unref();
      },
    };
    return new Promise<ExecResult>((resolve, reject) => {
      this.#pending.add(reject);
      driveCommand(running, prepared, { host: this.host, stdin: options.stdin, timeoutMs: options.timeoutMs, becomeUser: become?.user })
        .then(resolve, reject)
        .finally(() => this.#pending.delete(reject));
    });
  }

  async put(path: string, content: Buffer, mode?: number): Promise<void> {
    try {
      await writeFile(path, content, mode === undefined ? {} : { mode });
      if (mode !== undefined) await chmod(path, mode);
    } catch (e) {
      throw new KplayError('command', `${this.host}: cannot write ${path}: ${errorMessage(e)}`, { cause: e });
    }
  }

  async get(path: string): Promise<Buffer> {
    try {
      return await readFile(path);
    } catch (e) {
      throw new KplayError('command', `${this.host}: cannot read ${path}: ${errorMessage(e)}`, { cause: e });
    }
  }

  /** Stop commands still running (an interrupted run: they fail with `why`): TERM to their groups, KILL after a grace. */
  async close(why?: KplayError): Promise<void> {
    if (why !== undefined) for (const reject of this.#pending) reject(why);
    this.#pending.clear();
    const groups = [...this.#children];
    this.#children.clear();
    const signal = (sig: NodeJS.Signals | 0): boolean => {
      let left = false;
      for (const pid of groups) {
        try {
          process.kill(-pid, sig);
          left = true;
        } catch {
          // already gone
        }
      }
      return left;
    };
    if (!signal('SIGTERM')) return;
    for (let waited = 0; waited < 1500; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
      if (!signal(0)) return;
    }
    signal('SIGKILL');
  }
}

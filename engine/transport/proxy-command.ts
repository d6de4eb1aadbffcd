// ProxyCommand as OpenSSH runs it: `exec COMMAND` through /bin/sh, its stdin/stdout the SSH stream; ended with the connection.
import { spawn, type ChildProcess } from 'node:child_process';
import { Duplex } from 'node:stream';

/** OpenSSH's ProxyCommand tokens: %h host (after HostName), %p port, %r remote user, %n name as given, %% a %. */
export function expandProxyCommand(command: string, tokens: { readonly h: string; readonly p: string; readonly r: string; readonly n: string }): string {
  return command.replace(/%(.)/g, (all, t: string) => (t === '%' ? '%' : t === 'h' || t === 'p' || t === 'r' || t === 'n' ? tokens[t] : all));
}

export interface ProxyProcess {
  /** the command's stdout and stdin, for ssh2's `sock` */
  readonly sock: Duplex;
  /** the last of what the command wrote to stderr (for the message when the connection fails) */
  readonly stderr: () => string;
  /** end the command (SIGTERM, then SIGKILL after 2 s); idempotent */
  readonly kill: () => void;
  /** resolves when the command has ended and its stderr is all read */
  readonly exited: Promise<void>;
  /** resolves when the command has ended and its stderr is all read, or after `ms` */
  readonly ended: (ms: number) => Promise<void>;
}

const STDERR_KEPT = 2000;

/** Start the (expanded) command. Its stderr is kept, not shown: the failure message carries it. */
export function startProxyCommand(command: string): ProxyProcess {
  const child: ChildProcess = spawn('/bin/sh', ['-c', `exec ${command}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let errText = '';
  child.stderr?.on('data', (d: Buffer) => {
    errText = (errText + d.toString('utf8')).slice(-STDERR_KEPT);
  });
  // a command that cannot start or dies: ssh2 sees the stream end
  child.on('error', (e) => {
    errText = (errText + e.message).slice(-STDERR_KEPT);
  });
  const { stdin, stdout } = child;
  if (stdin === null || stdout === null) throw new Error('ProxyCommand: no pipes');
  stdin.on('error', () => undefined);
  const sock = Duplex.from({ readable: stdout, writable: stdin });
  sock.on('error', () => undefined);
  // the command ended (its output all read): the stream ends with it, so ssh2 sees the connection go
  let closed = false;
  const closing = new Promise<void>((resolve) =>
    child.on('close', () => {
      closed = true;
      sock.destroy();
      resolve();
    }),
  );
  const ended = (ms: number): Promise<void> =>
    closed ? Promise.resolve() : Promise.race([closing, new Promise<void>((r) => setTimeout(r, ms).unref())]);
  let killed = false;
  const kill = (): void => {
    if (killed) return;
    killed = true;
    sock.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const hard = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 2000);
    hard.unref();
    child.once('exit', () => clearTimeout(hard));
  };
  return { sock, stderr: () => errText.trim(), kill, ended, exited: closing };
}

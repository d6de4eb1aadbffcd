// The transport interface: how the engine reaches a host. Implementations: ssh (ssh2) and local (child_process).
import type { KplayError } from '../core/errors.js';
import type { Secret } from '../core/secret.js';

export interface Become {
  /** user to become (default root) */
  readonly user: string;
  /** sudo password; absent means `sudo -n` */
  readonly password?: Secret | undefined;
}

/**
 * Stdin that depends on what the command printed first (probes, then the steps planned from them, in one
 * channel): written once stdout and stderr each contain their `after` text; stdin ends after it.
 */
export interface DeferredStdin {
  readonly after: { readonly stdout: string; readonly stderr: string };
  /** the bytes to write, from all the output so far */
  readonly write: (stdout: string, stderr: string) => string | Promise<string>;
}

export interface ExecOptions {
  /** bytes fed to the command's stdin (after the sudo password, when there is one) */
  readonly stdin?: string | Buffer | DeferredStdin | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly become?: Become | undefined;
  /** kill the command and reject with a timeout KplayError after this long */
  readonly timeoutMs?: number | undefined;
  /**
   * The directory a command on the local connection starts in: Ansible's local connection runs each command in the
   * loader's basedir (the play's playbook directory), so relative paths land beside the playbook. A remote
   * connection ignores it (the login's home, as Ansible's ssh).
   */
  readonly cwd?: string | undefined;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** exit code; 255 when the remote end gave none (killed by a signal) */
  readonly code: number;
  readonly durationMs: number;
}

/**
 * One live connection to one host. `exec` runs a POSIX sh command line (already quoted by engine/core/quote).
 * Connection problems reject with UnreachableError or HostKeyError; a command's own failure is a result
 * with a non-zero code, never a rejection.
 */
export interface Transport {
  readonly host: string;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  put(path: string, content: Buffer, mode?: number): Promise<void>;
  get(path: string): Promise<Buffer>;
  /** close the connection; with `why` (the run was interrupted) the commands running fail with it and end on the host */
  close(why?: KplayError): Promise<void>;
}

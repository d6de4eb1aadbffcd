// The command line actually run for an exec: environment exports, then sudo for become, with a start marker.
import { randomBytes } from 'node:crypto';
import { InputError } from '../core/errors.js';
import { quote } from '../core/quote.js';
import type { Secret } from '../core/secret.js';
import type { Become } from './transport.js';

export interface PreparedCommand {
  /** the sh command line to start */
  readonly line: string;
  /**
   * With become: the first stdout line the command prints once sudo let it run. Seeing it tells sudo's own
   * failures (wrong password, not in sudoers) from the command's, and when the real stdin may be sent.
   */
  readonly marker: string | undefined;
  /** With a become password: the prompt sudo prints on stderr when (and only when) it wants the password */
  readonly prompt: string | undefined;
  readonly password: Secret | undefined;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Build the line for `command` (already a quoted sh command line). The password never appears in it: it is
 * written to stdin only after sudo printed our unique prompt, and the real stdin only after the marker, so the
 * command never sees the password and sudo never eats the command's input, cached credentials or not.
 */
export function prepareCommand(
  command: string,
  env: Readonly<Record<string, string>> | undefined,
  become: Become | undefined,
  token: string = randomBytes(8).toString('hex'),
): PreparedCommand {
  const exports = Object.entries(env ?? {}).map(([k, v]) => {
    if (!ENV_NAME.test(k)) throw new InputError(`environment variable name ${JSON.stringify(k)} is not valid`);
    return `export ${k}=${quote(v)}`;
  });
  const inner = [...exports, command].join('\n');
  if (become === undefined) return { line: inner, marker: undefined, prompt: undefined, password: undefined };
  const marker = `KPLAY-BECOME-${token}`;
  const script = `echo ${marker}\n${inner}`;
  const user = quote(become.user);
  if (become.password === undefined) {
    return { line: `sudo -H -n -u ${user} -- sh -c ${quote(script)}`, marker, prompt: undefined, password: undefined };
  }
  // no `%` in the prompt: sudo expands %-escapes in -p
  const prompt = `[kplay-sudo-${token}] password:`;
  return {
    line: `sudo -H -S -p ${quote(prompt)} -u ${user} -- sh -c ${quote(script)}`,
    marker,
    prompt,
    password: become.password,
  };
}

/**
 * Stop the command on the host itself when its time is up. Closing the channel (and a TERM through it) reaches
 * only the session's first process, so a shell's children would live on; coreutils' `timeout` signals its whole
 * process group instead (TERM, then KILL 2 s later). Hosts without `timeout` get the plain command.
 */
export function withRemoteTimeout(line: string, timeoutMs: number | undefined): string {
  if (timeoutMs === undefined || timeoutMs <= 0) return line;
  const seconds = (timeoutMs / 1000).toFixed(3);
  return `if command -v timeout >/dev/null 2>&1; then exec timeout -k 2 ${seconds} sh -c ${quote(line)}; else exec sh -c ${quote(line)}; fi`;
}

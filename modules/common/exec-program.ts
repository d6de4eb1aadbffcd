// A program that could not be exec-ed, reported as Ansible's command module reports it: Python's subprocess execs
// the program directly, and one that is not there (or cannot be run) fails the task with the OSError's errno as rc
// and its message ("[Errno 2] No such file or directory: b'/opt/x'"), not changed; kplay's step `exec`s it from
// sh, whose own failure is exit 127 (not found) or 126 (cannot run) with one line on stderr naming the program.
import type { Finish, StepOutput } from '../contract.js';

/**
 * The shell's complaint (dash: `sh: 1: exec: P: not found`; bash: `sh: line 1: P: No such file or directory`), named
 * by its path where it was started by one (`/bin/sh: 1: ...` on the local connection).
 */
const SHELL_SAYS: Readonly<Record<number, { readonly words: readonly string[]; readonly errno: number; readonly text: string }>> = {
  127: { words: ['not found', 'No such file or directory'], errno: 2, text: 'No such file or directory' },
  126: { words: ['Permission denied', 'Is a directory', 'cannot execute'], errno: 13, text: 'Permission denied' },
};

/**
 * Ansible's OSError failure when the step's output is sh's own exec failure for `program`; else undefined. `cmd` is
 * reported as Ansible's run_command reports it then: the words shell-quoted and joined.
 */
export function execFailure(program: string, cmd: unknown, out: StepOutput | undefined): Finish | undefined {
  const says = out === undefined ? undefined : SHELL_SAYS[out.code];
  if (out === undefined || says === undefined || out.stdout !== '' || program === '') return undefined;
  // only the shell spoke (bash says it twice for 126: the exec, then why), and it named the program
  const lines = out.stderr.trim().split('\n');
  if (lines.length > 2 || !lines.every((l) => /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash)(?:: line \d+|: \d+)?: /.test(l))) return undefined;
  const last = lines.at(-1) ?? '';
  if (!says.words.some((w) => last.endsWith(`: ${w}`)) || !lines.some((l) => l.includes(`${program}: `))) return undefined;
  const msg = `[Errno ${says.errno}] ${says.text}: ${pyBytesRepr(program)}`;
  return { failed: msg, changed: false, data: { cmd, rc: says.errno, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], msg } };
}

/** Python's repr() of a text's UTF-8 bytes (b'/opt/x'), as an OSError names a path given as bytes. */
export function pyBytesRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '\\' || c === quote) body += `\\${c}`;
    else if (c === '\t') body += '\\t';
    else if (c === '\n') body += '\\n';
    else if (c === '\r') body += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) body += `\\x${byte.toString(16).padStart(2, '0')}`;
    else body += c;
  }
  return `b${quote}${body}${quote}`;
}

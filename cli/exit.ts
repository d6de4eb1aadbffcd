// Exit codes (DESIGN.md) and how an error reaches the user: a located message, never a stack trace for input.
import { InputError, InputErrors, KplayError } from '../engine/core/errors.js';
import { escapeControls } from '../engine/report/terminal.js';
import { formatProblems } from './validate.js';

export const EXIT = { ok: 0, failed: 2, unreachable: 4, input: 5, interrupted: 99, internal: 250 } as const;

export function exitCodeForError(err: unknown): number {
  if (!(err instanceof KplayError)) return EXIT.internal;
  switch (err.code) {
    case 'input':
      return EXIT.input;
    case 'unreachable':
    case 'host_key':
      return EXIT.unreachable;
    case 'interrupted':
      return EXIT.interrupted;
    case 'command':
    case 'timeout':
    case 'lab':
    case 'not_implemented':
      return 1;
    case 'internal':
      return EXIT.internal;
  }
}

export function printError(err: unknown): void {
  if (err instanceof InputErrors) {
    process.stderr.write(formatProblems(err.problems));
  } else if (err instanceof InputError) {
    process.stderr.write(formatProblems([err]));
  } else if (err instanceof KplayError && err.code !== 'internal') {
    // a message may quote input or what a host said: shown escaped, as every printer shows it
    process.stderr.write(escapeControls(`ERROR: ${err.describe()}\n`));
  } else {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(escapeControls(`INTERNAL ERROR (a bug in kplay, please report it):\n${detail}\n`));
  }
}

// One error base class with a literal code, an optional location and a hint; the CLI maps codes to exit codes.
import { formatLoc, type SourceLoc } from './location.js';

export type ErrorCode =
  | 'input' // a user's mistake in options, playbook, inventory or template: exit 5
  | 'unreachable' // a host could not be reached or authenticated
  | 'host_key' // a host's key is unknown or changed
  | 'command' // a command on a host failed
  | 'timeout' // a task or command exceeded its time
  | 'interrupted' // SIGINT/SIGTERM
  | 'lab' // the lab could not do what was asked (missing tool, not root, ...)
  | 'not_implemented'
  | 'internal'; // a bug in kplay

export interface ErrorDetails {
  loc?: SourceLoc | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

export class KplayError extends Error {
  readonly code: ErrorCode;
  readonly loc: SourceLoc | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'KplayError';
    this.code = code;
    this.loc = details.loc;
    this.hint = details.hint;
  }

  /** `file:line:col: message` (+ hint), the form every located problem is printed in. */
  describe(): string {
    const where = this.loc ? `${formatLoc(this.loc)}: ` : '';
    return this.hint ? `${where}${this.message}\n  hint: ${this.hint}` : `${where}${this.message}`;
  }
}

/** A user's mistake found before any host is touched. Many are collected and reported together. */
export class InputError extends KplayError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('input', message, details);
    this.name = 'InputError';
  }
}

/** Several input problems at once: `kplay validate` and `kplay run` report all of them, then exit 5. */
export class InputErrors extends KplayError {
  readonly problems: readonly InputError[];
  constructor(problems: readonly InputError[]) {
    super('input', `${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    this.name = 'InputErrors';
    this.problems = problems;
  }
}

export class UnreachableError extends KplayError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('unreachable', message, details);
    this.name = 'UnreachableError';
  }
}

export class HostKeyError extends KplayError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('host_key', message, details);
    this.name = 'HostKeyError';
  }
}

export class LabError extends KplayError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('lab', message, details);
    this.name = 'LabError';
  }
}

export class NotImplementedError extends KplayError {
  constructor(what: string) {
    super('not_implemented', `${what}: not implemented yet`);
    this.name = 'NotImplementedError';
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

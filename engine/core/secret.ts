// A value that must never be printed: it redacts itself in strings, JSON and util.inspect.
import { inspect } from 'node:util';

export const REDACTED = '********';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The only way to the plain value: grep for `.reveal()` to audit every use. */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

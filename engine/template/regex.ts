// Python `re` patterns and replacement strings, translated to JavaScript RegExp.
import { compilePythonOnce } from '../core/python-regex.js';
import { TemplateRuntimeError } from './undefined.js';

export interface RegexOptions {
  readonly ignorecase?: boolean;
  readonly multiline?: boolean;
  readonly global?: boolean;
  /** re.match: the match starts at the first character */
  readonly anchored?: boolean;
}

/** Compile a Python pattern (Python's re dialect, translated exactly or refused: engine/core/python-regex.ts). */
export function pyRegex(pattern: string, opts: RegexOptions = {}): RegExp {
  let re: RegExp;
  try {
    re = compilePythonOnce(pattern, { ignorecase: opts.ignorecase, multiline: opts.multiline });
  } catch (err) {
    throw new TemplateRuntimeError(`invalid regular expression ${JSON.stringify(pattern)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // the translation never uses JavaScript's m flag, so ^ is the start of the text
  return new RegExp(opts.anchored ? `^(?:${re.source})` : re.source, `${re.flags}${opts.global ? 'g' : ''}`);
}

/** Python replacement (\1, \g<1>, \g<name>) to a JS replacement ($1, $<name>), with `$` kept literal. */
export function pyReplacement(repl: string): string {
  return repl
    .replaceAll('$', '$$$$')
    .replace(/\\g<(\d+)>/g, '$$$1')
    .replace(/\\g<(\w+)>/g, '$$<$1>')
    .replace(/\\(\d+)/g, '$$$1')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\\\/g, '\\');
}

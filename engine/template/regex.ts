// Python `re` patterns and replacement strings, translated to JavaScript RegExp.
import { compilePython, compilePythonOnce } from '../core/python-regex.js';
import { TemplateRuntimeError } from './undefined.js';

export interface RegexOptions {
  readonly ignorecase?: boolean;
  readonly multiline?: boolean;
  readonly global?: boolean;
  /** re.match: the match starts at the first character (not with global) */
  readonly anchored?: boolean;
}

/** Compile a Python pattern (Python's re dialect, translated exactly or refused: engine/core/python-regex.ts). */
export function pyRegex(pattern: string, opts: RegexOptions = {}): RegExp {
  try {
    const flags = { ignorecase: opts.ignorecase, multiline: opts.multiline };
    return opts.global === true ? compilePython(pattern, flags) : compilePythonOnce(pattern, flags, opts.anchored);
  } catch (err) {
    throw new TemplateRuntimeError(`invalid regular expression ${JSON.stringify(pattern)}: ${err instanceof Error ? err.message : String(err)}`);
  }
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

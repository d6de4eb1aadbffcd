// Python `re` patterns and replacement strings, translated to JavaScript RegExp.
import { TemplateRuntimeError } from './undefined.js';

export interface RegexOptions {
  readonly ignorecase?: boolean;
  readonly multiline?: boolean;
  readonly global?: boolean;
}

/** Compile a Python pattern: named groups (?P<n>...), backreferences (?P=n), \A and \Z, leading inline flags. */
export function pyRegex(pattern: string, opts: RegexOptions = {}): RegExp {
  let src = pattern;
  let flags = opts.global ? 'g' : '';
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    const f = inline[1] ?? '';
    if (f.includes('i')) flags += 'i';
    if (f.includes('m')) flags += 'm';
    if (f.includes('s')) flags += 's';
  }
  if (opts.ignorecase && !flags.includes('i')) flags += 'i';
  if (opts.multiline && !flags.includes('m')) flags += 'm';
  src = src.replaceAll('(?P<', '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>').replaceAll('\\A', '^').replaceAll('\\Z', '$');
  try {
    return new RegExp(src, flags);
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

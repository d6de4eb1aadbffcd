// Python's printf-style `%` formatting: the format filter and the `%` operator on strings.
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, isDict, isList, pyRepr, pyStr } from './values.js';

const SPEC = /%(?:\((\w+)\))?([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifFeExXorc%])/g;

function one(value: unknown, flags: string, width: string | undefined, precision: string | undefined, conv: string): string {
  let out: string;
  switch (conv) {
    case 's':
      out = pyStr(value);
      if (precision !== undefined) out = out.slice(0, Number(precision));
      break;
    case 'r':
      out = pyRepr(value);
      break;
    case 'd':
    case 'i':
      out = String(Math.trunc(Number(value)));
      break;
    case 'f':
    case 'F':
      out = Number(value).toFixed(precision === undefined ? 6 : Number(precision));
      break;
    case 'e':
    case 'E':
      out = Number(value).toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, 'e$10$2');
      if (conv === 'E') out = out.toUpperCase();
      break;
    case 'x':
    case 'X':
      out = Math.trunc(Number(value)).toString(16);
      if (conv === 'X') out = out.toUpperCase();
      break;
    case 'o':
      out = Math.trunc(Number(value)).toString(8);
      break;
    case 'c':
      out = typeof value === 'number' ? String.fromCodePoint(value) : pyStr(value);
      break;
    default:
      throw new TemplateRuntimeError(`unsupported format character '${conv}'`);
  }
  if ('dfFeEi'.includes(conv) && flags.includes('+') && Number(value) >= 0) out = `+${out}`;
  const w = width === undefined ? 0 : Number(width);
  if (out.length < w) {
    if (flags.includes('-')) out = out.padEnd(w);
    else if (flags.includes('0') && conv !== 's') out = out.startsWith('-') || out.startsWith('+') ? out[0] + out.slice(1).padStart(w - 1, '0') : out.padStart(w, '0');
    else out = out.padStart(w);
  }
  return out;
}

/** `fmt % args`: args is a list of positional values or one value, or a dict for %(name)s. */
export function pyFormat(fmt: string, args: unknown): string {
  const positional = isList(args) ? args : [args];
  let next = 0;
  const out = fmt.replace(SPEC, (_m, name: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    let value: unknown;
    if (name !== undefined) {
      if (!isDict(args) || !hasKey(args, name)) throw new TemplateRuntimeError(`format requires a mapping with key '${name}'`);
      value = args[name];
    } else {
      if (next >= positional.length) throw new TemplateRuntimeError('not enough arguments for format string');
      value = positional[next++];
    }
    return one(value, flags, width === '*' ? undefined : width, precision, conv);
  });
  if (!isDict(args) && next < positional.length) throw new TemplateRuntimeError('not all arguments converted during string formatting');
  return out;
}

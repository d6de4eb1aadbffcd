// A backslash escape in a Jinja string literal, as Jinja2's lexer decodes it (Python's unicode-escape codec),
// spelled in the escapes @huggingface/jinja's lexer knows (\n \t \r \b \f \v \' \" \\ \xHH \uHHHH): Python's \a,
// octal \ooo, \UHHHHHHHH and a backslash before a newline are translated; a pair Python keeps as written (\d, and
// \N{NAME}, whose names kplay has no table of) is doubled so the library keeps it too.

/** escapes the library's lexer decodes as Python does */
const SHARED = new Set(['n', 't', 'r', 'b', 'f', 'v', "'", '"', '\\', 'x', 'u']);

const hex4 = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`;

/** `\U0001F600` as the library can read it: one \u escape, or a surrogate pair; undefined when not 8 hex digits. */
function wideEscape(digits: string): string | undefined {
  if (!/^[0-9a-fA-F]{8}$/.test(digits)) return undefined;
  const code = parseInt(digits, 16);
  if (code > 0x10ffff) throw new SyntaxError(`illegal Unicode character: \\U${digits}`);
  if (code <= 0xffff) return hex4(code);
  const v = code - 0x10000;
  return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
}

/**
 * The escape whose backslash is at `at` in `text` (inside a string literal): its spelling for the library's lexer
 * and how many characters of `text` it takes, backslash included.
 */
export function libraryEscape(text: string, at: number): { spelled: string; length: number } {
  const next = text[at + 1] ?? '';
  if (SHARED.has(next)) return { spelled: `\\${next}`, length: 2 };
  if (next === 'a') return { spelled: '\\x07', length: 2 };
  if (next === '\n') return { spelled: '', length: 2 };
  const octal = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))?.[0];
  if (octal !== undefined) return { spelled: hex4(parseInt(octal, 8)), length: 1 + octal.length };
  if (next === 'U') {
    const digits = text.slice(at + 2, at + 10);
    const wide = wideEscape(digits);
    if (wide === undefined) throw new SyntaxError(`truncated \\UXXXXXXXX escape: \\U${digits}`);
    return { spelled: wide, length: 10 };
  }
  return { spelled: `\\\\${next}`, length: 2 };
}

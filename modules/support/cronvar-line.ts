// A crontab line as community.general.cronvar reads it (its parse_for_var): Python's non-POSIX shlex over the line,
// every ASCII character but = ' " a word character. A line is a variable when its second token is "="; the value is
// the rest of the tokens joined with nothing between them, so quotes stay, blanks go and a # ends the line:
// `PATH = /usr/bin:/bin` is PATH with /usr/bin:/bin, `MAILTO="ops"` is MAILTO with "ops" (its quotes included).

/** What cronvar makes of one line: a variable, not a variable, or the exception its lexer raises. */
export type CronVarLine =
  | { readonly kind: 'var'; readonly name: string; readonly value: string }
  | { readonly kind: 'other' }
  | { readonly kind: 'error'; readonly exception: string };

const WHITESPACE = ' \t\r\n';
const QUOTES = '\'"';
const isWordChar = (c: string): boolean => (c.codePointAt(0) ?? 0) < 128 && c !== '=' && !QUOTES.includes(c);

/** The line's variable, as parse_for_var reads it (the whole line is lexed, so a bad quote anywhere raises). */
export function parseCronVarLine(line: string): CronVarLine {
  const tokens = lex(line);
  if ('exception' in tokens) return { kind: 'error', exception: tokens.exception };
  const [name = '', eq = ''] = tokens;
  return eq === '=' ? { kind: 'var', name, value: tokens.slice(2).join('') } : { kind: 'other' };
}

/** The tokens of shlex.shlex(line) (posix=False) up to its end-of-file token ''. */
function lex(line: string): string[] | { exception: string } {
  const chars = Array.from(line);
  let pos = 0;
  // shlex's state: ' ' between tokens, 'a' in a word, a quote character inside quotes, null past the end
  let state: string | null = ' ';
  // shlex's pushback: the character that ended a word, returned as the next token
  const pushback: string[] = [];
  const tokens: string[] = [];
  for (;;) {
    const pushed = pushback.shift();
    if (pushed !== undefined) {
      tokens.push(pushed);
      continue;
    }
    let token = '';
    for (;;) {
      const c = pos < chars.length ? (chars[pos++] ?? '') : '';
      if (state === null) break;
      if (state === ' ') {
        if (c === '') state = null;
        else if (WHITESPACE.includes(c)) {
          if (token !== '') break;
        } else if (c === '#') pos = chars.length;
        else if (isWordChar(c)) [token, state] = [c, 'a'];
        else if (QUOTES.includes(c)) [token, state] = [c, c];
        else token = c;
        if (state === null || (state === ' ' && token !== '')) break;
      } else if (state === 'a') {
        if (c === '') {
          state = null;
          break;
        }
        if (WHITESPACE.includes(c)) {
          state = ' ';
          if (token !== '') break;
        } else if (c === '#') pos = chars.length;
        else if (isWordChar(c) || QUOTES.includes(c)) token += c;
        else {
          pushback.unshift(c);
          state = ' ';
          if (token !== '') break;
        }
      } else {
        if (c === '') return { exception: 'ValueError: No closing quotation' };
        token += c;
        if (c === state) {
          state = ' ';
          break;
        }
      }
    }
    if (token === '') return tokens;
    tokens.push(token);
  }
}

// Python's shlex.split(line, comments=True, posix=True): how Ansible's INI parser cuts a host line into tokens.

export class ShlexError extends Error {}

const WHITESPACE = ' \t\r\n';
const QUOTES = `'"`;

/**
 * Ported from CPython's shlex.read_token with whitespace_split=True: '#' starts a comment even inside a word,
 * quotes may open mid-word, a backslash escapes outside quotes and only `"`/`\` inside double quotes.
 */
export function shlexSplit(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  for (;;) {
    let token = '';
    let quoted = false;
    let state: string | null = ' ';
    let escapedState = ' ';
    let done = false;
    while (!done) {
      const ch = i < line.length ? line[i]! : '';
      i++;
      if (state === ' ') {
        if (ch === '') {
          state = null;
          done = true;
        } else if (WHITESPACE.includes(ch)) {
          if (token || quoted) done = true;
        } else if (ch === '#') {
          i = line.length; // rest of the line is a comment
        } else if (ch === '\\') {
          escapedState = 'a';
          state = ch;
        } else if (QUOTES.includes(ch)) {
          state = ch;
        } else {
          token = ch;
          state = 'a';
        }
      } else if (state === "'" || state === '"') {
        quoted = true;
        if (ch === '') throw new ShlexError('No closing quotation');
        if (ch === state) state = 'a';
        else if (ch === '\\' && state === '"') {
          escapedState = state;
          state = ch;
        } else token += ch;
      } else if (state === '\\') {
        if (ch === '') throw new ShlexError('No escaped character');
        if (QUOTES.includes(escapedState) && ch !== state && ch !== escapedState) token += state;
        token += ch;
        state = escapedState;
      } else {
        // state 'a': inside a word
        if (ch === '') {
          state = null;
          done = true;
        } else if (WHITESPACE.includes(ch)) {
          state = ' ';
          if (token || quoted) done = true;
        } else if (ch === '#') {
          i = line.length;
          state = ' ';
          if (token || quoted) done = true;
        } else if (QUOTES.includes(ch)) {
          state = ch;
        } else if (ch === '\\') {
          escapedState = 'a';
          state = ch;
        } else token += ch;
      }
    }
    if (token === '' && !quoted) break;
    tokens.push(token);
    if (state === null) break;
  }
  return tokens;
}

// Python's re dialect translated to an equivalent JavaScript RegExp (u flag), and re.subn; what has no exact translation is refused.

export interface PyFlags {
  readonly ignorecase?: boolean | undefined;
  readonly multiline?: boolean | undefined;
  readonly dotall?: boolean | undefined;
  /** a bytes pattern (Ansible's blockinfile): \w \d \s \b are ASCII-only */
  readonly ascii?: boolean | undefined;
}

/** Python's str.isspace() set, which \s matches (JavaScript's \s differs: it has \ufeff, lacks \x1c-\x1f and \x85). */
const SPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WORD = '\\p{L}\\p{N}_';
const DIGIT = '\\p{Nd}';
const A_SPACE = '\\t-\\r ';
const A_WORD = 'A-Za-z0-9_';
const A_DIGIT = '0-9';
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/-']);

export class PyRegexError extends Error {}

interface Mode {
  multiline: boolean;
  dotall: boolean;
  ignorecase: boolean;
  ascii: boolean;
}

function sets(m: Mode): { s: string; w: string; d: string } {
  return m.ascii ? { s: A_SPACE, w: A_WORD, d: A_DIGIT } : { s: SPACE, w: WORD, d: DIGIT };
}

/** Leading global inline flags, (?imsx) as Python requires them: at the start of the pattern. */
function leadingFlags(pattern: string, mode: Mode): number {
  let i = 0;
  for (;;) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(pattern.slice(i));
    if (!m) return i;
    for (const f of m[1] ?? '') {
      if (f === 'i') mode.ignorecase = true;
      else if (f === 'm') mode.multiline = true;
      else if (f === 's') mode.dotall = true;
      else if (f === 'a') mode.ascii = true;
      else if (f !== 'u') throw new PyRegexError(`the inline flag (?${f}) has no JavaScript equivalent`);
    }
    i += m[0].length;
  }
}

/** A simple escape (outside or inside a class): its translation, or undefined when it is not one of them. */
function simpleEscape(c: string, inClass: boolean, m: Mode): string | undefined {
  const { s, w, d } = sets(m);
  switch (c) {
    case 'd': return inClass ? d : `[${d}]`;
    case 'w': return inClass ? w : `[${w}]`;
    case 's': return inClass ? s : `[${s}]`;
    case 'D': case 'W': case 'S':
      if (inClass) throw new PyRegexError(`\\${c} inside a character class is not supported`);
      return `[^${c === 'D' ? d : c === 'W' ? w : s}]`;
    case 'n': return '\\n';
    case 't': return '\\t';
    case 'r': return '\\r';
    case 'f': return '\\f';
    case 'v': return '\\v';
    case 'a': return '\\x07';
    default:
      if (/[A-Za-z0-9]/.test(c)) return undefined;
      return SYNTAX.has(c) ? `\\${c}` : c;
  }
}

function hexEscape(p: string, i: number, c: string): { out: string; len: number } | undefined {
  const n = c === 'x' ? 2 : c === 'u' ? 4 : 0;
  if (n === 0) return undefined;
  const hex = p.slice(i + 2, i + 2 + n);
  if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new PyRegexError(`incomplete escape \\${c}${hex}`);
  return { out: `\\u{${hex}}`, len: 2 + n };
}

/** Translate a Python pattern; throws PyRegexError for what cannot be translated exactly. */
export function translatePython(pattern: string, flags: PyFlags = {}): { source: string; flags: string; multiline: boolean } {
  const mode: Mode = { multiline: flags.multiline === true, dotall: flags.dotall === true, ignorecase: flags.ignorecase === true, ascii: flags.ascii === true };
  let i = leadingFlags(pattern, mode);
  const { w } = sets(mode);
  let out = '';
  const p = pattern;
  while (i < p.length) {
    const c = p[i] ?? '';
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) throw new PyRegexError('bad escape (end of pattern)');
      if (e === 'A') { out += '(?<![\\s\\S])'; i += 2; continue; }
      if (e === 'Z') { out += '(?![\\s\\S])'; i += 2; continue; }
      if (e === 'b' || e === 'B') {
        const at = `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
        out += e === 'b' ? at : `(?!${at})`;
        i += 2;
        continue;
      }
      if (/[1-9]/.test(e)) {
        const num = /^[0-9]{1,2}/.exec(p.slice(i + 1))?.[0] ?? e;
        out += `\\${num}`;
        i += 1 + num.length;
        continue;
      }
      if (e === '0') throw new PyRegexError('octal escapes are not supported');
      const hx = hexEscape(p, i, e);
      if (hx) { out += hx.out; i += hx.len; continue; }
      const t = simpleEscape(e, false, mode);
      if (t === undefined) throw new PyRegexError(`bad escape \\${e}`);
      out += t;
      i += 2;
      continue;
    }
    if (c === '[') {
      const r = translateClass(p, i, mode);
      out += r.out;
      i = r.end;
      continue;
    }
    if (c === '(') {
      const rest = p.slice(i);
      const named = /^\(\?P<(\w+)>/u.exec(rest);
      if (named) { out += `(?<${named[1] ?? ''}>`; i += named[0].length; continue; }
      const ref = /^\(\?P=(\w+)\)/u.exec(rest);
      if (ref) { out += `\\k<${ref[1] ?? ''}>`; i += ref[0].length; continue; }
      if (rest.startsWith('(?#')) {
        const end = p.indexOf(')', i);
        if (end < 0) throw new PyRegexError('missing ), unterminated comment');
        i = end + 1;
        continue;
      }
      const plain = /^\((?:\?(?::|=|!|<=|<!))?/.exec(rest)?.[0] ?? '(';
      if (plain !== '(' || !rest.startsWith('(?')) { out += plain; i += plain.length; continue; }
      throw new PyRegexError(`the group ${rest.slice(0, 4)}... (scoped flags, conditionals, atomic groups) has no JavaScript equivalent`);
    }
    if (c === '.') { out += mode.dotall ? '[\\s\\S]' : '[^\\n]'; i += 1; continue; }
    if (c === '^') { out += mode.multiline ? '(?<![^\\n])' : '(?<![\\s\\S])'; i += 1; continue; }
    if (c === '$') { out += mode.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'; i += 1; continue; }
    if (c === '{') {
      const q = /^\{(\d*)(?:(,)(\d*))?\}/.exec(p.slice(i));
      if (q && (q[1] !== '' || (q[2] !== undefined && q[3] !== ''))) {
        out += q[2] === undefined ? `{${q[1] ?? ''}}` : `{${q[1] === '' ? '0' : q[1] ?? '0'},${q[3] ?? ''}}`;
        i += q[0].length;
        if (p[i] === '+') throw new PyRegexError('possessive quantifiers have no JavaScript equivalent');
        continue;
      }
      out += '\\{';
      i += 1;
      continue;
    }
    if (c === '}') { out += '\\}'; i += 1; continue; }
    if ((c === '*' || c === '+' || c === '?') && p[i + 1] === '+') throw new PyRegexError('possessive quantifiers have no JavaScript equivalent');
    if (c === '/') { out += '\\/'; i += 1; continue; }
    out += c;
    i += 1;
  }
  return { source: out, flags: `gu${mode.ignorecase ? 'i' : ''}`, multiline: mode.multiline };
}

function translateClass(p: string, start: number, mode: Mode): { out: string; end: number } {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') { out += '^'; i += 1; }
  let first = true;
  while (i < p.length) {
    const c = p[i] ?? '';
    if (c === ']' && !first) return { out: `${out}]`, end: i + 1 };
    first = false;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) break;
      if (e === 'b') { out += '\\x08'; i += 2; continue; }
      const hx = hexEscape(p, i, e);
      if (hx) { out += hx.out; i += hx.len; continue; }
      if (/[0-9]/.test(e)) throw new PyRegexError('octal escapes in a character class are not supported');
      const t = simpleEscape(e, true, mode);
      if (t === undefined) throw new PyRegexError(`bad escape \\${e}`);
      out += t;
      i += 2;
      continue;
    }
    out += c === '[' || c === ']' || c === '/' ? `\\${c}` : c;
    i += 1;
  }
  throw new PyRegexError(`unterminated character set at position ${start}`);
}

/** Compile a Python pattern to a global JavaScript RegExp. */
export function compilePython(pattern: string, flags: PyFlags = {}): RegExp {
  return compileWithFlags(pattern, flags).re;
}

/**
 * Compile a Python pattern to a JavaScript RegExp without the g flag (for test, exec once, match and split);
 * `anchored`: as Python's re.match, the match starts at the first character (the translation never uses
 * JavaScript's m flag, so ^ is the start of the text).
 */
export function compilePythonOnce(pattern: string, flags: PyFlags = {}, anchored = false): RegExp {
  const t = translatePython(pattern, flags);
  return build(anchored ? `^(?:${t.source})` : t.source, t.flags.replace('g', ''));
}

/** Compile, and say whether the pattern turned MULTILINE on itself with (?m). */
export function compileWithFlags(pattern: string, flags: PyFlags = {}): { re: RegExp; multiline: boolean } {
  const t = translatePython(pattern, flags);
  return { re: build(t.source, t.flags), multiline: t.multiline };
}

/** The RegExp of a translation; what JavaScript still refuses is a PyRegexError. */
function build(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new PyRegexError(err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err));
  }
}

/** Python's re template expansion (re.sub's repl): \1, \g<1>, \g<name>, \n and friends; a bad escape is an error. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i] ?? '';
    if (c !== '\\') { out += c; continue; }
    const e = template[i + 1];
    if (e === undefined) throw new PyRegexError('bad escape (end of replacement)');
    if (e === 'g') {
      const g = /^<([^>]*)>/.exec(template.slice(i + 2));
      if (!g) throw new PyRegexError('missing < or > in \\g of the replacement');
      out += group(m, g[1] ?? '');
      i += 1 + g[0].length;
      continue;
    }
    if (/[1-9]/.test(e)) {
      const num = /^[0-9]{1,2}/.exec(template.slice(i + 1))?.[0] ?? e;
      out += group(m, num);
      i += num.length;
      continue;
    }
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    const s = simple[e];
    if (s !== undefined) out += s;
    else if (/[A-Za-z0-9]/.test(e)) throw new PyRegexError(`bad escape \\${e} in the replacement`);
    else out += `\\${e}`;
    i += 1;
  }
  return out;
}

function group(m: RegExpExecArray, key: string): string {
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    if (n >= m.length) throw new PyRegexError(`invalid group reference ${key}`);
    return m[n] ?? '';
  }
  if (!m.groups || !(key in m.groups)) throw new PyRegexError(`unknown group name '${key}'`);
  return m.groups[key] ?? '';
}

/** Python's re.subn: every non-overlapping match replaced, and their count (empty matches as Python 3.7+ takes them). */
export function pySubn(re: RegExp, template: string, text: string): { text: string; count: number } {
  let count = 0;
  let out = '';
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    count += 1;
    out += text.slice(last, m.index) + expandTemplate(template, m);
    last = m.index + m[0].length;
    if (m[0] === '') re.lastIndex = last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
    if (last >= text.length && m[0] === '') break;
  }
  return { text: out + text.slice(last), count };
}

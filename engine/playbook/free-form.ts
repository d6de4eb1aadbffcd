// `module: key=value key2="two words" free text` -> words as Ansible's split_args/parse_kv see them: quotes and
// {{ ... }} keep spaces inside one word; each word keeps its offset so errors can point into the line.

export interface Word {
  /** the word as written (quotes kept) */
  readonly raw: string;
  /** character offset of the word in the text */
  readonly start: number;
  /** for key=value words: the key and the unquoted value */
  readonly key?: string | undefined;
  readonly value?: string | undefined;
}

export type SplitResult = { readonly words: Word[] } | { readonly error: string; readonly index: number };

/** Split on blanks outside quotes and outside {{ }}, {% %}, {# #}. */
export function splitWords(text: string): SplitResult {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    let quoteAt = 0;
    let depth = 0;
    while (i < text.length) {
      const c = text[i] ?? '';
      const two = text.slice(i, i + 2);
      // as Ansible's split_args: a quote right after a backslash neither opens nor closes, in either kind of quotes
      const escaped = text[i - 1] === '\\';
      if (quote) {
        if (c === quote && !escaped) quote = undefined;
      } else if (two === '{{' || two === '{%' || two === '{#') {
        depth++;
        i++;
      } else if (depth > 0 && (two === '}}' || two === '%}' || two === '#}')) {
        depth--;
        i++;
      } else if ((c === '"' || c === "'") && !escaped) {
        quote = c;
        quoteAt = i;
      } else if (depth === 0 && /\s/.test(c)) break;
      i++;
    }
    if (quote) return { error: `the ${quote} opened here is never closed`, index: quoteAt };
    words.push(keyValue(text.slice(start, i), start));
  }
  return { words };
}

// The escapes Ansible's parse_kv decodes in a key=value word before it splits and unquotes it (Python's
// unicode-escape of \\U........, \\u...., \\x.., and \\ \' \" \a \b \f \n \r \t \v). \N{NAME} is left as written.
const ESCAPE = /\\(?:U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\'"abfnrtv])/g;
const SINGLE: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function decodeEscapes(text: string): string {
  return text.replace(ESCAPE, (m) => {
    const c = m[1] ?? '';
    if (c === 'U' || c === 'u' || c === 'x') {
      const code = parseInt(m.slice(2), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return SINGLE[c] ?? m;
  });
}

/** Ansible's unquote: the outer quotes go when both ends are the same quote and the last is not escaped. */
function unquote(v: string): string {
  if (v.length > 1 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] && v[v.length - 2] !== '\\') return v.slice(1, -1);
  return v;
}

/**
 * As Ansible's parse_kv: the key is what stands before the first `=` that is not at the start and not escaped
 * (`daemon-reload=true`, `{{ item.key }}={{ v }}`), both sides stripped; a word whose only `=` are escaped is text.
 */
function keyValue(raw: string, start: number): Word {
  const decoded = decodeEscapes(raw);
  let pos = decoded.indexOf('=', 1);
  while (pos > 0 && decoded[pos - 1] === '\\') pos = decoded.indexOf('=', pos + 1);
  if (pos <= 0) return { raw, start };
  // decoded before unquoting, as Ansible: "a\"b" is a"b, and 'one\ntwo' holds a newline
  return { raw, start, key: decoded.slice(0, pos).trim(), value: unquote(decoded.slice(pos + 1).trim()) };
}

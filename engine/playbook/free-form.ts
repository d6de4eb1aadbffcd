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
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = undefined;
      } else if (two === '{{' || two === '{%' || two === '{#') {
        depth++;
        i++;
      } else if (depth > 0 && (two === '}}' || two === '%}' || two === '#}')) {
        depth--;
        i++;
      } else if (c === '"' || c === "'") {
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

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
    const inner = v.slice(1, -1);
    return v[0] === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner;
  }
  return v;
}

function keyValue(raw: string, start: number): Word {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(raw);
  if (!m) return { raw, start };
  return { raw, start, key: m[1], value: unquote(m[2] ?? '') };
}

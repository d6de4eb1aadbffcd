// {% call m.section(x) %}...{% endcall %}: the library's parser takes only a plain name after `call` (and its
// optional caller parameters), so a dotted name, a macro of an imported template, becomes one identifier token,
// which the evaluator reads back as the name and its attributes (callBlockCallee).
import type { Token } from './jinja-lib.js';

const isWord = (t: Token | undefined, word: string): boolean => t?.type === 'Identifier' && t.value === word;

/** The tokens with the dotted callee of each call block joined into one identifier. */
export function joinCallCallee(tokens: Token[]): Token[] {
  if (!tokens.some((t) => isWord(t, 'call'))) return tokens;
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    if (!(out[i]?.type === 'OpenStatement' && isWord(out[i + 1], 'call'))) continue;
    let k = i + 2;
    if (out[k]?.type === 'OpenParen') {
      for (let depth = 0; k < out.length; k++) {
        if (out[k]?.type === 'OpenParen') depth++;
        else if (out[k]?.type === 'CloseParen' && --depth === 0) break;
      }
      k++;
    }
    const first = out[k];
    if (first?.type !== 'Identifier') continue;
    let name = first.value;
    let end = k + 1;
    while (out[end]?.type === 'Dot' && out[end + 1]?.type === 'Identifier') {
      name += `.${(out[end + 1] as Token).value}`;
      end += 2;
    }
    if (end > k + 1) out.splice(k, end - k, { type: 'Identifier', value: name });
  }
  return out;
}

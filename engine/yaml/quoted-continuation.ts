// PyYAML, Ansible's parser, takes a quoted string or a flow collection whose continuation lines are indented less
// than its key (a `"{{` ... `}}"` closed at column 0, `["{%` ... `%}"]`); the yaml package refuses it. Indenting
// those lines changes no value: inside quotes and brackets line breaks fold, and the indentation of continuation
// lines is dropped.

/**
 * A value that opens with a quote or a flow collection: `key: "`, `- "`, `- key: '`, `key: [`, `- {` (the opener is
 * the last character matched).
 */
const OPENED_VALUE = /^( *(?:- +)*(?:[^\s#'"{[\]}][^#]*?: +)?)["'[{]/;
/** A block scalar's header at the end of a line (`key: |`, `- >-`): the lines below it are its text. */
const BLOCK_SCALAR = /(?:^|[:-] )\s*[|>][-+0-9]*\s*(?:#.*)?$/;

/** Where the string opened at `open` closes, or -1. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote === '"' && ch === '\\') i++;
    else if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** Where the flow collection opened at `open` closes (quoted strings and comments inside skipped), or -1. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = closingQuote(text, i);
      if (i < 0) return -1;
    } else if (ch === '#' && /\s/.test(text[i - 1] ?? '')) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return -1;
      i = eol;
    } else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * The text with the continuation lines of every quoted or flow value indented at least to its opener's column, or
 * undefined when no line needed it. Block scalars' text is left as it is.
 */
export function indentQuotedContinuations(text: string): string | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += (lines[i] ?? '').length + 1, i++) starts.push(at);
  let blockParent = -1;
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const indent = line.length - line.trimStart().length;
    if (blockParent >= 0) {
      if (line.trim() === '' || indent > blockParent) continue;
      blockParent = -1;
    }
    if (BLOCK_SCALAR.test(line)) {
      blockParent = indent;
      continue;
    }
    const m = OPENED_VALUE.exec(line);
    if (m === null) continue;
    const column = m[0].length - 1;
    const opener = (starts[i] ?? 0) + column;
    const close = line[column] === '"' || line[column] === "'" ? closingQuote(text, opener) : closingBracket(text, opener);
    if (close < 0) break;
    let last = i;
    while (last + 1 < lines.length && (starts[last + 1] ?? Infinity) <= close) last++;
    for (let j = i + 1; j <= last; j++) {
      const cont = lines[j] ?? '';
      if (cont.trim() === '' || cont.length - cont.trimStart().length >= column) continue;
      lines[j] = ' '.repeat(column) + cont.trimStart();
      changed = true;
    }
    i = last;
  }
  return changed ? lines.join('\n') : undefined;
}

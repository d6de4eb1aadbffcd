// Python's ast.literal_eval: what Ansible's INI parser turns `k=v` values into, and what its templates turn a result
// that looks like a list, a mapping or a boolean into.
//
// Ansible tries literal_eval and keeps the raw string when it fails, so this parser only has to recognise what
// Python accepts as a literal; anything else (names, calls, syntax errors) means "a string".
import { dict } from './dict.js';
import { floatRepr, PyFloat, pyFloat } from './pyfloat.js';

/** A value literal_eval produced. Sets become arrays and bytes become text (see normaliseForAnsible); a float that is a whole number is a PyFloat. */
export type PyValue = string | number | PyFloat | boolean | null | PyValue[] | { [key: string]: PyValue };

class NotLiteral extends Error {}

type Tok =
  | { kind: 'num'; value: number; complex: boolean; float: boolean }
  | { kind: 'str'; value: string; bytes: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'op'; value: string }
  | { kind: 'end' };

const DIGITS = (re: string): string => `${re}(?:_?${re})*`;
const DEC = DIGITS('[0-9]');
const NUMBER_RE = new RegExp(
  '^(?:' +
    [
      `0[bB](?:_?[01])+`,
      `0[oO](?:_?[0-7])+`,
      `0[xX](?:_?[0-9a-fA-F])+`,
      // floats and imaginaries before plain integers so the longest form wins
      `(?:(?:${DEC})?\\.${DEC}|${DEC}\\.)(?:[eE][-+]?${DEC})?[jJ]?`,
      `${DEC}[eE][-+]?${DEC}[jJ]?`,
      `${DEC}[jJ]`,
      `[1-9](?:_?[0-9])*`,
      `0+(?:_?0)*`,
    ].join('|') +
    ')',
);
const STRING_PREFIX_RE = /^(?:[rR][bB]?|[bB][rR]?|[uU]|[fF][rR]?|[rR][fF])?(?='|")/;
const NAME_RE = /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*/;

function parseNumber(text: string): { value: number; complex: boolean; float: boolean } {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { value: Number(clean.slice(0, -1)), complex: true, float: false };
  const lower = clean.toLowerCase();
  if (lower.startsWith('0b')) return { value: parseInt(clean.slice(2), 2), complex: false, float: false };
  if (lower.startsWith('0o')) return { value: parseInt(clean.slice(2), 8), complex: false, float: false };
  if (lower.startsWith('0x')) return { value: parseInt(clean.slice(2), 16), complex: false, float: false };
  // a point or an exponent makes a decimal a float (1e3 is 1000.0)
  return { value: Number(clean), complex: false, float: /[.eE]/.test(clean) };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function unescape(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      if (bytes && ch.charCodeAt(0) > 127) throw new NotLiteral('non-ASCII character in bytes');
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new NotLiteral('trailing backslash');
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\n') {
      i++;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else if (next === 'x') {
      const m = /^[0-9a-fA-F]{2}/.exec(body.slice(i + 2));
      if (!m) throw new NotLiteral('bad \\x escape');
      out += String.fromCharCode(parseInt(m[0], 16));
      i += 3;
    } else if (!bytes && (next === 'u' || next === 'U')) {
      const n = next === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new NotLiteral('bad unicode escape');
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new NotLiteral('bad unicode escape');
      out += String.fromCodePoint(cp);
      i += 1 + n;
    } else if (!bytes && next === 'N') {
      // \N{NAME} needs Unicode's name table; treat as not-a-literal (the raw text is kept).
      throw new NotLiteral('\\N escape');
    } else {
      out += ch; // unknown escapes keep their backslash, as in Python
    }
  }
  if (bytes) {
    // bytes are decoded as UTF-8 text, as Ansible's to_text does with a top-level bytes value
    return Buffer.from(out, 'latin1').toString('utf8');
  }
  return out;
}

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      i++;
      continue;
    }
    if (ch === '#') break;
    if (ch === '\r' || ch === '\n') throw new NotLiteral('newline');
    const rest = src.slice(i);
    const prefix = STRING_PREFIX_RE.exec(rest);
    if (prefix) {
      const p = prefix[0].toLowerCase();
      if (p.includes('f')) throw new NotLiteral('f-string');
      const q0 = i + prefix[0].length;
      const triple = src.startsWith(src[q0]!.repeat(3), q0);
      const quote = triple ? src[q0]!.repeat(3) : src[q0]!;
      let j = q0 + quote.length;
      let body = '';
      for (;;) {
        if (j >= src.length) throw new NotLiteral('unterminated string');
        if (src.startsWith(quote, j)) break;
        if (src[j] === '\\') {
          if (j + 1 >= src.length) throw new NotLiteral('unterminated string');
          body += src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        body += src[j];
        j++;
      }
      const raw = p.includes('r');
      const bytes = p.includes('b');
      if (raw && bytes && [...body].some((c) => c.charCodeAt(0) > 127)) throw new NotLiteral('non-ASCII bytes');
      toks.push({ kind: 'str', value: raw ? body : unescape(body, bytes), bytes });
      i = j + quote.length;
      continue;
    }
    const num = /^[0-9]|^\.[0-9]/.test(rest) ? NUMBER_RE.exec(rest) : null;
    if (num) {
      const after = rest[num[0].length];
      if (after !== undefined && /[A-Za-z0-9_.]/.test(after)) throw new NotLiteral('invalid number');
      toks.push({ kind: 'num', ...parseNumber(num[0]) });
      i += num[0].length;
      continue;
    }
    if (/^[0-9]/.test(rest)) throw new NotLiteral('invalid number');
    const name = NAME_RE.exec(rest);
    if (name) {
      toks.push({ kind: 'name', value: name[0] });
      i += name[0].length;
      continue;
    }
    if ('()[]{},:+-'.includes(ch)) {
      toks.push({ kind: 'op', value: ch });
      i++;
      continue;
    }
    throw new NotLiteral(`unexpected ${ch}`);
  }
  toks.push({ kind: 'end' });
  return toks;
}

/** Internal tree: enough to apply literal_eval's rules after parsing. */
type Node =
  | { t: 'const'; value: PyValue; numeric: boolean; complex: boolean; float?: boolean }
  | { t: 'list' | 'tuple' | 'set'; items: Node[] }
  | { t: 'dict'; keys: Node[]; values: Node[] }
  | { t: 'unary'; op: string; operand: Node }
  | { t: 'binop'; op: string; left: Node; right: Node };

const JSON_NAMES = new Map<string, boolean | null>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

class Parser {
  private pos = 0;
  /** jsonNames: true, false and null are the constants (Ansible's Json2Python before a template's literal_eval) */
  constructor(
    private readonly toks: Tok[],
    private readonly jsonNames = false,
  ) {}

  private peek(): Tok {
    return this.toks[this.pos]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw new NotLiteral(`expected ${v}`);
    this.pos++;
  }

  parseTop(): Node {
    const first = this.parseExpr();
    let node = first;
    if (this.isOp(',')) node = this.tupleRest(first, 'end');
    if (this.peek().kind !== 'end') throw new NotLiteral('trailing input');
    return node;
  }

  /** `a, b, c` after the first element; stops at `closer` (an op value or 'end'). */
  private tupleRest(first: Node, closer: string): Node {
    const items = [first];
    while (this.isOp(',')) {
      this.pos++;
      const t = this.peek();
      if ((t.kind === 'end' && closer === 'end') || (t.kind === 'op' && t.value === closer)) break;
      items.push(this.parseExpr());
    }
    return { t: 'tuple', items };
  }

  private parseExpr(): Node {
    let left = this.parseUnary();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { value: string }).value;
      this.pos++;
      left = { t: 'binop', op, left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): Node {
    if (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { value: string }).value;
      this.pos++;
      return { t: 'unary', op, operand: this.parseUnary() };
    }
    return this.parseAtom();
  }

  private parseAtom(): Node {
    const t = this.peek();
    this.pos++;
    if (t.kind === 'num') return { t: 'const', value: t.value, numeric: true, complex: t.complex, float: t.float };
    if (t.kind === 'str') {
      // adjacent string literals concatenate; str and bytes cannot mix
      let value = t.value;
      while (this.peek().kind === 'str') {
        const n = this.peek() as { value: string; bytes: boolean };
        if (n.bytes !== t.bytes) throw new NotLiteral('cannot mix bytes and str');
        value += n.value;
        this.pos++;
      }
      return { t: 'const', value, numeric: false, complex: false };
    }
    if (t.kind === 'name') {
      if (t.value === 'True') return { t: 'const', value: true, numeric: false, complex: false };
      if (t.value === 'False') return { t: 'const', value: false, numeric: false, complex: false };
      if (t.value === 'None') return { t: 'const', value: null, numeric: false, complex: false };
      if (this.jsonNames && JSON_NAMES.has(t.value)) return { t: 'const', value: JSON_NAMES.get(t.value) ?? null, numeric: false, complex: false };
      if (t.value === 'set' && this.isOp('(')) {
        this.pos++;
        this.expectOp(')');
        return { t: 'set', items: [] };
      }
      throw new NotLiteral(`name ${t.value}`);
    }
    if (t.kind === 'op' && t.value === '(') {
      if (this.isOp(')')) {
        this.pos++;
        return { t: 'tuple', items: [] };
      }
      const first = this.parseExpr();
      const node = this.isOp(',') ? this.tupleRest(first, ')') : first;
      this.expectOp(')');
      return node;
    }
    if (t.kind === 'op' && t.value === '[') {
      const items: Node[] = [];
      while (!this.isOp(']')) {
        items.push(this.parseExpr());
        if (!this.isOp(',')) break;
        this.pos++;
      }
      this.expectOp(']');
      return { t: 'list', items };
    }
    if (t.kind === 'op' && t.value === '{') {
      if (this.isOp('}')) {
        this.pos++;
        return { t: 'dict', keys: [], values: [] };
      }
      const first = this.parseExpr();
      if (this.isOp(':')) {
        this.pos++;
        const keys = [first];
        const values = [this.parseExpr()];
        while (this.isOp(',')) {
          this.pos++;
          if (this.isOp('}')) break;
          keys.push(this.parseExpr());
          this.expectOp(':');
          values.push(this.parseExpr());
        }
        this.expectOp('}');
        return { t: 'dict', keys, values };
      }
      const items = [first];
      while (this.isOp(',')) {
        this.pos++;
        if (this.isOp('}')) break;
        items.push(this.parseExpr());
      }
      this.expectOp('}');
      return { t: 'set', items };
    }
    throw new NotLiteral('unexpected token');
  }
}

interface Num {
  value: number;
  complex: boolean;
  float: boolean;
}

function convertNum(node: Node): Num {
  if (node.t !== 'const' || !node.numeric) throw new NotLiteral('malformed node');
  return { value: node.value as number, complex: node.complex, float: node.float === true };
}

function convertSignedNum(node: Node): Num {
  if (node.t === 'unary') {
    const n = convertNum(node.operand);
    return node.op === '-' ? { ...n, value: -n.value } : n;
  }
  return convertNum(node);
}

/** A number literal's value: a float stays one (1.0, 1e3), as Python keeps it. */
const numberValue = (n: Num): number | PyFloat => (n.float ? pyFloat(n.value) : n.value);

/** Dict keys as Python's json.dumps writes them (True -> "true", None -> "null"). */
function pyKey(v: PyValue): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  throw new NotLiteral('unhashable key');
}

function convert(node: Node): PyValue {
  switch (node.t) {
    case 'const':
      // a complex number cannot be represented (ansible-inventory itself crashes on one): keep the raw text
      if (node.complex) throw new NotLiteral('complex');
      return node.numeric ? numberValue(convertNum(node)) : node.value;
    case 'list':
    case 'tuple':
    case 'set':
      return node.items.map(convert);
    case 'dict': {
      const out: Record<string, PyValue> = dict();
      node.keys.forEach((k, i) => {
        out[pyKey(convert(k))] = convert(node.values[i]!);
      });
      return out;
    }
    case 'binop': {
      const left = convertSignedNum(node.left);
      const right = convertNum(node.right);
      if (!left.complex && right.complex) throw new NotLiteral('complex');
      throw new NotLiteral('malformed node');
    }
    case 'unary': {
      const n = convertSignedNum(node);
      if (n.complex) throw new NotLiteral('complex');
      return numberValue(n);
    }
  }
}

/**
 * Ansible's INI `_parse_value`: Python's literal_eval of the text (leading spaces/tabs stripped), or the text
 * unchanged when it is not a Python literal.
 */
export function parseIniValue(text: string): PyValue {
  try {
    const toks = tokenize(text.replace(/^[ \t]+/, ''));
    return convert(new Parser(toks).parseTop());
  } catch (err) {
    if (err instanceof NotLiteral) return text;
    throw err;
  }
}

/** Python's ast.literal_eval of the text (surrounding blanks stripped): the literal it spells, or undefined when none. */
export function literalEval(text: string): PyValue | undefined {
  try {
    return convert(new Parser(tokenize(text.trim())).parseTop());
  } catch (err) {
    if (err instanceof NotLiteral || err instanceof RangeError) return undefined;
    throw err;
  }
}

/**
 * What Ansible's templating (convert_data, without jinja2_native) makes of a result that starts with `{` or `[` or is
 * True/False: the Python literal it spells (JSON's true/false/null read as Python's), or undefined when it spells
 * none. Nesting too deep for the parser counts as none, as Python's own limit makes the text stay text.
 */
export function templateLiteral(text: string): PyValue | undefined {
  try {
    return convert(new Parser(tokenize(text), true).parseTop());
  } catch (err) {
    if (err instanceof NotLiteral || err instanceof RangeError) return undefined;
    throw err;
  }
}

// JMESPath for community.general.json_query: the language of jmespath.org (fields, indexes, slices, projections,
// filters, multiselect, pipes, comparisons, and the common functions), as a small Pratt parser and interpreter.
import { TemplateRuntimeError } from './undefined.js';
import { equal, isDict, isList, newDict } from './values.js';

type Tok = { t: string; v?: unknown };
type Ast =
  | { k: 'field'; name: string } | { k: 'sub'; l: Ast; r: Ast } | { k: 'index'; i: number } | { k: 'slice'; s: (number | null)[] }
  | { k: 'proj'; l: Ast; r: Ast } | { k: 'vproj'; l: Ast; r: Ast } | { k: 'fproj'; l: Ast; r: Ast; c: Ast } | { k: 'flat'; c: Ast }
  | { k: 'id' } | { k: 'list'; items: Ast[] } | { k: 'hash'; pairs: [string, Ast][] } | { k: 'or' | 'and' | 'pipe'; l: Ast; r: Ast }
  | { k: 'not'; c: Ast } | { k: 'lit'; v: unknown } | { k: 'cmp'; op: string; l: Ast; r: Ast } | { k: 'fn'; name: string; args: Ast[] }
  | { k: 'expref'; c: Ast };

const BP: Record<string, number> = {
  eof: 0, name: 0, qname: 0, ']': 0, ')': 0, ',': 0, '}': 0, num: 0, '@': 0, '&': 0, lit: 0,
  '|': 1, '||': 2, '&&': 3, '==': 5, '!=': 5, '<': 5, '<=': 5, '>': 5, '>=': 5, '[]': 9, '*': 20, '[?': 21, '.': 40, '!': 45, '{': 50, '[': 55, '(': 60,
};

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const err = (m: string): never => { throw new TemplateRuntimeError(`json_query: ${m} at ${i} in ${JSON.stringify(src)}`); };
  const quoted = (q: string): string => {
    let j = i + 1;
    let s = '';
    while (j < src.length && src[j] !== q) { if (src[j] === '\\' && src[j + 1] === q) j++; s += src[j]; j++; }
    if (j >= src.length) err(`unclosed ${q}`);
    i = j + 1;
    return s;
  };
  while (i < src.length) {
    const c = src[i] as string;
    const two = src.slice(i, i + 2);
    if (/\s/.test(c)) i++;
    else if (/[A-Za-z_]/.test(c)) { const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))?.[0] ?? ''; out.push({ t: 'name', v: m }); i += m.length; }
    else if (/[-0-9]/.test(c)) { const m = /^-?\d+/.exec(src.slice(i))?.[0] ?? err('bad number'); out.push({ t: 'num', v: Number(m) }); i += m.length; }
    else if (c === '"') { const s = quoted('"'); out.push({ t: 'qname', v: JSON.parse(`"${s}"`) as string }); }
    else if (c === "'") out.push({ t: 'lit', v: quoted("'") });
    else if (c === '`') { const s = quoted('`'); try { out.push({ t: 'lit', v: JSON.parse(s) as unknown }); } catch { out.push({ t: 'lit', v: s.trim().replace(/^"|"$/g, '') }); } }
    else if (['[?', '[]', '||', '&&', '==', '!=', '<=', '>='].includes(two)) { out.push({ t: two }); i += 2; }
    else if ('.*[](){},:|&!<>@'.includes(c)) { out.push({ t: c }); i++; }
    else err(`unexpected '${c}'`);
  }
  out.push({ t: 'eof' });
  return out;
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[], private readonly src: string) {}
  private get look(): Tok { return this.toks[this.p] as Tok; }
  private peek(n: number): Tok { return this.toks[this.p + n] ?? { t: 'eof' }; }
  private next(): Tok { return this.toks[this.p++] as Tok; }
  private fail(): never { throw new TemplateRuntimeError(`json_query: unexpected '${this.look.t === 'eof' ? 'end' : JSON.stringify(this.look.v ?? this.look.t)}' in ${JSON.stringify(this.src)}`); }
  private match(t: string): void { if (this.look.t !== t) this.fail(); this.p++; }

  parse(): Ast { const e = this.expr(0); if (this.look.t !== 'eof') this.fail(); return e; }

  expr(rbp: number): Ast {
    let left = this.nud(this.next());
    while (rbp < (BP[this.look.t] ?? 0)) left = this.led(this.next().t, left);
    return left;
  }

  private nud(tok: Tok): Ast {
    switch (tok.t) {
      case 'lit': return { k: 'lit', v: tok.v };
      case 'name': case 'qname': return { k: 'field', name: String(tok.v) };
      case '!': return { k: 'not', c: this.expr(BP['!'] ?? 45) };
      case '*': return { k: 'vproj', l: { k: 'id' }, r: this.look.t === ']' ? { k: 'id' } : this.rhs(BP['*'] ?? 20) };
      case '[?': return this.led('[?', { k: 'id' });
      case '{': return this.hash();
      case '[]': return { k: 'proj', l: { k: 'flat', c: { k: 'id' } }, r: this.rhs(BP['[]'] ?? 9) };
      case '[':
        if (this.look.t === 'num' || this.look.t === ':') return this.indexOrSlice({ k: 'id' });
        if (this.look.t === '*' && this.peek(1).t === ']') { this.p += 2; return { k: 'proj', l: { k: 'id' }, r: this.rhs(BP['*'] ?? 20) }; }
        return this.list();
      case '@': return { k: 'id' };
      case '&': return { k: 'expref', c: this.expr(0) };
      case '(': { const e = this.expr(0); this.match(')'); return e; }
      default: this.p--; return this.fail();
    }
  }

  private led(t: string, left: Ast): Ast {
    switch (t) {
      case '.':
        if (this.look.t === '*') { this.p++; return { k: 'vproj', l: left, r: this.rhs(BP['.'] ?? 40) }; }
        return { k: 'sub', l: left, r: this.dotRhs(BP['.'] ?? 40) };
      case '|': return { k: 'pipe', l: left, r: this.expr(BP['|'] ?? 1) };
      case '||': return { k: 'or', l: left, r: this.expr(BP['||'] ?? 2) };
      case '&&': return { k: 'and', l: left, r: this.expr(BP['&&'] ?? 3) };
      case '(': {
        if (left.k !== 'field') this.fail();
        const args: Ast[] = [];
        while (this.look.t !== ')') { args.push(this.expr(0)); if (this.look.t === ',') this.p++; }
        this.match(')');
        return { k: 'fn', name: left.name, args };
      }
      case '[?': {
        const c = this.expr(0);
        this.match(']');
        return { k: 'fproj', l: left, c, r: this.look.t === '[]' ? { k: 'id' } : this.rhs(BP['[?'] ?? 21) };
      }
      case '[]': return { k: 'proj', l: { k: 'flat', c: left }, r: this.rhs(BP['[]'] ?? 9) };
      case '==': case '!=': case '<': case '<=': case '>': case '>=': return { k: 'cmp', op: t, l: left, r: this.expr(BP[t] ?? 5) };
      case '[':
        if (this.look.t === 'num' || this.look.t === ':') return this.indexOrSlice(left);
        this.match('*');
        this.match(']');
        return { k: 'proj', l: left, r: this.rhs(BP['*'] ?? 20) };
      default: return this.fail();
    }
  }

  private indexOrSlice(left: Ast): Ast {
    const parts: (number | null)[] = [null, null, null];
    let idx = 0;
    while (this.look.t !== ']') {
      if (this.look.t === ':') { idx++; if (idx > 2) this.fail(); this.p++; } else if (this.look.t === 'num') { parts[idx] = this.next().v as number; } else this.fail();
    }
    this.match(']');
    if (idx === 0) return { k: 'sub', l: left, r: { k: 'index', i: parts[0] ?? 0 } };
    return { k: 'proj', l: { k: 'sub', l: left, r: { k: 'slice', s: parts } }, r: this.rhs(BP['*'] ?? 20) };
  }

  private rhs(rbp: number): Ast {
    const t = this.look.t;
    if ((BP[t] ?? 0) < 10) return { k: 'id' };
    if (t === '[' || t === '[?') return this.expr(rbp);
    if (t === '.') { this.p++; return this.dotRhs(rbp); }
    return this.fail();
  }

  private dotRhs(rbp: number): Ast {
    const t = this.look.t;
    if (t === 'name' || t === 'qname' || t === '*') return this.expr(rbp);
    if (t === '[') { this.p++; return this.list(); }
    if (t === '{') { this.p++; return this.hash(); }
    return this.fail();
  }

  private list(): Ast {
    const items: Ast[] = [];
    while (this.look.t !== ']') { items.push(this.expr(0)); if (this.look.t === ',') this.p++; else if (this.look.t !== ']') this.fail(); }
    this.match(']');
    return { k: 'list', items };
  }

  private hash(): Ast {
    const pairs: [string, Ast][] = [];
    while (this.look.t !== '}') {
      const key = this.next();
      if (key.t !== 'name' && key.t !== 'qname') { this.p--; this.fail(); }
      this.match(':');
      pairs.push([String(key.v), this.expr(0)]);
      if (this.look.t === ',') this.p++; else if (this.look.t !== '}') this.fail();
    }
    this.match('}');
    return { k: 'hash', pairs };
  }
}

const isFalse = (v: unknown): boolean => v === null || v === undefined || v === false || v === '' || (isList(v) && v.length === 0) || (isDict(v) && Object.keys(v).length === 0);
const collect = (items: unknown[], r: Ast): unknown[] => items.map((x) => visit(r, x)).filter((x) => x !== null && x !== undefined);

function slice(v: unknown[], parts: (number | null)[]): unknown[] {
  const [start = null, stop = null, step = null] = parts;
  const st = step ?? 1;
  const n = v.length;
  const norm = (x: number | null, d: number): number => (x === null ? d : x < 0 ? Math.max(x + n, st < 0 ? -1 : 0) : Math.min(x, st < 0 ? n - 1 : n));
  const out: unknown[] = [];
  if (st > 0) for (let i = norm(start, 0); i < norm(stop, n); i += st) out.push(v[i]);
  else for (let i = norm(start, n - 1); i > norm(stop, -1); i += st) out.push(v[i]);
  return out;
}

function fn(name: string, args: unknown[], argAsts: Ast[]): unknown {
  const [a, b] = args;
  const num = (x: unknown[]): number[] => x.filter((y): y is number => typeof y === 'number');
  switch (name) {
    case 'length': return typeof a === 'string' ? [...a].length : isList(a) ? a.length : isDict(a) ? Object.keys(a).length : null;
    case 'contains': return typeof a === 'string' ? typeof b === 'string' && a.includes(b) : isList(a) ? a.some((x) => equal(x, b)) : false;
    case 'starts_with': return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'ends_with': return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'join': return isList(b) ? b.map(String).join(String(a)) : null;
    case 'keys': return isDict(a) ? Object.keys(a) : null;
    case 'values': return isDict(a) ? Object.values(a) : null;
    case 'to_string': return typeof a === 'string' ? a : JSON.stringify(a);
    case 'to_number': return typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' && !Number.isNaN(Number(a)) ? Number(a) : null;
    case 'to_array': return isList(a) ? a : [a];
    case 'type': return a === null ? 'null' : isList(a) ? 'array' : isDict(a) ? 'object' : typeof a;
    case 'reverse': return typeof a === 'string' ? [...a].reverse().join('') : isList(a) ? [...a].reverse() : null;
    case 'sort': return isList(a) ? [...a].sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0)) : null;
    case 'max': return isList(a) && a.length ? (typeof a[0] === 'string' ? [...a].sort().at(-1) : Math.max(...num(a))) : null;
    case 'min': return isList(a) && a.length ? (typeof a[0] === 'string' ? [...a].sort()[0] : Math.min(...num(a))) : null;
    case 'sum': return isList(a) ? num(a).reduce((x, y) => x + y, 0) : null;
    case 'avg': return isList(a) && a.length ? num(a).reduce((x, y) => x + y, 0) / a.length : null;
    case 'abs': return typeof a === 'number' ? Math.abs(a) : null;
    case 'floor': return typeof a === 'number' ? Math.floor(a) : null;
    case 'ceil': return typeof a === 'number' ? Math.ceil(a) : null;
    case 'not_null': return args.find((x) => x !== null) ?? null;
    case 'merge': return newDict(args.flatMap((x) => (isDict(x) ? Object.entries(x) : [])));
    case 'map': case 'sort_by': case 'max_by': case 'min_by': {
      // map(&expr, list); sort_by/max_by/min_by(list, &expr)
      const ref = argAsts[name === 'map' ? 0 : 1];
      const items = name === 'map' ? b : a;
      if (ref?.k !== 'expref' || !isList(items)) return null;
      const key = (x: unknown): unknown => visit(ref.c, x);
      if (name === 'map') return items.map(key);
      const sorted = [...items].sort((x, y) => { const p = key(x); const q = key(y); return p === q ? 0 : (p as number | string) < (q as number | string) ? -1 : 1; });
      return name === 'sort_by' ? sorted : name === 'max_by' ? (sorted.at(-1) ?? null) : (sorted[0] ?? null);
    }
    default: throw new TemplateRuntimeError(`json_query: unknown function ${name}()`);
  }
}

function visit(n: Ast, v: unknown): unknown {
  switch (n.k) {
    case 'field': return isDict(v) && Object.prototype.hasOwnProperty.call(v, n.name) ? v[n.name] : null;
    case 'sub': return visit(n.r, visit(n.l, v));
    case 'index': return isList(v) ? (v.at(n.i) ?? null) : null;
    case 'slice': return isList(v) ? slice(v, n.s) : null;
    case 'proj': { const base = visit(n.l, v); return isList(base) ? collect(base, n.r) : null; }
    case 'vproj': { const base = visit(n.l, v); return isDict(base) ? collect(Object.values(base), n.r) : null; }
    case 'fproj': { const base = visit(n.l, v); return isList(base) ? collect(base.filter((x) => !isFalse(visit(n.c, x))), n.r) : null; }
    case 'flat': { const base = visit(n.c, v); return isList(base) ? base.flatMap((x) => (isList(x) ? x : [x])) : null; }
    case 'id': return v;
    case 'list': return v === null || v === undefined ? null : n.items.map((x) => visit(x, v));
    case 'hash': return v === null || v === undefined ? null : newDict(n.pairs.map(([key, x]) => [key, visit(x, v)]));
    case 'or': { const l = visit(n.l, v); return isFalse(l) ? visit(n.r, v) : l; }
    case 'and': { const l = visit(n.l, v); return isFalse(l) ? l : visit(n.r, v); }
    case 'pipe': return visit(n.r, visit(n.l, v));
    case 'not': return isFalse(visit(n.c, v));
    case 'lit': return n.v;
    case 'expref': return null;
    case 'cmp': {
      const l = visit(n.l, v);
      const r = visit(n.r, v);
      if (n.op === '==') return equal(l ?? null, r ?? null);
      if (n.op === '!=') return !equal(l ?? null, r ?? null);
      if (typeof l !== 'number' || typeof r !== 'number') return null;
      return n.op === '<' ? l < r : n.op === '<=' ? l <= r : n.op === '>' ? l > r : l >= r;
    }
    case 'fn': return fn(n.name, n.args.map((x) => visit(x, v)), n.args);
  }
}

const cache = new Map<string, Ast>();

/** jmespath.search(expression, data) */
export function jmespathSearch(expression: string, data: unknown): unknown {
  let ast = cache.get(expression);
  if (ast === undefined) {
    ast = new Parser(lex(expression), expression).parse();
    if (cache.size > 1000) cache.clear();
    cache.set(expression, ast);
  }
  const out = visit(ast, data);
  return out === undefined ? null : out;
}


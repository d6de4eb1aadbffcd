// Evaluates the parsed template AST over plain JS values with Jinja2/Python semantics; never touches prototypes.
import type {
  BinaryNode, CallNode, FilterNode, FilterStatementNode, ForNode, Identifier, IfNode, KeywordArgumentNode,
  LiteralNode, MemberNode, Node, Program, SelectNode, SetNode, SliceNode, TernaryNode, UnaryNode,
} from './jinja-lib.js';
import { TEST_NOT_PREFIX, TEST_PREFIX } from './parse.js';
import { INCLUDE_CALL, INCLUDE_OUTSIDE_FILES } from './include.js';
import { FROM_CALL, IMPORT_CALL, IMPORT_OUTSIDE_FILES, TemplateModule } from './import.js';
import { QuietUndefined, TemplateRuntimeError, Undefined, UndefinedUse, defined, pathSegment } from './undefined.js';
import { asTuple, Callable, PyObject, compare, contains, equal, hasKey, isDict, iterate, newDict, pyStr, truthy, typeName, type Dict, isList } from './values.js';
import { FILTERS, FILTERS_TAKING_UNDEFINED } from './filters.js';
import { TESTS, TESTS_TAKING_UNDEFINED } from './tests.js';
import { canonicalFilter, canonicalTest } from './names.js';
import { methodOf } from './methods.js';
import { GLOBALS } from './globals.js';
import { Namespace } from './namespace.js';
import { isUnsafe, UnsafeText } from '../core/unsafe.js';
import { pyFormat } from './format.js';
import { dateArithmetic } from './datetime.js';
import { arithmetic, unary } from './arithmetic.js';
import { pyFloat, PyFloat } from '../core/pyfloat.js';

/** What an evaluation reads variables through; index.ts supplies lazy templating of stored values. */
export interface EvalContext {
  readonly vars: Record<string, unknown>;
  /** a stored value about to be used: render its templates (unless unsafe) */
  resolve(value: unknown): unknown;
  /** set when any value read came from a host: the result is then unsafe too */
  tainted: boolean;
  /** a filter that means its result as text (to_json, string...) produced this: it is never read as a literal */
  keepAsText?(text: string): void;
  /**
   * `{% include %}` (template files only): the first of the names found on the template search path, rendered by
   * `render` with the context it is given; '' when none is and `ignoreMissing`.
   */
  include?(names: unknown, at: IncludeAt, render: (program: Program, ctx: EvalContext) => string): string;
  /** the context an include `without context` renders in: no variables */
  withoutVars?(): EvalContext;
  /** a variable's value as this evaluation reads it: its own copy when the template changes values in place */
  ownValue?(name: string, value: unknown): unknown;
}

export interface IncludeAt {
  /** line of the include tag in the including file */
  readonly line: number;
  readonly ignoreMissing: boolean;
  /** the tag, for messages: include unless said */
  readonly tag?: 'include' | 'import' | 'from';
}

/** Ansible's STRING_TYPE_FILTERS: their result is text on purpose (NativeJinjaText), not a literal to evaluate. */
const STRING_TYPE_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json']);

class Scope {
  readonly locals = new Map<string, unknown>();
  constructor(
    readonly ctx: EvalContext,
    readonly parent?: Scope,
  ) {}
  lookupLocal(name: string): { value: unknown } | undefined {
    if (this.locals.has(name)) return { value: this.locals.get(name) };
    return this.parent?.lookupLocal(name);
  }
}

/** loop control travels as exceptions out of nested blocks */
class BreakSignal extends Error {}
class ContinueSignal extends Error {}

const CONSTANTS: Record<string, unknown> = { true: true, false: false, none: null, True: true, False: false, None: null };

export function renderProgram(program: Program, ctx: EvalContext): string {
  return renderBlock(program.body, new Scope(ctx));
}

/** The value of a template that is a single `{{ expr }}`. */
export function evaluateProgramExpression(program: Program, ctx: EvalContext): unknown {
  const [only] = program.body;
  if (only === undefined) return '';
  return evalExpr(only, new Scope(ctx));
}

function renderBlock(nodes: readonly Node[], scope: Scope): string {
  let out = '';
  for (const node of nodes) out += renderStatement(node, scope);
  return out;
}

function renderStatement(node: Node, scope: Scope): string {
  switch (node.type) {
    case 'Comment':
      return '';
    case 'If': {
      const n = node as IfNode;
      return renderBlock(truthy(evalExpr(n.test, scope)) ? n.body : n.alternate, scope);
    }
    case 'For':
      return renderFor(node as ForNode, scope);
    case 'Set':
      renderSet(node as SetNode, scope);
      return '';
    case 'Break':
      throw new BreakSignal();
    case 'Continue':
      throw new ContinueSignal();
    case 'FilterStatement': {
      const n = node as FilterStatementNode;
      return pyStr(applyFilter(renderBlock(n.body, scope), n.filter, scope));
    }
    case 'Macro':
      defineMacro(node as MacroNode, scope);
      return '';
    case 'CallStatement':
      return renderCallBlock(node as CallBlockNode, scope);
    case 'StringLiteral':
      // text between tags arrives as a string literal statement
      return (node as LiteralNode<string>).value;
    default: {
      if (isInclude(node)) return renderInclude(node, scope);
      const v = evalExpr(node, scope);
      if (v instanceof QuietUndefined) return '';
      if (v instanceof Undefined) throw new UndefinedUse(v);
      // Ansible's finalize: None prints as nothing
      return v === null ? '' : pyStr(v);
    }
  }
}

function isInclude(node: Node): node is CallNode {
  if (node.type !== 'CallExpression') return false;
  const callee = (node as CallNode).callee;
  return callee.type === 'Identifier' && (callee as Identifier).value === INCLUDE_CALL;
}

/** `{% include %}` as rewritten by include.ts: names, ignore missing, with context, line. */
function renderInclude(node: CallNode, scope: Scope): string {
  const [names, ignore, context, line] = node.args.map((a) => evalExpr(a, scope));
  const ctx = scope.ctx;
  if (ctx.include === undefined) throw new TemplateRuntimeError(INCLUDE_OUTSIDE_FILES);
  const at = { line: Number(line), ignoreMissing: ignore === 1 };
  return ctx.include(defined(names), at, (program, inner) => renderBlock(program.body, context === 1 ? new Scope(inner, scope) : new Scope(inner.withoutVars?.() ?? inner)));
}

/**
 * `{% import %}` / `{% from %}` as rewritten by import.ts (name, with context, line, then from's names): the
 * template rendered through the include loader, in its own scope (under the caller's with context), and kept as
 * a module; from-import gives the names asked for (one value, or a tuple the set unpacks).
 */
function evalImport(n: CallNode, tag: 'import' | 'from', scope: Scope): unknown {
  const [name, context, line, ...names] = n.args.map((a) => evalExpr(a, scope));
  const ctx = scope.ctx;
  if (ctx.include === undefined) throw new TemplateRuntimeError(IMPORT_OUTSIDE_FILES);
  const file = pyStr(defined(name));
  let module: TemplateModule | undefined;
  ctx.include(file, { line: Number(line), ignoreMissing: false, tag }, (program, inner) => {
    const s = context === 1 ? new Scope(inner, scope) : new Scope(inner.withoutVars?.() ?? inner);
    module = new TemplateModule(file, renderBlock(program.body, s), s.locals);
    return '';
  });
  if (module === undefined) throw new TemplateRuntimeError(`{% ${tag} %}: template '${file}' not found`);
  if (tag === 'import') return module;
  const found = module;
  const values = names.map((x) => found.exported(pyStr(x), Number(line)));
  return values.length === 1 ? values[0] : asTuple(values);
}

function renderFor(n: ForNode, scope: Scope): string {
  let iterable = n.iterable;
  let condition: Node | undefined;
  if (iterable.type === 'SelectExpression') {
    condition = (iterable as SelectNode).test;
    iterable = (iterable as SelectNode).lhs;
  }
  // the items as the loop starts: a body that appends to the list it loops over ends
  const all = [...iterate(evalExpr(iterable, scope))];
  const items = condition === undefined ? all : all.filter((item) => {
    const s = new Scope(scope.ctx, scope);
    bindLoopVar(n.loopvar, item, s);
    return truthy(evalExpr(condition, s));
  });
  if (items.length === 0) return renderBlock(n.defaultBlock, scope);
  let out = '';
  for (const [i, item] of items.entries()) {
    const s = new Scope(scope.ctx, scope);
    bindLoopVar(n.loopvar, item, s);
    s.locals.set('loop', newDict([
      ['index', i + 1], ['index0', i], ['revindex', items.length - i], ['revindex0', items.length - i - 1],
      ['first', i === 0], ['last', i === items.length - 1], ['length', items.length],
      ['previtem', i > 0 ? items[i - 1] : new Undefined('loop.previtem', 'loop', false)],
      ['nextitem', i < items.length - 1 ? items[i + 1] : new Undefined('loop.nextitem', 'loop', false)],
    ]));
    try {
      out += renderBlock(n.body, s);
    } catch (signal) {
      if (signal instanceof BreakSignal) break;
      if (signal instanceof ContinueSignal) continue;
      throw signal;
    }
  }
  return out;
}

function bindLoopVar(target: Node, value: unknown, scope: Scope): void {
  if (target.type === 'Identifier') {
    scope.locals.set((target as Identifier).value, value);
    return;
  }
  if (target.type === 'TupleLiteral' || target.type === 'ArrayLiteral') {
    const names = (target as LiteralNode<Node[]>).value;
    const values = iterate(value);
    if (values.length !== names.length) throw new TemplateRuntimeError(`cannot unpack ${values.length} values into ${names.length} names`);
    names.forEach((name, i) => bindLoopVar(name, values[i], scope));
    return;
  }
  // `{% set ns.name = value %}`: only a namespace() takes an attribute, as Jinja2's NSRef
  if (target.type === 'MemberExpression' && !(target as MemberNode).computed) {
    const { object, property } = target as MemberNode;
    const ns = evalExpr(object, scope);
    if (!(ns instanceof Namespace)) throw new TemplateRuntimeError('cannot assign attribute on non-namespace object');
    ns.set((property as Identifier).value, value);
    return;
  }
  throw new TemplateRuntimeError(`cannot assign to ${target.type}`);
}

function renderSet(n: SetNode, scope: Scope): void {
  const value = n.value === null ? renderBlock(n.body, scope) : evalExpr(n.value, scope);
  bindLoopVar(n.assignee, value, scope);
}

interface MacroNode extends Node {
  readonly name: Identifier;
  readonly args: readonly Node[];
  readonly body: readonly Node[];
}

/** A macro's (or a call block's caller's) parameters bound in `s` to what a call gave, defaults evaluated in `scope`. */
function bindParams(macro: string, params: readonly Node[], args: unknown[], kwargs: Dict, s: Scope, scope: Scope): void {
  params.forEach((param, i) => {
    const name = param.type === 'KeywordArgumentExpression' ? (param as KeywordArgumentNode).key.value : (param as Identifier).value;
    const given = i < args.length ? args[i] : hasKey(kwargs, name) ? kwargs[name] : undefined;
    if (given !== undefined) s.locals.set(name, given);
    else if (param.type === 'KeywordArgumentExpression') s.locals.set(name, evalExpr((param as KeywordArgumentNode).value, scope));
    else s.locals.set(name, new Undefined(name, name, true, `macro ${macro} was called without '${name}'`));
  });
}

function defineMacro(n: MacroNode, scope: Scope): void {
  scope.locals.set(n.name.value, new Callable(n.name.value, (args, kwargs) => {
    const s = new Scope(scope.ctx, scope);
    // a call block's body, as Jinja2's special `caller` argument
    if (hasKey(kwargs, 'caller') && kwargs.caller instanceof Callable) s.locals.set('caller', kwargs.caller);
    bindParams(n.name.value, n.args, args, kwargs, s, scope);
    return renderBlock(n.body, s);
  }, true));
}

interface CallBlockNode extends Node {
  readonly call: CallNode;
  readonly callerArgs: readonly Node[] | null;
  readonly body: readonly Node[];
}

/**
 * `{% call[(params)] m(args) %}body{% endcall %}`: the macro called with `caller`, a function that renders the body
 * where the block stands (its parameters bound to what the macro passes). The callee may be dotted (call-block.ts).
 */
function renderCallBlock(n: CallBlockNode, scope: Scope): string {
  const caller = new Callable('caller', (args, kwargs) => {
    const s = new Scope(scope.ctx, scope);
    bindParams('caller', n.callerArgs ?? [], args, kwargs, s, scope);
    return renderBlock(n.body, s);
  }, true);
  const written = (n.call.callee as Identifier).value;
  const [first = '', ...attrs] = written.split('.');
  let callee = lookupName(first, scope);
  let path = first;
  for (const attr of attrs) {
    callee = member(callee, attr, path, scope);
    path += `.${attr}`;
  }
  if (callee instanceof Undefined) throw new UndefinedUse(callee);
  if (!(callee instanceof Callable)) throw new TemplateRuntimeError(`'${written}' is ${typeName(callee)}, which cannot be called`);
  const { positional, kwargs } = evalArgs(n.call.args, scope);
  newDictSet(kwargs, 'caller', caller);
  return pyStr(callee.fn(positional, kwargs));
}

export function evalExpr(node: Node, scope: Scope): unknown {
  switch (node.type) {
    case 'StringLiteral':
    case 'IntegerLiteral':
      return (node as LiteralNode<unknown>).value;
    case 'FloatLiteral':
      return pyFloat((node as LiteralNode<number>).value);
    case 'ArrayLiteral':
      return (node as LiteralNode<Node[]>).value.map((e) => defined(evalExpr(e, scope)));
    case 'TupleLiteral':
      return asTuple((node as LiteralNode<Node[]>).value.map((e) => defined(evalExpr(e, scope))));
    case 'ObjectLiteral': {
      const out: Dict = {};
      for (const [k, v] of (node as LiteralNode<Map<Node, Node>>).value) {
        newDictSet(out, defined(evalExpr(k, scope)), defined(evalExpr(v, scope)));
      }
      return out;
    }
    case 'Identifier':
      return lookupName((node as Identifier).value, scope);
    case 'MemberExpression':
      return evalMember(node as MemberNode, scope);
    case 'CallExpression':
      return evalCall(node as CallNode, scope);
    case 'FilterExpression': {
      const n = node as FilterNode;
      return applyFilter(evalExpr(n.operand, scope), n.filter, scope);
    }
    case 'BinaryExpression':
      return evalBinary(node as BinaryNode, scope);
    case 'UnaryExpression':
      return evalUnary(node as UnaryNode, scope);
    case 'Ternary': {
      const n = node as TernaryNode;
      return truthy(evalExpr(n.condition, scope)) ? evalExpr(n.trueExpr, scope) : evalExpr(n.falseExpr, scope);
    }
    case 'SelectExpression': {
      const n = node as SelectNode;
      return truthy(evalExpr(n.test, scope)) ? evalExpr(n.lhs, scope) : new QuietUndefined(exprPath(n.lhs), exprPath(n.lhs), false, 'the inline if-expression evaluated to false and no else section was defined');
    }
    case 'TestExpression':
      throw new TemplateRuntimeError('internal: tests are rewritten to filters');
    default:
      throw new TemplateRuntimeError(`unsupported template construct: ${node.type}`);
  }
}

function newDictSet(d: Dict, key: unknown, value: unknown): void {
  if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean' && !(key instanceof PyFloat)) throw new TemplateRuntimeError(`unhashable dict key: ${typeName(key)}`);
  Object.defineProperty(d, String(key), { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A stored value is about to be used: taint the evaluation if it came from a host (it is marked, or it was read out
 * of a marked container: `inHostData`), else render its templates.
 */
function use(value: unknown, scope: Scope, name?: string, inHostData = false): unknown {
  if (inHostData || isUnsafe(value)) {
    scope.ctx.tainted = true;
    return value instanceof UnsafeText ? value.text : value;
  }
  if (name === undefined || typeof value !== 'string') return scope.ctx.resolve(value);
  try {
    return scope.ctx.resolve(value);
  } catch (err) {
    // say which variable's own template failed: the user wrote that one elsewhere
    if (err instanceof UndefinedUse && !err.message.includes(' (while rendering ')) {
      throw new UndefinedUse(err.undef, `${err.message} (while rendering variable '${name}': ${JSON.stringify(value)})`);
    }
    throw err;
  }
}

function lookupName(name: string, scope: Scope): unknown {
  if (Object.prototype.hasOwnProperty.call(CONSTANTS, name)) return CONSTANTS[name];
  const local = scope.lookupLocal(name);
  if (local) return local.value;
  const vars = scope.ctx.vars;
  if (Object.prototype.hasOwnProperty.call(vars, name)) {
    const value = use(vars[name], scope, name);
    return scope.ctx.ownValue ? scope.ctx.ownValue(name, value) : value;
  }
  const global = GLOBALS.get(name);
  if (global !== undefined) return global;
  return new Undefined(name, name, true);
}

/** Source text of an expression, for messages: `kvm_guests[0].memory`. */
export function exprPath(node: Node): string {
  switch (node.type) {
    case 'Identifier':
      return (node as Identifier).value;
    case 'MemberExpression': {
      const n = node as MemberNode;
      const base = exprPath(n.object);
      if (!n.computed) return `${base}.${(n.property as Identifier | LiteralNode<number>).value}`;
      const p = n.property;
      if (p.type === 'StringLiteral') return `${base}[${JSON.stringify((p as LiteralNode<string>).value)}]`;
      if (p.type === 'IntegerLiteral') return `${base}[${(p as LiteralNode<number>).value}]`;
      return `${base}[${exprPath(p)}]`;
    }
    case 'CallExpression':
      return `${exprPath((node as CallNode).callee)}(...)`;
    case 'StringLiteral':
      return JSON.stringify((node as LiteralNode<string>).value);
    case 'IntegerLiteral':
    case 'FloatLiteral':
      return String((node as LiteralNode<number>).value);
    default:
      return '(expression)';
  }
}

function evalMember(n: MemberNode, scope: Scope): unknown {
  const object = evalExpr(n.object, scope);
  if (n.computed && n.property.type === 'SliceExpression') return slice(defined(object), n.property as SliceNode, scope);
  const key = n.computed ? defined(evalExpr(n.property, scope)) : (n.property as Identifier | LiteralNode<number>).value;
  return member(object, key, exprPath(n.object), scope);
}

/** obj.key / obj[key]: own data of dicts and lists, or a Python method; never a JS property. */
export function member(object: unknown, key: unknown, objectPath: string, scope: Scope): unknown {
  const segment = pathSegment(typeof key === 'number' ? key : String(key));
  if (object instanceof Undefined) return object.child(segment);
  const missing = (reason: string): Undefined => new Undefined(`${objectPath}${segment}`, objectPath.split(/[.[]/)[0] ?? objectPath, false, reason);
  if (isList(object) || typeof object === 'string') {
    if (typeof key === 'number' && Number.isInteger(key)) {
      const i = key < 0 ? object.length + key : key;
      if (i >= 0 && i < object.length) return typeof object === 'string' ? object[i] : use(object[i], scope, undefined, isUnsafe(object));
      return missing(`${objectPath} has ${object.length} item${object.length === 1 ? '' : 's'}, index ${key} is out of range`);
    }
  } else if (isDict(object)) {
    const k = typeof key === 'number' || typeof key === 'boolean' ? String(key) : key;
    if (typeof k === 'string' && hasKey(object, k)) return use(object[k], scope, undefined, isUnsafe(object));
  }
  if (object instanceof PyObject && typeof key === 'string') {
    const a = object.attr(key);
    if (a !== undefined) return a;
  }
  if (typeof key === 'string') {
    const method = methodOf(object, key);
    if (method) return method;
  }
  if (isDict(object)) {
    const keys = Object.keys(object);
    const shown = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', ...' : '');
    return missing(`${objectPath} has no key ${JSON.stringify(pyStr(key))}${keys.length ? ` (it has: ${shown})` : ' (it is empty)'}`);
  }
  return missing(`${objectPath} is ${typeName(object)}, which has no attribute ${JSON.stringify(pyStr(key))}`);
}

function slice(object: unknown, n: SliceNode, scope: Scope): unknown {
  if (!isList(object) && typeof object !== 'string') throw new TemplateRuntimeError(`cannot slice ${typeName(object)}`);
  const num = (e: Node | undefined): number | undefined => {
    if (e === undefined) return undefined;
    const v = defined(evalExpr(e, scope));
    if (typeof v !== 'number') throw new TemplateRuntimeError('slice indices must be integers');
    return v;
  };
  const items = typeof object === 'string' ? [...object] : object;
  const len = items.length;
  const step = num(n.step) ?? 1;
  if (step === 0) throw new TemplateRuntimeError('slice step cannot be zero');
  const clamp = (v: number | undefined, dflt: number, lo: number, hi: number): number => {
    if (v === undefined) return dflt;
    const i = v < 0 ? v + len : v;
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (step > 0) {
    for (let i = clamp(num(n.start), 0, 0, len); i < clamp(num(n.stop), len, 0, len); i += step) out.push(items[i]);
  } else {
    for (let i = clamp(num(n.start), len - 1, -1, len - 1); i > clamp(num(n.stop), -1, -1, len - 1); i += step) out.push(items[i]);
  }
  return typeof object === 'string' ? out.join('') : out;
}

function evalArgs(args: readonly Node[], scope: Scope): { positional: unknown[]; kwargs: Dict } {
  const positional: unknown[] = [];
  const kwargs: Dict = {};
  for (const a of args) {
    if (a.type === 'KeywordArgumentExpression') {
      const kw = a as KeywordArgumentNode;
      newDictSet(kwargs, kw.key.value, evalExpr(kw.value, scope));
    } else positional.push(evalExpr(a, scope));
  }
  return { positional, kwargs };
}

function evalCall(n: CallNode, scope: Scope): unknown {
  const called = n.callee.type === 'Identifier' ? (n.callee as Identifier).value : undefined;
  if (called === IMPORT_CALL || called === FROM_CALL) return evalImport(n, called === IMPORT_CALL ? 'import' : 'from', scope);
  const callee = evalExpr(n.callee, scope);
  if (callee instanceof Undefined) throw new UndefinedUse(callee);
  if (!(callee instanceof Callable)) throw new TemplateRuntimeError(`'${exprPath(n.callee)}' is ${typeName(callee)}, which cannot be called`);
  const { positional, kwargs } = evalArgs(n.args, scope);
  if (!callee.takesUndefined) positional.forEach((a) => defined(a));
  // a lookup's result is unsafe, as in Ansible: used as it is, never rendered again (a file's or a command's text)
  const out = callee.fn(positional, kwargs);
  if (!isUnsafe(out)) return out;
  scope.ctx.tainted = true;
  return out instanceof UnsafeText ? out.text : out;
}

function applyFilter(value: unknown, filter: Node, scope: Scope): unknown {
  const call = filter.type === 'CallExpression' ? (filter as CallNode) : undefined;
  const name = call ? (call.callee as Identifier).value : (filter as Identifier).value;
  const { positional, kwargs } = call ? evalArgs(call.args, scope) : { positional: [], kwargs: {} };
  if (name.startsWith(TEST_PREFIX) || name.startsWith(TEST_NOT_PREFIX)) {
    const negate = name.startsWith(TEST_NOT_PREFIX);
    const written = name.slice(negate ? TEST_NOT_PREFIX.length : TEST_PREFIX.length);
    const testName = canonicalTest(written, TESTS);
    const test = testName === undefined ? undefined : TESTS.get(testName);
    if (testName === undefined || !test) throw new TemplateRuntimeError(`no test named '${written}'`);
    if (!TESTS_TAKING_UNDEFINED.has(testName)) defined(value);
    positional.forEach((a) => defined(a));
    return test(value, positional, kwargs) !== negate;
  }
  const filterName = canonicalFilter(name, FILTERS);
  const fn = filterName === undefined ? undefined : FILTERS.get(filterName);
  if (filterName === undefined || !fn) throw new TemplateRuntimeError(`no filter named '${name}'`);
  if (!FILTERS_TAKING_UNDEFINED.has(filterName)) {
    // Jinja2's plain Undefined reads as empty: `('x' if c) | length` is 0
    if (value instanceof QuietUndefined) value = '';
    defined(value);
  }
  // default's value is used only when it is chosen (Jinja2 passes an undefined argument along): an undefined one
  // that is not chosen is no error, `mount.src | default(info.device, true)` with mount.src set and info None
  const lazyFirst = filterName === 'default' || filterName === 'd';
  positional.forEach((a, i) => (lazyFirst && i === 0 ? a : defined(a)));
  const out = fn(value, positional, kwargs);
  // as written: Ansible looks the name up as the task spells it (ansible.builtin.to_json is not in its list)
  if (typeof out === 'string' && STRING_TYPE_FILTERS.has(name)) scope.ctx.keepAsText?.(out);
  return out;
}

function dates(op: '+' | '-', l: unknown, r: unknown): unknown {
  const out = dateArithmetic(op, l, r);
  if (out === undefined) throw new TemplateRuntimeError(`unsupported operand type(s) for ${op}: '${typeName(l)}' and '${typeName(r)}'`);
  return out;
}

/** `~` prints its operands: a QuietUndefined prints as '' */
function quietAsText(op: string, v: unknown): unknown {
  return op === '~' && v instanceof QuietUndefined ? '' : v;
}

function evalBinary(n: BinaryNode, scope: Scope): unknown {
  const op = n.operator.value;
  if (op === 'and') {
    const l = evalExpr(n.left, scope);
    return truthy(l) ? evalExpr(n.right, scope) : l;
  }
  if (op === 'or') {
    const l = evalExpr(n.left, scope);
    return truthy(l) ? l : evalExpr(n.right, scope);
  }
  const l = defined(quietAsText(op, evalExpr(n.left, scope)));
  const r = defined(quietAsText(op, evalExpr(n.right, scope)));
  switch (op) {
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '<':
      return compare(l, r) < 0;
    case '>':
      return compare(l, r) > 0;
    case '<=':
      return compare(l, r) <= 0;
    case '>=':
      return compare(l, r) >= 0;
    case 'in':
      return contains(r, l);
    case 'not in':
      return !contains(r, l);
    case '~':
      return pyStr(l) + pyStr(r);
    case '+':
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (l instanceof PyObject || r instanceof PyObject) return dates('+', l, r);
      if (isList(l) && isList(r)) return [...l, ...r];
      return arithmetic('+', l, r);
    case '*':
      if ((typeof l === 'string' || isList(l)) && typeof r === 'number') {
        // a template must not be able to exhaust memory
        if (l.length * r > 10_000_000) throw new TemplateRuntimeError(`repetition too large (${l.length} x ${r})`);
        return typeof l === 'string' ? l.repeat(Math.max(0, r)) : Array.from({ length: Math.max(0, r) }, () => l).flat();
      }
      return arithmetic('*', l, r);
    case '-':
      if (l instanceof PyObject || r instanceof PyObject) return dates('-', l, r);
      return arithmetic('-', l, r);
    case '/':
    case '//':
    case '**':
      return arithmetic(op, l, r);
    case '%':
      return typeof l === 'string' ? pyFormat(l, r) : arithmetic('%', l, r);
    default:
      throw new TemplateRuntimeError(`unknown operator ${op}`);
  }
}

function evalUnary(n: UnaryNode, scope: Scope): unknown {
  const v = evalExpr(n.argument, scope);
  switch (n.operator.value) {
    case 'not':
      return !truthy(v);
    case '-':
    case '+':
      return unary(n.operator.value, defined(v));
    default:
      throw new TemplateRuntimeError(`unknown operator ${n.operator.value}`);
  }
}


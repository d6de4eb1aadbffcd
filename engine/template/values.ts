// Python semantics over plain JS values: truthiness, str()/repr(), equality, ordering, safe dict building.
import { isFloat, numberOf, numberRepr, PyFloat } from '../core/pyfloat.js';
import { REDACTED, Secret } from '../core/secret.js';
import { QuietUndefined, TemplateRuntimeError, Undefined, UndefinedUse } from './undefined.js';

export type Dict = Record<string, unknown>;

/** A Python object with its own str/repr, truth, equality and ordering (datetime, timedelta). */
export abstract class PyObject {
  abstract readonly pyType: string;
  abstract str(): string;
  abstract repr(): string;
  truthy(): boolean { return true; }
  /** a negative, zero or positive number; undefined when the two cannot be ordered */
  abstract compareTo(other: unknown): number | undefined;
  /** an attribute (`.days`), or a method as a Callable; undefined when there is none */
  abstract attr(name: string): unknown;
}

/** A callable the template may call: globals (range, lookup) and the Python methods of str/list/dict. */
export class Callable {
  constructor(
    readonly name: string,
    readonly fn: (args: unknown[], kwargs: Dict) => unknown,
    /** a macro: an undefined argument is passed along (`is defined` inside may test it), as Jinja does */
    readonly takesUndefined = false,
  ) {}
}

/** The lists that are Python tuples (dictsort's and items' pairs, zip's rows): Python prints them (a, b). */
const TUPLES = new WeakSet<readonly unknown[]>();

/** Whether a list is a Python tuple (a tuple literal, a pair from dictsort or items...). */
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && TUPLES.has(v);
}

/** Marks a list as a Python tuple, for its printing; it stays a list everywhere else. */
export function asTuple<T extends readonly unknown[]>(items: T): T {
  TUPLES.add(items);
  return items;
}

export function isList(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

/** A plain mapping (YAML/JSON data, the vars view); class instances such as Secret stay opaque values. */
export function isDict(v: unknown): v is Dict {
  if (typeof v !== 'object' || v === null || isList(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own enumerable property only: templates never see prototypes. */
export function hasKey(d: Dict, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(d, key);
}

export function getKey(d: Dict, key: string): unknown {
  return hasKey(d, key) ? d[key] : undefined;
}

/** Set a key without invoking setters (`__proto__` stays an ordinary key). */
export function setKey(d: Dict, key: string, value: unknown): void {
  Object.defineProperty(d, key, { value, enumerable: true, writable: true, configurable: true });
}

export function newDict(entries: Iterable<readonly [string, unknown]> = []): Dict {
  const d: Dict = {};
  for (const [k, v] of entries) setKey(d, k, v);
  return d;
}

export function typeName(v: unknown): string {
  if (v instanceof Undefined) return 'undefined';
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || v instanceof PyFloat) return isFloat(v) ? 'float' : 'int';
  if (isList(v)) return 'list';
  if (v instanceof Callable) return 'function';
  if (v instanceof PyObject) return v.pyType;
  return 'dict';
}

export function truthy(v: unknown): boolean {
  if (v instanceof QuietUndefined) return false;
  if (v instanceof Undefined) throw new UndefinedUse(v);
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (isList(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  if (v instanceof PyObject) return v.truthy();
  return true;
}

/** Python str(): what `{{ v }}` prints. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyObject) return v.str();
  return pyRepr(v);
}

/** Python repr(), as lists and dicts print their items. */
export function pyRepr(v: unknown): string {
  if (v instanceof Undefined) throw new UndefinedUse(v);
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number' || v instanceof PyFloat) return numberRepr(v);
  if (typeof v === 'string') return reprString(v);
  if (isList(v)) return TUPLES.has(v) ? `(${v.map(pyRepr).join(', ')}${v.length === 1 ? ',' : ''})` : `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Callable) return `<function ${v.name}>`;
  if (v instanceof PyObject) return v.repr();
  if (isDict(v)) return `{${Object.entries(v).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ')}}`;
  // an opaque object (a Secret redacts itself this way too)
  return v instanceof Secret ? REDACTED : '<object>';
}

function reprString(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
  return q + (q === "'" ? body.replaceAll("'", "\\'") : body) + q;
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  // 1.0 == 1 == True, as in Python
  const na = typeof a === 'boolean' ? Number(a) : numberOf(a);
  const nb = typeof b === 'boolean' ? Number(b) : numberOf(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (isList(a) && isList(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a instanceof PyObject) return a.compareTo(b) === 0;
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasKey(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Python ordering for sort and < >: numbers with numbers, strings with strings, lists item by item. */
export function compare(a: unknown, b: unknown): number {
  if (a instanceof Undefined) throw new UndefinedUse(a);
  if (b instanceof Undefined) throw new UndefinedUse(b);
  const na = typeof a === 'boolean' ? Number(a) : (numberOf(a) ?? a);
  const nb = typeof b === 'boolean' ? Number(b) : (numberOf(b) ?? b);
  if (typeof na === 'number' && typeof nb === 'number') return na - nb;
  if (typeof na === 'string' && typeof nb === 'string') return na < nb ? -1 : na > nb ? 1 : 0;
  const byObject = na instanceof PyObject ? na.compareTo(nb) : undefined;
  if (byObject !== undefined) return byObject;
  if (isList(na) && isList(nb)) {
    for (let i = 0; i < Math.min(na.length, nb.length); i++) {
      const c = compare(na[i], nb[i]);
      if (c !== 0) return c;
    }
    return na.length - nb.length;
  }
  throw new TemplateRuntimeError(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** What `for x in v` iterates: list items, string characters, dict keys. */
export function iterate(v: unknown): unknown[] {
  if (v instanceof Undefined) throw new UndefinedUse(v);
  if (isList(v)) return v;
  if (typeof v === 'string') return [...v];
  if (isDict(v)) return Object.keys(v);
  throw new TemplateRuntimeError(`'${typeName(v)}' object is not iterable`);
}

export function contains(container: unknown, item: unknown): boolean {
  if (container instanceof Undefined) throw new UndefinedUse(container);
  if (item instanceof Undefined) throw new UndefinedUse(item);
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new TemplateRuntimeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (isList(container)) return container.some((x) => equal(x, item));
  if (isDict(container)) return typeof item === 'string' && hasKey(container, item);
  throw new TemplateRuntimeError(`argument of type '${typeName(container)}' is not iterable`);
}

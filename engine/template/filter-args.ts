// Argument and value helpers shared by the filter tables: positional-or-keyword arguments, typed inputs.
import { numberOf, PyFloat } from '../core/pyfloat.js';
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, isDict, isList, iterate, pyStr, typeName, type Dict } from './values.js';

export type Filter = (value: unknown, args: unknown[], kwargs: Dict) => unknown;

/** positional argument i, or keyword `name`, or the default */
export function arg(args: unknown[], kwargs: Dict, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (hasKey(kwargs, name)) return kwargs[name];
  return dflt;
}

export function str(v: unknown, filter: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v instanceof PyFloat) return pyStr(v);
  throw new TemplateRuntimeError(`filter ${filter} expects a string, got ${typeName(v)}`);
}

export function list(v: unknown, filter: string): unknown[] {
  if (isList(v)) return v;
  if (typeof v === 'string' || isDict(v)) return iterate(v);
  throw new TemplateRuntimeError(`filter ${filter} expects a list, got ${typeName(v)}`);
}

export function dict(v: unknown, filter: string): Dict {
  if (isDict(v)) return v;
  throw new TemplateRuntimeError(`filter ${filter} expects a dictionary, got ${typeName(v)}`);
}

export function num(v: unknown, filter: string): number {
  const n = numberOf(v);
  if (n !== undefined) return n;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new TemplateRuntimeError(`filter ${filter} expects a number, got ${typeName(v)}`);
}

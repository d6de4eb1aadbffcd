// Jinja2's number filters with Python's int and float kept apart: int, float, round, abs.
import { isFloat, numberOf, pyFloat, type PyFloat } from '../core/pyfloat.js';
import { arg, type Filter } from './filter-args.js';
import { TemplateRuntimeError } from './undefined.js';

/** Jinja2's int filter: a number truncated, a string read in `base`; `dflt` for what cannot be read. */
function toInt(v: unknown, dflt: unknown, base: number): unknown {
  if (typeof v === 'boolean') return Number(v);
  const n = numberOf(v);
  if (n !== undefined) return Math.trunc(n) + 0;
  if (typeof v === 'string') {
    const s = v.trim().replaceAll('_', '');
    if (base === 10 && /^[+-]?\d+$/.test(s)) return parseInt(s, 10);
    if (base !== 10) {
      const parsed = parseInt(s.replace(/^0[xob]/i, ''), base);
      return Number.isNaN(parsed) ? dflt : parsed;
    }
    // Jinja2: a float string converts through float
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Math.trunc(parseFloat(s)) + 0;
  }
  return dflt;
}

/** Jinja2's float filter: always a float (`3 | float` is 3.0); `dflt` for what cannot be read. */
function toFloat(v: unknown, dflt: unknown): unknown {
  const n = typeof v === 'boolean' ? Number(v) : numberOf(v);
  if (n !== undefined) return pyFloat(n);
  if (typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v)) return pyFloat(parseFloat(v));
  return dflt;
}

function operand(v: unknown, filter: string): number {
  const n = typeof v === 'boolean' ? Number(v) : numberOf(v);
  if (n === undefined) throw new TemplateRuntimeError(`filter ${filter} expects a number`);
  return n;
}

/**
 * Python's round(n, p): rounded from the exact binary value (2.675 is 2.67499... so it rounds to 2.67), an exact
 * half to the even neighbour (2.5 is 2, 0.125 is 0.12).
 */
function pyRound(n: number, p: number): number {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21 || p > 20) return n;
  if (p < 0) return pyRound(n / 10 ** -p, 0) * 10 ** -p;
  const abs = Math.abs(n);
  // toFixed rounds the exact value, an exact half away from zero: only that case needs a second look
  let r = Number(abs.toFixed(p));
  const exact = abs.toFixed(Math.min(100, p + 80));
  const cut = exact.indexOf('.') + 1 + p;
  if (/^50*$/.test(exact.slice(cut))) {
    const kept = exact.slice(0, cut);
    if (Number(kept.replace('.', '').at(-1)) % 2 === 0) r = Number(kept);
  }
  return Math.sign(n) * r;
}

/**
 * Jinja2's round: 'common' is Python's round(value, precision), an int for an int and a float for a float;
 * 'floor' and 'ceil' divide by 10**precision, so they always give a float.
 */
function round(v: unknown, precision: unknown, method: unknown): number | PyFloat {
  if (method !== 'common' && method !== 'floor' && method !== 'ceil') throw new TemplateRuntimeError('method must be common, ceil or floor');
  const n = operand(v, 'round');
  const p = operand(precision, 'round');
  const f = 10 ** p;
  if (method === 'common') {
    if (!isFloat(v)) return p >= 0 ? n : pyRound(n, p);
    return pyFloat(pyRound(n, p));
  }
  return pyFloat((method === 'floor' ? Math.floor(n * f) : Math.ceil(n * f)) / f);
}

function abs(v: unknown): number | PyFloat {
  const n = Math.abs(operand(v, 'abs'));
  return isFloat(v) ? pyFloat(n) : n;
}

export const NUMBER_FILTERS: readonly (readonly [string, Filter])[] = [
  ['int', (v, a, k) => toInt(v, arg(a, k, 0, 'default', 0), Number(arg(a, k, 1, 'base', 10)))],
  ['float', (v, a, k) => toFloat(v, arg(a, k, 0, 'default', pyFloat(0)))],
  ['round', (v, a, k) => round(v, arg(a, k, 0, 'precision', 0), arg(a, k, 1, 'method', 'common'))],
  ['abs', abs],
];

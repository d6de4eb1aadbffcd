// Python's arithmetic on ints and floats (bools count as ints): `/` always gives a float, the other operators a
// float when either operand is one, an int otherwise (`2 ** -1` aside). A whole-number float comes out boxed
// (core/pyfloat.ts), so `{{ 2.5 * 2 }}` prints 5.0 as Python does.
import { isFloat, numberOf, pyFloat, type PyFloat } from '../core/pyfloat.js';
import { TemplateRuntimeError } from './undefined.js';
import { typeName } from './values.js';

export type NumericOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';

/** An operand's number, or Python's TypeError for anything else. */
export function operand(v: unknown, op: string): number {
  if (typeof v === 'boolean') return Number(v);
  const n = numberOf(v);
  if (n === undefined) throw new TemplateRuntimeError(`unsupported operand type for ${op}: '${typeName(v)}'`);
  return n;
}

/** `l op r` on two numbers, typed as Python types the result. */
export function arithmetic(op: NumericOperator, l: unknown, r: unknown): number | PyFloat {
  const a = operand(l, op);
  const b = operand(r, op);
  const float = isFloat(l) || isFloat(r);
  // (an int is never -0: `-0 + 0` is 0)
  const typed = (n: number): number | PyFloat => (float ? pyFloat(n) : n + 0);
  switch (op) {
    case '+':
      return typed(a + b);
    case '-':
      return typed(a - b);
    case '*':
      return typed(a * b);
    case '/':
      if (b === 0) throw new TemplateRuntimeError('division by zero');
      return pyFloat(a / b);
    case '//':
      if (b === 0) throw new TemplateRuntimeError(float ? 'float floor division by zero' : 'integer division by zero');
      return typed(Math.floor(a / b));
    case '%':
      if (b === 0) throw new TemplateRuntimeError(float ? 'float modulo' : 'modulo by zero');
      return typed(((a % b) + b) % b);
    case '**':
      // an int to a negative int power is a float in Python 3
      return float || b < 0 ? pyFloat(a ** b) : a ** b;
  }
}

/** Unary minus and plus keep an int an int and a float a float (`-0.0` stays negative). */
export function unary(op: '-' | '+', v: unknown): number | PyFloat {
  const n = operand(v, op);
  const out = op === '-' ? -n : n;
  return isFloat(v) ? pyFloat(out) : out + 0;
}

// Python's float where JavaScript cannot tell it from an int: a whole-number float (YAML's `1.0`, `{{ 4 / 2 }}`,
// `{{ x | float }}`) is boxed as a PyFloat, so it prints as Python prints it (`2.0`) and stays a float through
// arithmetic. A fractional, infinite or NaN number is a float already and stays a plain number; a plain whole
// number is an int. The box reads as its number wherever JSON is written (toJSON) and wherever a module's
// parameter wants a number (run/params.ts).

/** A Python float whose value is a whole number (or -0.0). */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
}

/** Python's float(n): a whole number boxed, any other number as it is. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Whether v is a Python float (a PyFloat, or a number that is not a whole number). */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** The number of an int or a float (boxed or not); undefined for anything else. */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return v instanceof PyFloat ? v.value : undefined;
}

/** Python's repr() of an int or a float (boxed or not): 3, 3.0, 0.5, nan. */
export function numberRepr(v: number | PyFloat): string {
  const n = v instanceof PyFloat ? v.value : v;
  return v instanceof PyFloat || !Number.isInteger(n) ? floatRepr(n) : String(n);
}

/** A number as Python's json.dumps writes it: an int as its digits, a float as its repr, NaN and ±Infinity by name. */
export function jsonNumber(v: number | PyFloat): string {
  const n = v instanceof PyFloat ? v.value : v;
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return numberRepr(v);
}

/** Python's repr() of a float: shortest digits, `.0` on a whole number, exponent form below 1e-4 and from 1e16. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Object.is(n, -0)) return '-0.0';
  const [mantissa = '', exp = '0'] = n.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent >= -4 && exponent < 16) return Number.isInteger(n) ? `${String(n)}.0` : String(n);
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

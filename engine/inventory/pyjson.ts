// Python's json.dumps(sort_keys=True, indent=4, ensure_ascii=False) and repr(), for ansible-inventory's output.
import { jsonNumber, numberRepr, PyFloat } from '../core/pyfloat.js';

function jsonString(s: string): string {
  // Python escapes the same control characters as JSON.stringify, and leaves non-ASCII as is with ensure_ascii=False
  return JSON.stringify(s);
}

/** JSON text laid out like Python's json.dumps(obj, sort_keys=True, indent=4). */
export function pyJsonDumps(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent + 4);
  const end = ' '.repeat(indent);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || value instanceof PyFloat) return jsonNumber(value);
  if (typeof value === 'string') return jsonString(value);
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => pad + pyJsonDumps(v, indent + 4)).join(',\n')}\n${end}]`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    if (!keys.length) return '{}';
    const rec = value as Record<string, unknown>;
    return `{\n${keys.map((k) => `${pad}${jsonString(k)}: ${pyJsonDumps(rec[k], indent + 4)}`).join(',\n')}\n${end}}`;
  }
  return 'null'; // functions, symbols: not data
}

/** Python's repr() of a value, as `ansible-inventory --graph --vars` prints it. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || value instanceof PyFloat) return numberRepr(value);
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = value
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t')
      .replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
    return quote + body + quote;
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return 'None';
}

// JSON as Ansible prints results (Python's json.dumps, sort_keys=True): `{"a": 1, "b": [1, 2]}`, or indented by 4.
// A float prints as Python's repr (2.0, 1e-05). Values with toJSON (Secret) go through it, so a secret prints
// redacted; cycles and bigints never throw.
import { jsonNumber, PyFloat } from '../core/pyfloat.js';

export function pyJson(value: unknown, indent?: number): string {
  return dump(value, indent, 0, new Set());
}

function dump(value: unknown, indent: number | undefined, depth: number, seen: Set<object>): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PyFloat) return jsonNumber(value);
  if (typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') {
    return dump((value.toJSON as () => unknown).call(value), indent, depth, seen);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return jsonNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    case 'symbol':
      return JSON.stringify(value.toString());
    case 'function':
      return 'null';
  }
  if (seen.has(value)) return '"[circular]"';
  seen.add(value);
  try {
    const entries: string[] = Array.isArray(value)
      ? value.map((v) => dump(v, indent, depth + 1, seen))
      : Object.keys(value)
          .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}: ${dump((value as Record<string, unknown>)[k], indent, depth + 1, seen)}`);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return open + close;
    if (indent === undefined) return `${open}${entries.join(', ')}${close}`;
    const pad = ' '.repeat(indent * (depth + 1));
    return `${open}\n${pad}${entries.join(`,\n${pad}`)}\n${' '.repeat(indent * depth)}${close}`;
  } finally {
    seen.delete(value);
  }
}

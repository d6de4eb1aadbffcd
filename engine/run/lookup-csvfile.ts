// The csvfile lookup, as Ansible 2.14's: `key [file=f] [delimiter=,] [col=N] [default=d] [encoding=e]` (parse_kv) or the
// same options as keywords; the first row whose key column equals the key gives its column `col`. The file is read
// as Python's csv module reads the excel dialect (csv-reader.ts). keycol (the key's column, 0 by default) is a later
// Ansible's option (2.16); with it unset the lookup is 2.14's.
import { readFileSync } from 'node:fs';
import { pyStr, type Dict } from '../template/values.js';
import { csvRows } from './csv-reader.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';
import { decodeText, lookupFile, parseKv } from './lookup-options.js';

const DEFAULTS: Readonly<Record<string, unknown>> = { col: '1', keycol: '0', default: null, delimiter: 'TAB', file: 'ansible.csv', encoding: 'utf-8' };

export function csvOptions(kwargs: Dict): Record<string, unknown> {
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const [k, v] of Object.entries(kwargs)) if (k in DEFAULTS) out[k] = v;
  return out;
}

/** A term's key, its inline options applied to `params` (kept for the following terms, as in Ansible). */
export function csvTermKey(term: string, params: Record<string, unknown>): string {
  const { raw, options } = parseKv(term, 'csvfile');
  if (raw === undefined) throw new LookupFailure('Search key is required but was not found');
  for (const [name, value] of options) {
    if (!(name in params)) throw new LookupFailure(`${name} is not a valid option`);
    params[name] = value;
  }
  if (params.delimiter === 'TAB') params.delimiter = '\t';
  return raw;
}

/** Python's int(x) of a column, and row[i] (negative from the end). */
function column(row: readonly string[], col: unknown): string {
  const text = pyStr(col).trim();
  if (typeof col !== 'number' && !/^[+-]?\d+$/.test(text)) throw new LookupFailure(`csvfile: invalid literal for int() with base 10: '${pyStr(col)}'`);
  const i = Math.trunc(Number(text));
  const v = row[i < 0 ? row.length + i : i];
  if (v === undefined) throw new LookupFailure('csvfile: list index out of range');
  return v;
}

/** read_csv: the value of the first row whose key column holds the key, else the default. */
export function readCsv(text: string, key: string, params: Record<string, unknown>): unknown {
  const delimiter = pyStr(params.delimiter);
  if ([...delimiter].length !== 1) throw new LookupFailure('csvfile: "delimiter" must be a 1-character string');
  for (const row of csvRows(text, delimiter)) if (row.length > 0 && column(row, params.keycol) === key) return column(row, params.col);
  return params.default;
}

const csvfile: LookupPlugin = (terms, kwargs, ctx) => {
  const params = csvOptions(kwargs);
  const out: unknown[] = [];
  for (const t of termList(terms)) {
    const key = csvTermKey(pyStr(t), params);
    const file = pyStr(params.file);
    const path = lookupFile(ctx, file);
    if (path === undefined) throw new LookupFailure(`csvfile: [Errno 2] No such file or directory: b'None' (Unable to find '${file}' in expected paths)`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new LookupFailure(`csvfile: ${(err as Error).message}`);
    }
    const value = readCsv(decodeText(bytes, pyStr(params.encoding), 'csvfile'), key, params);
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else if (value !== null && value !== undefined) out.push(value);
  }
  return out;
};

export const CSVFILE_LOOKUPS = { csvfile } as const satisfies Record<string, LookupPlugin>;

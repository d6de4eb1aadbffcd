// SQL text for MySQL/MariaDB built from data, and the mysql client's batch output read back: string literals and
// identifiers quoted so no value becomes SQL, result sets told apart by marker rows, errors worded as PyMySQL's.
import { createHash } from 'node:crypto';

/** A string literal: quotes doubled, backslashes and NUL escaped (safe with and without NO_BACKSLASH_ESCAPES). */
export function sqlString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\0', '\\0')}'`;
}

/** One identifier part in backticks, inner backticks doubled. */
export function sqlName(part: string): string {
  return `\`${part.replaceAll('`', '``')}\``;
}

/** An account, 'user'@'host'. */
export function sqlAccount(user: string, host: string): string {
  return `${sqlString(user)}@${sqlString(host)}`;
}

/**
 * Ansible's mysql_quote_identifier for a database name: each dot-separated part quoted unless the user quoted it,
 * at most one dot. A name Ansible would refuse gives its message.
 */
export function quoteDatabase(name: string): string | { readonly error: string } {
  const parts = identifierParts(name);
  if (typeof parts === 'object' && 'error' in parts) return parts;
  if (parts.length - 1 > 1) return { error: 'MySQL does not support database with more than 1 dots' };
  return parts.map((p) => (p === '`*`' ? '*' : p)).join('.');
}

function identifierParts(identifier: string): string[] | { readonly error: string } {
  if (identifier === '') return { error: 'Identifier name unspecified or unquoted trailing dot' };
  if (identifier.startsWith('`')) {
    const end = closingQuote(identifier);
    if (end !== undefined) {
      if (end === identifier.length - 1) return [identifier];
      if (identifier[end + 1] !== '.') return { error: 'User escaped identifiers must escape extra quotes' };
      const rest = identifierParts(identifier.slice(end + 2));
      return Array.isArray(rest) ? [identifier.slice(0, end + 1), ...rest] : rest;
    }
  }
  const dot = identifier.indexOf('.');
  if (dot <= 0 || dot >= identifier.length - 1) return [sqlName(identifier)];
  const rest = identifierParts(identifier.slice(dot + 1));
  return Array.isArray(rest) ? [sqlName(identifier.slice(0, dot)), ...rest] : rest;
}

/** The index of the backtick closing one that opens the identifier (a doubled backtick is a quote inside it). */
function closingQuote(identifier: string): number | undefined {
  for (let i = 1; i < identifier.length; i++) {
    if (identifier[i] !== '`') continue;
    if (identifier[i + 1] === '`') {
      i++;
      continue;
    }
    return i;
  }
  return undefined;
}

/** mysql_native_password's hash of a password, as the server's CONCAT('*', UCASE(SHA1(UNHEX(SHA1(p))))). */
export function nativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}

/** Ansible's is_hash: `*` and 40 hex digits. */
export function isNativeHash(value: string): boolean {
  return /^\*[0-9A-Fa-f]{40}$/.test(value);
}

const MARK = 'kplay-result-';

/**
 * Queries whose result sets come back apart: each is preceded by a marker row. The client stops at the first error,
 * so the sets before it are there and the rest are missing.
 */
export function batch(queries: readonly string[]): string {
  return queries.map((q, i) => `SELECT '${MARK}${i}';\n${q.trim().replace(/;$/, '')};\n`).join('');
}

/** A result set: rows of column values (NULL is null). */
export type Rows = readonly (readonly (string | null)[])[];

/** The result sets of a batch run with `mysql --batch --skip-column-names`, by query index. */
export function readBatch(stdout: string, count: number): (Rows | undefined)[] {
  const sets: ((string | null)[][] | undefined)[] = Array.from({ length: count }, () => undefined);
  let current: (string | null)[][] | undefined;
  for (const line of stdout.split('\n')) {
    const mark = line.startsWith(MARK) ? Number(line.slice(MARK.length)) : Number.NaN;
    if (Number.isInteger(mark) && mark >= 0 && mark < count) {
      current = [];
      sets[mark] = current;
      continue;
    }
    if (current === undefined || line === '') continue;
    current.push(line.split('\t').map(unescapeField));
  }
  return sets;
}

/** A --batch field: NULL, or its text with \n, \t, \\ and \0 written as escapes. */
function unescapeField(field: string): string | null {
  if (field === 'NULL') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '0': '\0', '\\': '\\' })[c] ?? c);
}

/** The client's error line (`ERROR 1045 (28000) at line 2: Access denied ...`) as PyMySQL words it: (1045, "..."). */
export function clientError(stderr: string): { readonly code: number; readonly text: string } | undefined {
  const m = /^ERROR (\d+) \([^)]*\)(?: at line \d+)?: (.*)$/m.exec(stderr);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  return { code: Number(m[1]), text: m[2] };
}

/** Python's repr of (code, 'text'): double quotes when the text holds a single quote, as PyMySQL's error prints. */
export function pyErrorTuple(code: number, text: string): string {
  const q = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = q === "'" ? text.replaceAll('\\', '\\\\').replaceAll("'", "\\'") : text.replaceAll('\\', '\\\\');
  return `(${code}, ${q}${body}${q})`;
}

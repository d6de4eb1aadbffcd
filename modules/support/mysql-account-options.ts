// The parts of a MySQL/MariaDB account beside its password and privileges, as community.mysql's mysql_user reads
// and compares them: TLS requirements (tls_requires), the authentication plugin, and resource limits.
import { shlexSplit } from '../common/shlex.js';
import { sqlString } from './mysql-sql.js';

/** What an account requires: nothing, SSL, X509, or named values (CIPHER, ISSUER, SUBJECT). */
export type Requires = undefined | 'SSL' | 'X509' | Readonly<Record<string, string>>;

/** Ansible's sanitize_requires: keys upper-cased; SSL or X509 alone unless a named value is given. */
export function sanitizeRequires(tls: Readonly<Record<string, unknown>> | undefined): Requires {
  if (tls === undefined || Object.keys(tls).length === 0) return undefined;
  const upper = Object.fromEntries(Object.entries(tls).map(([k, v]) => [k.toUpperCase(), String(v)]));
  if (['CIPHER', 'ISSUER', 'SUBJECT'].some((k) => k in upper)) {
    delete upper.SSL;
    delete upper.X509;
    return upper;
  }
  return 'X509' in upper ? 'X509' : 'SSL';
}

/** Ansible's get_tls_requires over SHOW CREATE USER (or SHOW GRANTS) lines: the REQUIRE clause read back. */
export function parseRequires(lines: readonly string[]): Requires {
  const line = lines.find((l) => l.includes('REQUIRE')) ?? '';
  const clause = (/(?<=\bREQUIRE\b)(.*?)(?=(?:\bPASSWORD\b|$))/.exec(line)?.[0] ?? '').trim();
  if (['SSL', 'X509', 'NONE'].some((r) => clause.startsWith(r))) {
    const first = clause.split(/\s+/)[0];
    return first === 'SSL' || first === 'X509' ? first : undefined;
  }
  const words = shlexSplit(clause);
  if (typeof words === 'string' || words.length === 0) return undefined;
  // pairs of words, as Python's dict(zip(items, items)) makes them (a lone last word is dropped)
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < words.length; i += 2) out[words[i] ?? ''] = words[i + 1] ?? '';
  return out;
}

export function sameRequires(a: Requires, b: Requires): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** The REQUIRE clause: REQUIRE SSL, or REQUIRE CIPHER 'x' AND ISSUER 'y', or REQUIRE NONE. */
export function requireClause(r: Requires): string {
  if (r === undefined) return 'REQUIRE NONE';
  if (typeof r === 'string') return `REQUIRE ${r}`;
  return `REQUIRE ${Object.entries(r)
    .map(([k, v]) => `${requireKey(k)} ${sqlString(v)}`)
    .join(' AND ')}`;
}

/** A requirement's name as SQL: one of the words the server knows, never other text. */
function requireKey(key: string): string {
  return /^[A-Z0-9_]+$/.test(key) ? key : sqlString(key);
}

/** `IDENTIFIED WITH plugin [AS hash | BY/USING auth]`, as Ansible's user_add and user_mod write it (pam takes USING). */
export function pluginClause(plugin: string, hash: string | undefined, auth: string | undefined): string {
  if (hash !== undefined) return `IDENTIFIED WITH ${sqlString(plugin)} AS ${sqlString(hash)}`;
  if (auth !== undefined) return `IDENTIFIED WITH ${sqlString(plugin)} ${plugin === 'pam' ? 'USING' : 'BY'} ${sqlString(auth)}`;
  return `IDENTIFIED WITH ${sqlString(plugin)}`;
}

/** The limits a resource_limits key names, and the mysql.user column that holds each. */
export const LIMIT_COLUMNS: Readonly<Record<string, string>> = {
  MAX_QUERIES_PER_HOUR: 'max_questions',
  MAX_UPDATES_PER_HOUR: 'max_updates',
  MAX_CONNECTIONS_PER_HOUR: 'max_connections',
  MAX_USER_CONNECTIONS: 'max_user_connections',
};
export const MARIADB_LIMIT_COLUMNS: Readonly<Record<string, string>> = { ...LIMIT_COLUMNS, MAX_STATEMENT_TIME: 'max_statement_time' };

/**
 * Ansible's match_resource_limits: the limits to change (all of them for an account that does not exist yet), or
 * its message for a key it does not know or a value that is not a whole number.
 */
export function limitsToChange(current: Readonly<Record<string, string | null>> | undefined, desired: Readonly<Record<string, unknown>>): Record<string, number> | { readonly error: string } {
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(desired)) {
    if (current !== undefined && !(key in current)) return { error: `resource_limits: key '${key}' is unsupported.` };
    const text = String(raw).trim();
    if (!/^[-+]?\d+$/.test(text)) return { error: `Can't convert value '${String(raw)}' to integer.` };
    const value = Number.parseInt(text, 10);
    if (current === undefined || Number(current[key]) !== value) out[key] = value;
  }
  return out;
}

// Privileges as community.mysql's mysql_user reads and compares them: the `priv` string (`db.*:SELECT,INSERT/
// *.*:USAGE`) unpacked, SHOW GRANTS parsed into the same shape, column lists sorted so the two compare. A privilege
// name is words only, so what a playbook writes there cannot become other SQL.

/** db.table (quoted as the server shows it) -> its privileges; GRANT stands for WITH GRANT OPTION. */
export type Privileges = ReadonlyMap<string, readonly string[]>;

/** A privilege: words, optionally a column list (`SELECT (a, b)`). */
const PRIVILEGE = /^[A-Z][A-Z _]*( ?\([^()`';\\]*\))?$/;

/** Ansible's convert_priv_dict_to_str: {db.*: 'ALL'} -> 'db.*:ALL'. */
export function privDictToString(priv: Readonly<Record<string, unknown>>): string {
  return Object.entries(priv)
    .map(([k, v]) => `${k}:${String(v)}`)
    .join('/');
}

/**
 * Ansible's privileges_unpack, in the server's quoting mode (ANSI quotes with ", else `). With `columnCase`
 * (column_case_sensitive) only the privilege names are upper-cased, not the column names in parentheses.
 */
export function unpackPrivileges(priv: string, ansi: boolean, ensureUsage: boolean, columnCase = false): Privileges | { readonly error: string } {
  const q = ansi ? '"' : '`';
  const out = new Map<string, string[]>();
  for (const item of priv.trim().split('/')) {
    const colon = item.trim().lastIndexOf(':');
    if (colon < 0) return { error: `invalid privileges string: ${item.trim()}` };
    const target = item.trim().slice(0, colon);
    const list = item.trim().slice(colon + 1);
    const dot = target.lastIndexOf('.');
    const sides = dot < 0 ? [target] : [target.slice(0, dot), target.slice(dot + 1)];
    const first = sides[0] ?? '';
    const typed = /^(FUNCTION|PROCEDURE) (.*)$/.exec(first);
    if (typed?.[2] !== undefined) sides[0] = typed[2];
    const quoted = sides.map((side) => {
      const bare = side.replace(/^`+|`+$/g, '');
      return bare === '*' ? side : `${q}${bare.replaceAll(q, q + q)}${q}`;
    });
    const key = `${typed?.[1] === undefined ? '' : `${typed[1]} `}${quoted.join('.')}`;
    const upper = columnCase ? list.replace(/[^()]+(?=\(|$)/g, (names) => names.toUpperCase()) : list.toUpperCase();
    const privileges = upper.includes('(') ? upper.split(/,\s*(?=[^)]*(?:\(|$))/) : upper.split(',');
    const bad = privileges.find((p) => !PRIVILEGE.test(p.trim()));
    if (bad !== undefined) return { error: `invalid privilege "${bad}" in ${item.trim()}` };
    out.set(key, normalizeColumnGrants(privileges));
  }
  if (ensureUsage && !out.has('*.*')) out.set('*.*', ['USAGE']);
  return out;
}

const GRANT_LINE = /^GRANT (.+?) ON (.+?) TO (['`"]).*?\3@(['`"]).*?\4( IDENTIFIED BY PASSWORD (['`"]).+?\6)? ?(.*)$/;
const ROLE_GRANT = /^GRANT (.+) TO (['`"]).*/;

/** Ansible's privileges_get over the lines of SHOW GRANTS; a line it cannot read is an error, with its message. */
export function parseGrants(lines: readonly string[]): Privileges | { readonly error: string } {
  const out = new Map<string, string[]>();
  for (const line of lines) {
    const m = GRANT_LINE.exec(line);
    if (m === null) {
      if (ROLE_GRANT.test(line)) continue; // a role granted to the user: mysql_role's business
      return { error: `unable to parse the MySQL grant string: ${line}` };
    }
    const privileges = normalizeColumnGrants((m[1] ?? '').split(',').map((x) => (x.trim() === 'ALL PRIVILEGES' ? 'ALL' : x.trim())));
    if ((m[7] ?? '').includes('WITH GRANT OPTION')) privileges.push('GRANT');
    const key = m[2] ?? '';
    out.set(key, [...(out.get(key) ?? []), ...privileges]);
  }
  return out;
}

/** Ansible's normalize_col_grants: `SELECT (b`, `a)` joined again and its columns sorted. */
export function normalizeColumnGrants(privileges: readonly string[]): string[] {
  let out = [...privileges];
  for (const grant of ['SELECT', 'UPDATE', 'INSERT', 'REFERENCES']) {
    const start = out.findIndex((p) => p.includes(`${grant} (`));
    if (start < 0) continue;
    const endOffset = out.slice(start).findIndex((p) => p.includes(')'));
    if (endOffset < 0) continue;
    const end = start + endOffset;
    out = [...out.slice(0, start), sortColumns(out.slice(start, end + 1).join(', ')), ...out.slice(end + 1)];
  }
  return out;
}

function sortColumns(statement: string): string {
  const [name = '', rest = ''] = statement.split('(');
  const columns = rest
    .replace(/\)+$/, '')
    .split(',')
    .map((c) => c.trim().replace(/^`+|`+$/g, ''))
    .sort();
  return `${name}(${columns.join(', ')})`;
}

/** Equal as Python compares two such dicts: the same keys, each with the same list in the same order. */
export function samePrivileges(a: Privileges, b: Privileges): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || w.length !== v.length || w.some((x, i) => x !== v[i])) return false;
  }
  return true;
}

/** One change to a user's privileges on one db.table, in the order Ansible's user_mod makes them. */
export interface PrivilegeChange {
  readonly kind: 'grant' | 'revoke';
  readonly target: string;
  readonly privileges: readonly string[];
  /** revoke: also REVOKE GRANT OPTION first */
  readonly grantOption: boolean;
  /** Ansible's msg once this change is made (check mode reports the first) */
  readonly msg: string;
}

export interface PrivilegePlan {
  readonly changes: readonly PrivilegeChange[];
  /** the msg Ansible's user_mod would leave (the last kind of change it made) */
  readonly msg: string | undefined;
}

/** Python's str() of a list of strings: ['SELECT', 'INSERT']. */
function pyList(items: readonly string[]): string {
  return `[${items.map((i) => `'${i}'`).join(', ')}]`;
}

/** Ansible's user_mod privilege section: what to revoke and grant to go from `current` to `wanted`. */
export function planPrivileges(user: string, current: Privileges, wanted: Privileges, mode: 'replace' | 'append' | 'subtract'): PrivilegePlan {
  const changes: PrivilegeChange[] = [];
  let msg: string | undefined;
  let grantOption = false;
  if (mode === 'replace') {
    for (const [target, privs] of current) {
      if (privs.includes('GRANT')) grantOption = true;
      if (!wanted.has(target) && user !== 'root' && !privs.includes('PROXY')) {
        msg = 'Privileges updated';
        changes.push({ kind: 'revoke', target, privileges: privs, grantOption, msg });
      }
    }
  }
  if (mode !== 'subtract') {
    for (const [target, privs] of wanted) {
      if (current.has(target)) continue;
      msg = 'New privileges granted';
      changes.push({ kind: 'grant', target, privileges: privs, grantOption: false, msg });
    }
  }
  for (const target of [...wanted.keys()].filter((t) => current.has(t))) {
    const want = wanted.get(target) ?? [];
    const have = current.get(target) ?? [];
    let grant: string[] = [];
    let revoke: string[] = [];
    if (mode === 'append') grant = distinct(want.filter((p) => !have.includes(p)));
    else if (mode === 'subtract') revoke = distinct(want.filter((p) => have.includes(p)));
    else {
      grant = distinct(want.filter((p) => !have.includes(p)));
      revoke = distinct(have.filter((p) => !want.includes(p)));
      if (grant.includes('ALL') || grant.includes('ALL PRIVILEGES')) revoke = revoke.filter((p) => p === 'GRANT' || p === 'PROXY');
      grantOption = revoke.includes('GRANT') && !grant.includes('GRANT');
    }
    if (grant.length === 1 && grant[0] === 'GRANT') grant.push('USAGE');
    if (grant.length + revoke.length === 0) continue;
    msg = `Privileges updated: granted ${pyList(grant)}, revoked ${pyList(revoke)}`;
    if (revoke.length > 0) changes.push({ kind: 'revoke', target, privileges: revoke, grantOption, msg });
    if (grant.length > 0) changes.push({ kind: 'grant', target, privileges: grant, grantOption: false, msg });
  }
  return { changes, msg };
}

function distinct(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The statements of one change, for the account (already quoted): Ansible's privileges_grant / privileges_revoke. */
export function changeStatements(change: PrivilegeChange, account: string): string[] {
  const list = change.privileges.filter((p) => p !== 'GRANT').join(',');
  if (change.kind === 'grant') return [`GRANT ${list} ON ${change.target} TO ${account}${change.privileges.includes('GRANT') ? ' WITH GRANT OPTION' : ''}`];
  const out: string[] = [];
  if (change.grantOption) out.push(`REVOKE GRANT OPTION ON ${change.target} FROM ${account}`);
  if (list !== '') out.push(`REVOKE ${list} ON ${change.target} FROM ${account}`);
  out.push('FLUSH PRIVILEGES');
  return out;
}

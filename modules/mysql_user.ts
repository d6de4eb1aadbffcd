// mysql_user (community.mysql): a MySQL/MariaDB account with its password and privileges, created, changed or
// dropped as Ansible's user_add / user_mod / user_delete decide, through the host's mysql client. The password is
// hashed on the controller (mysql_native_password), so the clear text never leaves it.
import { Type, type Static } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { aliasOf, choice } from './common/schema.js';
import { defineModule, type ActResult } from './contract.js';
import { LIMIT_COLUMNS, MARIADB_LIMIT_COLUMNS, limitsToChange, parseRequires, pluginClause, requireClause, sameRequires, sanitizeRequires, type Requires } from './support/mysql-account-options.js';
import { MysqlError, MysqlSession, mysqlConnectionParams } from './support/mysql-client.js';
import { changeStatements, parseGrants, planPrivileges, privDictToString, samePrivileges, unpackPrivileges, type Privileges } from './support/mysql-privs.js';
import { isNativeHash, nativePasswordHash, sqlAccount, sqlName, sqlString, type Rows } from './support/mysql-sql.js';

const params = Type.Object({
  name: Type.Optional(Type.String({ description: 'The user name.' })),
  user: aliasOf('name', Type.Optional(Type.String({ description: 'Alias of name.' }))),
  password: Type.Optional(Type.String({ description: 'The password, in clear (hashed on the controller), or its hash with encrypted.' })),
  encrypted: Type.Boolean({ description: 'password is already a mysql_native_password hash (*...).', default: false }),
  host: Type.String({ description: 'The host part of the account.', default: 'localhost' }),
  host_all: Type.Boolean({ description: 'Every existing account of this user name, whatever its host.', default: false }),
  state: choice(['absent', 'present'], { description: 'present creates or updates the account, absent drops it.', default: 'present' }),
  priv: Type.Optional(Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], { description: 'The privileges: db.table:PRIV,PRIV/db2.*:ALL, or a dictionary of db.table to privileges.' })),
  append_privs: Type.Boolean({ description: 'Add priv to what the user has instead of replacing it.', default: false }),
  subtract_privs: Type.Boolean({ description: 'Revoke priv from what the user has.', default: false }),
  column_case_sensitive: Type.Boolean({
    description: 'Keep the case of column names in priv (community.mysql 3.8); false upper-cases the whole list, as earlier versions do.',
    default: false,
  }),
  update_password: choice(['always', 'on_create', 'on_new_username'], { description: 'When the password is set: always, only for a new account, or only for a new user name.', default: 'always' }),
  sql_log_bin: Type.Boolean({ description: 'Write the changes to the binary log.', default: true }),
  force_context: Type.Boolean({ description: 'Work in the mysql database.', default: false }),
  session_vars: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { description: 'Session variables set first.' })),
  tls_requires: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'TLS the account must use: {SSL:}, {X509:}, or CIPHER / ISSUER / SUBJECT values; unset means none.' })),
  plugin: Type.Optional(Type.String({ description: 'The authentication plugin (unix_socket, ed25519, ...).' })),
  plugin_hash_string: Type.Optional(Type.String({ description: "The plugin's hash of the credentials." })),
  plugin_auth_string: Type.Optional(Type.String({ description: 'The credentials the plugin hashes itself.' })),
  resource_limits: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Limits: MAX_QUERIES_PER_HOUR, MAX_UPDATES_PER_HOUR, MAX_CONNECTIONS_PER_HOUR, MAX_USER_CONNECTIONS, MAX_STATEMENT_TIME (MariaDB).' })),
  ...mysqlConnectionParams,
});
type Params = Static<typeof params>;

interface Outcome {
  readonly changed: boolean;
  readonly msg: string;
  readonly passwordChanged: boolean | null;
}

/** The server's version as numbers (10.11.6-MariaDB -> [10, 11, 6]), compared as LooseVersion compares them. */
function versionAtLeast(version: string, wanted: readonly number[]): boolean {
  const have = (/^[\d.]+/.exec(version)?.[0] ?? '').split('.').filter(Boolean).map(Number);
  for (let i = 0; i < wanted.length; i++) {
    const h = have[i] ?? -1;
    const w = wanted[i] ?? 0;
    if (h !== w) return h > w;
  }
  return true;
}

/** What the server is: the user-management generation and the quoting mode privileges use. */
interface Server {
  readonly mariadb: boolean;
  readonly oldUserMgmt: boolean;
  readonly identifiedByPassword: boolean;
  /** ALTER USER exists (resource limits): MariaDB 10.2, MySQL 5.6 */
  readonly alterUser: boolean;
  readonly ansi: boolean;
}

class UserTask {
  constructor(
    private readonly p: Params,
    private readonly db: MysqlSession,
    private readonly server: Server,
    private readonly prefix: readonly string[],
    private readonly check: boolean,
  ) {}

  private run(statements: readonly string[]): Promise<unknown> {
    return this.db.run([...this.prefix, ...statements]);
  }

  /** The rows of one query, after the session's prefix (sql_log_bin, session_vars, force_context). */
  private async rows(query: string): Promise<Rows> {
    return (await this.db.run([...this.prefix, query]))[this.prefix.length] ?? [];
  }

  private async value(query: string): Promise<string | null | undefined> {
    return (await this.rows(query))[0]?.[0];
  }

  private async grants(user: string, host: string): Promise<Privileges> {
    const parsed = parseGrants((await this.rows(`SHOW GRANTS FOR ${sqlAccount(user, host)}`)).map((r) => r[0] ?? ''));
    if ('error' in parsed) throw new MysqlError(String(parsed.error), undefined);
    return parsed;
  }

  async hostnames(user: string): Promise<string[]> {
    return (await this.rows(`SELECT Host FROM mysql.user WHERE user = ${sqlString(user)}`)).map((r) => r[0] ?? '');
  }

  /** Ansible's user_add. */
  async add(user: string, host: string, password: string | undefined, wanted: Privileges | undefined, requires: Requires): Promise<Outcome> {
    if (this.check) return { changed: true, msg: 'User added', passwordChanged: null };
    let create = `CREATE USER ${sqlAccount(user, host)}`;
    const existing = this.p.update_password === 'on_new_username' ? await this.existingAuthentication(user) : undefined;
    if (existing !== undefined) create += ` ${pluginClause(existing.plugin, existing.auth, undefined)}`;
    else if (password) {
      const hash = this.p.encrypted ? password : nativePasswordHash(password);
      create += this.p.encrypted && this.server.identifiedByPassword ? ` IDENTIFIED BY PASSWORD ${sqlString(hash)}` : ` IDENTIFIED WITH mysql_native_password AS ${sqlString(hash)}`;
    } else if (this.p.plugin) create += ` ${pluginClause(this.p.plugin, this.p.plugin_hash_string, this.p.plugin_auth_string)}`;
    if (requires !== undefined && !this.server.oldUserMgmt) create += ` ${requireClause(requires)}`;
    const statements = [create];
    for (const [target, privs] of wanted ?? new Map<string, readonly string[]>()) {
      statements.push(...changeStatements({ kind: 'grant', target, privileges: privs, grantOption: false, msg: '' }, sqlAccount(user, host)));
    }
    await this.run(statements);
    return { changed: true, msg: 'User added', passwordChanged: existing === undefined };
  }

  /** Ansible's get_existing_authentication: the plugin and hash when all the user's accounts share one. */
  private async existingAuthentication(user: string): Promise<{ plugin: string; auth: string } | undefined> {
    const u = sqlString(user);
    const query = this.server.mariadb
      ? `SELECT plugin, auth FROM (SELECT plugin, password AS auth FROM mysql.user WHERE user=${u} UNION SELECT plugin, authentication_string AS auth FROM mysql.user WHERE user=${u}) x GROUP BY plugin, auth LIMIT 2`
      : `SELECT plugin, authentication_string AS auth FROM mysql.user WHERE user=${u} GROUP BY plugin, authentication_string LIMIT 2`;
    const rows = await this.rows(query);
    const only = rows.length === 1 ? rows[0] : undefined;
    return only === undefined ? undefined : { plugin: only[0] ?? '', auth: only[1] ?? '' };
  }

  /** Ansible's user_mod for each of the accounts. */
  async modify(user: string, hosts: readonly string[], password: string | undefined, wanted: Privileges | undefined, requires: Requires): Promise<Outcome | string> {
    let changed = false;
    let msg = 'User unchanged';
    let passwordChanged = false;
    for (const host of hosts) {
      const account = sqlAccount(user, host);
      if (password) {
        const current = await this.currentHash(user, host);
        if (this.p.encrypted && !isNativeHash(password)) return 'encrypted was specified however it does not appear to be a valid hash expecting: *SHA1(SHA1(your_password))';
        const hash = this.p.encrypted ? password : nativePasswordHash(password);
        if (current !== hash) {
          passwordChanged = true;
          if (this.check) return { changed: true, msg: 'Password updated', passwordChanged };
          msg = await this.setPassword(user, host, hash);
          changed = true;
        }
      }
      // the plugin only when the password may change (update_password: always), as Ansible passes it
      if (this.p.plugin && this.p.update_password === 'always' && (await this.pluginDiffers(user, host, this.p.plugin))) {
        passwordChanged = true;
        changed = true;
        // Ansible alters it even in check mode; kplay only predicts
        if (!this.check) await this.run([`ALTER USER ${account} ${pluginClause(this.p.plugin, this.p.plugin_hash_string, this.p.plugin_auth_string)}`]);
      }
      if (wanted !== undefined) {
        const before = await this.grants(user, host);
        const mode = this.p.append_privs ? 'append' : this.p.subtract_privs ? 'subtract' : 'replace';
        const planned = planPrivileges(user, before, wanted, mode);
        if (planned.changes.length > 0) {
          if (this.check) return { changed: true, msg: planned.changes[0]?.msg ?? msg, passwordChanged };
          await this.run(planned.changes.flatMap((c) => changeStatements(c, account)));
          changed = true;
          msg = planned.msg ?? msg;
        }
        const after = await this.grants(user, host);
        changed ||= !samePrivileges(before, after);
      }
      if (!sameRequires(await this.currentRequires(user, host), requires)) {
        if (this.check) return { changed: true, msg: 'TLS requires updated', passwordChanged };
        await this.run([`ALTER USER ${account} ${requireClause(requires)}`]);
        msg = 'TLS requires updated';
        changed = true;
      }
    }
    return { changed, msg, passwordChanged };
  }

  private async currentHash(user: string, host: string): Promise<string | null | undefined> {
    const cols = await this.db.run([
      ...this.prefix,
      "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user' AND COLUMN_NAME IN ('Password', 'authentication_string') ORDER BY COLUMN_NAME DESC LIMIT 1",
      "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user' AND COLUMN_NAME IN ('Password', 'authentication_string') ORDER BY COLUMN_NAME ASC LIMIT 1",
    ]);
    const a = sqlName(cols[this.prefix.length]?.[0]?.[0] ?? 'authentication_string');
    const b = sqlName(cols[this.prefix.length + 1]?.[0]?.[0] ?? 'authentication_string');
    return this.value(`SELECT COALESCE(CASE WHEN ${a} = '' THEN NULL ELSE ${a} END, CASE WHEN ${b} = '' THEN NULL ELSE ${b} END) FROM mysql.user WHERE user = ${sqlString(user)} AND host = ${sqlString(host)}`);
  }

  private async setPassword(user: string, host: string, hash: string): Promise<string> {
    const account = sqlAccount(user, host);
    if (this.server.oldUserMgmt) {
      await this.run([`SET PASSWORD FOR ${account} = ${sqlString(hash)}`]);
      return 'Password updated (old style)';
    }
    try {
      await this.run([`ALTER USER ${account} IDENTIFIED WITH mysql_native_password AS ${sqlString(hash)}`]);
      return 'Password updated (new style)';
    } catch (err) {
      if (!(err instanceof MysqlError) || err.code !== 1396) throw err;
      await this.run([
        `UPDATE mysql.user SET plugin = 'mysql_native_password', authentication_string = ${sqlString(hash)}, Password = '' WHERE User = ${sqlString(user)} AND Host = ${sqlString(host)}`,
        'FLUSH PRIVILEGES',
      ]);
      return 'Password forced update';
    }
  }

  /** Ansible's get_tls_requires: the REQUIRE of SHOW CREATE USER (SHOW GRANTS before 10.2 / 5.7). */
  private async currentRequires(user: string, host: string): Promise<Requires> {
    const query = this.server.oldUserMgmt ? `SHOW GRANTS FOR ${sqlAccount(user, host)}` : `SHOW CREATE USER ${sqlAccount(user, host)}`;
    const rows = await this.rows(query);
    return parseRequires(rows.map((r) => r[0] ?? ''));
  }

  /** Whether the account's plugin or its string differs from the wanted ones (an auth string always may). */
  private async pluginDiffers(user: string, host: string, plugin: string): Promise<boolean> {
    const [current, auth] = (await this.rows(`SELECT plugin, authentication_string FROM mysql.user WHERE user = ${sqlString(user)} AND host = ${sqlString(host)}`))[0] ?? [];
    if (current !== plugin) return true;
    if (this.p.plugin_hash_string !== undefined && auth !== this.p.plugin_hash_string) return true;
    return this.p.plugin_auth_string !== undefined && auth !== this.p.plugin_auth_string;
  }

  /** Ansible's limit_resources: the limits that differ set with ALTER USER; whether any did. */
  async limit(user: string, host: string, desired: Readonly<Record<string, unknown>>): Promise<boolean | string> {
    if (!this.server.alterUser) return 'The server version does not match the requirements for resource_limits parameter. See module\'s documentation.';
    if (!this.server.mariadb && 'MAX_STATEMENT_TIME' in desired) return 'MAX_STATEMENT_TIME resource limit is only supported by MariaDB.';
    const columns = this.server.mariadb ? MARIADB_LIMIT_COLUMNS : LIMIT_COLUMNS;
    const keys = Object.keys(columns);
    const row = (await this.rows(`SELECT ${keys.map((k) => columns[k]).join(', ')} FROM mysql.user WHERE User = ${sqlString(user)} AND Host = ${sqlString(host)}`))[0];
    const current = row === undefined ? undefined : Object.fromEntries(keys.map((k, i) => [k, row[i] ?? null]));
    const change = limitsToChange(current, desired);
    if ('error' in change) return String(change.error);
    const entries = Object.entries(change);
    if (entries.length === 0) return false;
    if (this.check) return true;
    // the keys are the known ones (checked against the columns read), the values whole numbers
    await this.run([`ALTER USER ${sqlAccount(user, host)} WITH ${entries.map(([k, v]) => `${k} ${v}`).join(' ')}`]);
    return true;
  }

  async drop(user: string, hosts: readonly string[]): Promise<void> {
    if (this.check) return;
    await this.run(hosts.map((h) => `DROP USER IF EXISTS ${sqlAccount(user, h)}`));
  }
}

function failed(msg: string): ActResult {
  return { status: 'failed', msg, data: {} };
}

async function manage(p: Params, db: MysqlSession, check: boolean): Promise<ActResult> {
  const user = p.name ?? p.user ?? '';
  const host = p.host.toLowerCase();
  const prefix = [...(p.sql_log_bin ? [] : ['SET SQL_LOG_BIN=0']), ...(p.force_context ? ['USE mysql'] : [])];
  for (const [k, v] of Object.entries(p.session_vars ?? {})) prefix.push(`SET SESSION ${sqlName(k)} = ${typeof v === 'string' ? sqlString(v) : String(v)}`);
  const [version = '', mode = '', count] = (await db.run([...prefix, 'SELECT VERSION()', 'SELECT @@GLOBAL.sql_mode', p.host_all ? `SELECT count(*) FROM mysql.user WHERE user = ${sqlString(user)}` : `SELECT count(*) FROM mysql.user WHERE user = ${sqlString(user)} AND host = ${sqlString(host)}`]))
    .slice(prefix.length)
    .map((rows) => rows[0]?.[0] ?? '');
  const mariadb = version.toLowerCase().includes('mariadb');
  const server: Server = {
    mariadb,
    oldUserMgmt: !versionAtLeast(version, mariadb ? [10, 2] : [5, 7]),
    identifiedByPassword: mariadb || !versionAtLeast(version, [8]),
    alterUser: versionAtLeast(version, mariadb ? [10, 2] : [5, 6]),
    ansi: mode.includes('ANSI'),
  };
  const task = new UserTask(p, db, server, prefix, check);
  const exists = Number(count) > 0;
  const data = (o: Outcome): ActResult => ({ status: o.changed ? 'changed' : 'ok', msg: o.msg, data: { user, msg: o.msg, password_changed: o.passwordChanged } });
  if (p.state === 'absent') {
    if (!exists) return { status: 'ok', msg: "User doesn't exist", data: { user, msg: "User doesn't exist", password_changed: false } };
    await task.drop(user, p.host_all ? await task.hostnames(user) : [host]);
    return { status: 'changed', msg: 'User deleted', data: { user, msg: 'User deleted', password_changed: false } };
  }
  let wanted: Privileges | undefined;
  if (p.priv !== undefined && p.priv !== '' && !(typeof p.priv === 'object' && Object.keys(p.priv).length === 0)) {
    const text = typeof p.priv === 'string' ? p.priv : privDictToString(p.priv);
    const unpacked = unpackPrivileges(text, server.ansi, !p.subtract_privs, p.column_case_sensitive);
    if ('error' in unpacked) return failed(String(unpacked.error));
    wanted = unpacked;
  }
  const requires = sanitizeRequires(p.tls_requires);
  let outcome: Outcome;
  if (exists) {
    const password = p.update_password === 'always' ? p.password : undefined;
    const o = await task.modify(user, p.host_all ? await task.hostnames(user) : [host], password, wanted, requires);
    if (typeof o === 'string') return failed(o);
    outcome = o;
  } else {
    if (p.host_all) return failed('host_all parameter cannot be used when adding a user');
    outcome = await task.add(user, host, p.password, p.subtract_privs ? undefined : wanted, requires);
  }
  if (p.resource_limits !== undefined && Object.keys(p.resource_limits).length > 0) {
    const limited = await task.limit(user, host, p.resource_limits);
    if (typeof limited === 'string') return failed(limited);
    outcome = { ...outcome, changed: limited || outcome.changed };
  }
  return data(outcome);
}

export const mysqlUserModule = defineModule({
  name: 'mysql_user',
  aliases: ['community.mysql.mysql_user'],
  short: 'Create, change or drop a MySQL/MariaDB account: its password and privileges',
  params,
  mutuallyExclusive: [['append_privs', 'subtract_privs']],
  requiredOneOf: [['name', 'user']],
  examples: `- name: The application's account
  mysql_user:
    name: app
    password: "{{ app_db_password }}"
    priv: "app.*:ALL"
    login_unix_socket: /run/mysqld/mysqld.sock
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'mysql_user is carried out by its act, not planned' }),
  async act(p, host, ctx) {
    if (p.config_file.includes('\n')) return failed('config_file must be one line');
    const session = await MysqlSession.open(host, p);
    if (!(session instanceof MysqlSession)) {
      return failed(`unable to connect to database, check login_user and login_password are correct or ${session.configFile} has the credentials. Exception message: ${session.error}`);
    }
    try {
      return await manage(p, session, ctx.check);
    } catch (err) {
      if (err instanceof MysqlError) return failed(errorMessage(err));
      throw err;
    }
  },
});

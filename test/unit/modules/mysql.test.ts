// The pure parts of the mysql_* modules, as data: SQL quoting, the client's batch output, PyMySQL's error words,
// the option file, and mysql_user's privileges (unpacked, parsed from SHOW GRANTS, compared, planned).
import { describe, expect, it } from 'vitest';
import { limitsToChange, parseRequires, pluginClause, requireClause, sameRequires, sanitizeRequires } from '../../../modules/support/mysql-account-options.js';
import { clientScript, mysqlConnectionParams, optionFile } from '../../../modules/support/mysql-client.js';
import { changeStatements, normalizeColumnGrants, parseGrants, planPrivileges, privDictToString, unpackPrivileges, type Privileges } from '../../../modules/support/mysql-privs.js';
import { batch, clientError, isNativeHash, nativePasswordHash, pyErrorTuple, quoteDatabase, readBatch, sqlAccount, sqlString } from '../../../modules/support/mysql-sql.js';

const connection = {
  login_host: 'localhost',
  login_port: 3306,
  config_file: '~/.my.cnf',
  connect_timeout: 30,
  check_implicit_admin: false,
} satisfies Partial<Record<keyof typeof mysqlConnectionParams, unknown>>;

const privs = (p: ReturnType<typeof unpackPrivileges>): Privileges => {
  if ('error' in p) throw new Error(String(p.error));
  return p;
};

describe('SQL from data', () => {
  it('string literals double quotes and escape backslashes and NUL, so no value ends the literal', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString('a\\')).toBe("'a\\\\'");
    expect(sqlString("x'; DROP DATABASE y; --")).toBe("'x''; DROP DATABASE y; --'");
    expect(sqlString('\0')).toBe("'\\0'");
    expect(sqlAccount('bob', '%')).toBe("'bob'@'%'");
  });

  it("database names are quoted as Ansible's mysql_quote_identifier quotes them", () => {
    expect(quoteDatabase('app')).toBe('`app`');
    expect(quoteDatabase('we`ird')).toBe('`we``ird`');
    expect(quoteDatabase('a.b')).toBe('`a`.`b`');
    expect(quoteDatabase('`a.b`')).toBe('`a.b`');
    expect(quoteDatabase('.x')).toBe('`.x`');
    expect(quoteDatabase('a.b.c')).toEqual({ error: 'MySQL does not support database with more than 1 dots' });
    expect(quoteDatabase('')).toEqual({ error: 'Identifier name unspecified or unquoted trailing dot' });
  });

  it("hashes a password as the server's mysql_native_password does", () => {
    // SELECT PASSWORD('secret') on MariaDB
    expect(nativePasswordHash('secret')).toBe('*14E65567ABDB5135D0CFD9A70B3032C179A49EE7');
    expect(isNativeHash(nativePasswordHash('é'))).toBe(true);
    expect(isNativeHash('secret')).toBe(false);
  });
});

describe("the client's batch output", () => {
  it('tells the result sets apart by their marker rows, unescapes fields and reads NULL', () => {
    const sql = batch(['SELECT 1', 'SELECT a, b FROM t;']);
    expect(sql).toBe("SELECT 'kplay-result-0';\nSELECT 1;\nSELECT 'kplay-result-1';\nSELECT a, b FROM t;\n");
    const sets = readBatch('kplay-result-0\n1\nkplay-result-1\nx\\ty\tNULL\nline\\nbreak\t\\\\\n', 3);
    expect(sets[0]).toEqual([['1']]);
    expect(sets[1]).toEqual([
      ['x\ty', null],
      ['line\nbreak', '\\'],
    ]);
    expect(sets[2]).toBeUndefined();
  });

  it("words the client's error as PyMySQL's exception", () => {
    const e = clientError("ERROR 1045 (28000) at line 2: Access denied for user 'bob'@'localhost' (using password: YES)\n");
    expect(e).toEqual({ code: 1045, text: "Access denied for user 'bob'@'localhost' (using password: YES)" });
    expect(pyErrorTuple(1045, e?.text ?? '')).toBe(`(1045, "Access denied for user 'bob'@'localhost' (using password: YES)")`);
    expect(pyErrorTuple(1007, "Can't create database 'x'; database exists")).toBe(`(1007, "Can't create database 'x'; database exists")`);
    expect(pyErrorTuple(1064, 'You have an error')).toBe("(1064, 'You have an error')");
    expect(clientError('mysql: command not found')).toBeUndefined();
  });
});

describe('the connection', () => {
  it('is an option file: login_host unless a socket is given, values quoted, the password inside, the timeout for mysql only', () => {
    expect(optionFile({ ...connection, login_user: 'bob', login_password: 'p"a\\ss\nword' }, false)).toBe(
      '[client]\nuser="bob"\npassword="p\\"a\\\\ss\\nword"\nhost="localhost"\nport="3306"\n[mysql]\nconnect-timeout="30"\n',
    );
    // root without a password: the config file's password, if it has one, as PyMySQL takes an empty one
    expect(optionFile({ ...connection, login_unix_socket: '/run/mysqld/mysqld.sock', login_user: 'bob', login_password: 'x' }, true)).toBe(
      '[client]\nuser="root"\nprotocol="socket"\nsocket="/run/mysqld/mysqld.sock"\n[mysql]\nconnect-timeout="30"\n',
    );
  });

  it('never puts a value on the command line: the script reads the option file from stdin', () => {
    const script = clientScript({ ...connection, login_password: 'hunter2', config_file: "~/my $(x).cnf" }, ['mysql'], 'mysql --defaults-file="$__o"');
    expect(script).not.toContain('hunter2');
    expect(script).toContain(`__c="$HOME"/'my $(x).cnf'`);
    expect(script).toContain('IFS= read -r __b');
    // TCP, unless the config file names a socket (PyMySQL then takes the socket)
    expect(script).toContain("|| printf '[client]\\nprotocol=tcp\\n' >>\"$__o\"");
    expect(clientScript({ ...connection, login_unix_socket: '/s' }, ['mysql'], 'mysql')).not.toContain('protocol=tcp');
  });
});

describe("mysql_user's privileges", () => {
  it("unpacks the priv string as Ansible's privileges_unpack", () => {
    expect([...privs(unpackPrivileges('app.*:ALL/*.*:usage', false, true))]).toEqual([
      ['`app`.*', ['ALL']],
      ['*.*', ['USAGE']],
    ]);
    expect([...privs(unpackPrivileges('app.t:select (b, a),insert', true, true))]).toEqual([
      ['"app"."t"', ['SELECT (A, B)', 'INSERT']],
      ['*.*', ['USAGE']],
    ]);
    expect([...privs(unpackPrivileges('FUNCTION app.f:EXECUTE', false, false))]).toEqual([['FUNCTION `app`.`f`', ['EXECUTE']]]);
    // column_case_sensitive (community.mysql 3.8): the column names keep their case, the privilege names do not
    expect([...privs(unpackPrivileges('app.t:select (colB, colA),insert', false, false, true))]).toEqual([['`app`.`t`', ['SELECT (colA, colB)', 'INSERT']]]);
    expect([...privs(unpackPrivileges('we`ird.*:SELECT', false, false))]).toEqual([['`we``ird`.*', ['SELECT']]]);
    expect(privDictToString({ 'app.*': 'ALL', '*.*': 'PROCESS' })).toBe('app.*:ALL/*.*:PROCESS');
  });

  it('refuses a privilege that is not words, so priv cannot carry other SQL', () => {
    expect(unpackPrivileges('app.*:SELECT; DROP DATABASE app', false, true)).toEqual({ error: 'invalid privilege "SELECT; DROP DATABASE APP" in app.*:SELECT; DROP DATABASE app' });
    expect(unpackPrivileges('app.*', false, true)).toEqual({ error: 'invalid privileges string: app.*' });
  });

  it('parses SHOW GRANTS into the same shape: ALL PRIVILEGES is ALL, WITH GRANT OPTION is GRANT, roles are left out', () => {
    const parsed = parseGrants([
      "GRANT USAGE ON *.* TO `bob`@`localhost` IDENTIFIED BY PASSWORD '*14E65567ABDB5135D0CFD9A70B3032C179A49EE7'",
      'GRANT ALL PRIVILEGES ON `app`.* TO `bob`@`localhost` WITH GRANT OPTION',
      'GRANT SELECT (`b`, `a`), INSERT ON `app`.`t` TO `bob`@`localhost`',
      'GRANT `admin` TO `bob`@`localhost`',
    ]);
    expect([...privs(parsed)]).toEqual([
      ['*.*', ['USAGE']],
      ['`app`.*', ['ALL', 'GRANT']],
      ['`app`.`t`', ['SELECT (a, b)', 'INSERT']],
    ]);
    expect(parseGrants(['nonsense'])).toEqual({ error: 'unable to parse the MySQL grant string: nonsense' });
    expect(normalizeColumnGrants(['SELECT (`b`', '`a`)', 'DELETE'])).toEqual(['SELECT (a, b)', 'DELETE']);
  });

  it("plans grants and revokes as Ansible's user_mod: replace, append and subtract", () => {
    const current = new Map([
      ['*.*', ['USAGE']],
      ['`app`.*', ['SELECT', 'INSERT']],
      ['`old`.*', ['ALL']],
    ]);
    const wanted = new Map([
      ['*.*', ['USAGE']],
      ['`app`.*', ['SELECT', 'UPDATE']],
      ['`new`.*', ['ALL']],
    ]);
    const replace = planPrivileges('bob', current, wanted, 'replace');
    expect(replace.changes.map((c) => [c.kind, c.target, c.privileges])).toEqual([
      ['revoke', '`old`.*', ['ALL']],
      ['grant', '`new`.*', ['ALL']],
      ['revoke', '`app`.*', ['INSERT']],
      ['grant', '`app`.*', ['UPDATE']],
    ]);
    expect(replace.changes[0]?.msg).toBe('Privileges updated');
    expect(replace.msg).toBe("Privileges updated: granted ['UPDATE'], revoked ['INSERT']");
    expect(planPrivileges('bob', current, wanted, 'append').changes.map((c) => [c.kind, c.target, c.privileges])).toEqual([
      ['grant', '`new`.*', ['ALL']],
      ['grant', '`app`.*', ['UPDATE']],
    ]);
    expect(planPrivileges('bob', current, new Map([['`app`.*', ['INSERT', 'DELETE']]]), 'subtract').changes.map((c) => [c.kind, c.target, c.privileges])).toEqual([
      ['revoke', '`app`.*', ['INSERT']],
    ]);
    expect(planPrivileges('bob', current, current, 'replace').changes).toEqual([]);
    // root keeps privileges on targets the spec leaves out
    expect(planPrivileges('root', current, new Map([['*.*', ['USAGE']]]), 'replace').changes).toEqual([]);
  });

  it('writes each change as the statements Ansible runs', () => {
    expect(changeStatements({ kind: 'grant', target: '`app`.*', privileges: ['ALL', 'GRANT'], grantOption: false, msg: '' }, "'bob'@'%'")).toEqual([
      "GRANT ALL ON `app`.* TO 'bob'@'%' WITH GRANT OPTION",
    ]);
    expect(changeStatements({ kind: 'revoke', target: '`app`.*', privileges: ['SELECT', 'GRANT'], grantOption: true, msg: '' }, "'bob'@'%'")).toEqual([
      "REVOKE GRANT OPTION ON `app`.* FROM 'bob'@'%'",
      "REVOKE SELECT ON `app`.* FROM 'bob'@'%'",
      'FLUSH PRIVILEGES',
    ]);
  });
});

describe("mysql_user's other account options", () => {
  it("reads tls_requires as Ansible's sanitize_requires and SHOW CREATE USER back as its get_tls_requires", () => {
    expect(sanitizeRequires({ ssl: null })).toBe('SSL');
    expect(sanitizeRequires({ X509: null, ssl: null })).toBe('X509');
    expect(sanitizeRequires({ ssl: null, cipher: 'ECDHE-RSA-AES256-SHA384' })).toEqual({ CIPHER: 'ECDHE-RSA-AES256-SHA384' });
    expect(sanitizeRequires({})).toBeUndefined();
    expect(parseRequires(["CREATE USER `u`@`localhost` IDENTIFIED BY PASSWORD '*AB' REQUIRE SSL WITH MAX_USER_CONNECTIONS 5"])).toBe('SSL');
    expect(parseRequires(['CREATE USER `u`@`localhost`'])).toBeUndefined();
    expect(parseRequires(["CREATE USER `u`@`%` REQUIRE CIPHER 'a b' SUBJECT '/CN=x'"])).toEqual({ CIPHER: 'a b', SUBJECT: '/CN=x' });
    expect(sameRequires({ CIPHER: 'x' }, { CIPHER: 'x' })).toBe(true);
    expect(sameRequires('SSL', undefined)).toBe(false);
  });

  it('writes REQUIRE and IDENTIFIED WITH clauses with the values as string literals', () => {
    expect(requireClause(undefined)).toBe('REQUIRE NONE');
    expect(requireClause('X509')).toBe('REQUIRE X509');
    expect(requireClause({ CIPHER: "it's", ISSUER: '/CN=ca' })).toBe("REQUIRE CIPHER 'it''s' AND ISSUER '/CN=ca'");
    expect(requireClause({ 'X; DROP': 'v' })).toBe("REQUIRE 'X; DROP' 'v'");
    expect(pluginClause('unix_socket', undefined, undefined)).toBe("IDENTIFIED WITH 'unix_socket'");
    expect(pluginClause('ed25519', 'hash', undefined)).toBe("IDENTIFIED WITH 'ed25519' AS 'hash'");
    expect(pluginClause('pam', undefined, 'login')).toBe("IDENTIFIED WITH 'pam' USING 'login'");
    expect(pluginClause('ed25519', undefined, 'secret')).toBe("IDENTIFIED WITH 'ed25519' BY 'secret'");
  });

  it("changes the resource limits that differ, with Ansible's messages for an unknown key or a value that is not a number", () => {
    const current = { MAX_QUERIES_PER_HOUR: '0', MAX_USER_CONNECTIONS: '5', MAX_STATEMENT_TIME: '0.000000' };
    expect(limitsToChange(current, { MAX_USER_CONNECTIONS: 5, MAX_QUERIES_PER_HOUR: '100', MAX_STATEMENT_TIME: 0 })).toEqual({ MAX_QUERIES_PER_HOUR: 100 });
    expect(limitsToChange(undefined, { MAX_USER_CONNECTIONS: 2 })).toEqual({ MAX_USER_CONNECTIONS: 2 });
    expect(limitsToChange(current, { 'MAX_USER_CONNECTIONS 1; DROP': 1 })).toEqual({ error: "resource_limits: key 'MAX_USER_CONNECTIONS 1; DROP' is unsupported." });
    expect(limitsToChange(current, { MAX_USER_CONNECTIONS: 'many' })).toEqual({ error: "Can't convert value 'many' to integer." });
  });
});

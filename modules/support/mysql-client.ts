// How the mysql_* modules reach MySQL/MariaDB on a host: the mysql command-line client, connected as Ansible's
// community.mysql modules connect (login_user, login_password, login_host/port or login_unix_socket, config_file
// when it exists, TLS files, connect_timeout). The connection lives in an option file the client reads alone, made
// on the host with mode 600 from stdin, so neither the password nor any value is ever on a command line.
import { Type, type Static } from '@sinclair/typebox';
import { quote } from '../../engine/core/quote.js';
import { aliasOf } from '../common/schema.js';
import type { HostSession } from '../contract.js';
import { batch, clientError, pyErrorTuple, readBatch, type Rows } from './mysql-sql.js';

export const mysqlConnectionParams = {
  login_user: Type.Optional(Type.String({ description: 'The user to connect as (the config file\'s, or the client\'s default, when unset).' })),
  login_password: Type.Optional(Type.String({ description: 'Its password.' })),
  login_host: Type.String({ description: 'The server\'s host, reached over TCP unless login_unix_socket is set.', default: 'localhost' }),
  login_port: Type.Integer({ description: 'The server\'s TCP port.', default: 3306 }),
  login_unix_socket: Type.Optional(Type.String({ description: 'Connect through this Unix socket instead of TCP (root with unix_socket authentication).' })),
  config_file: Type.String({ description: 'An option file with credentials ([client]), read when it exists.', default: '~/.my.cnf' }),
  connect_timeout: Type.Integer({ description: 'Seconds to wait for the connection.', default: 30 }),
  client_cert: Type.Optional(Type.String({ description: 'The client\'s TLS certificate.' })),
  ssl_cert: aliasOf('client_cert', Type.Optional(Type.String({ description: 'Alias of client_cert.' }))),
  client_key: Type.Optional(Type.String({ description: 'The client\'s TLS key.' })),
  ssl_key: aliasOf('client_key', Type.Optional(Type.String({ description: 'Alias of client_key.' }))),
  ca_cert: Type.Optional(Type.String({ description: 'The CA certificate the server\'s must be signed by.' })),
  ssl_ca: aliasOf('ca_cert', Type.Optional(Type.String({ description: 'Alias of ca_cert.' }))),
  check_hostname: Type.Optional(Type.Boolean({ description: 'Check the server certificate\'s host name.' })),
  check_implicit_admin: Type.Boolean({ description: 'Try root with no password first; the login_* credentials only when that fails.', default: false }),
};

export type MysqlConnection = Static<ReturnType<typeof Type.Object<typeof mysqlConnectionParams>>>;

/** A value in an option file: double-quoted, with the escapes the client reads there. */
function optionValue(value: string | number): string {
  const s = String(value);
  return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t')}"`;
}

/**
 * The option file, as PyMySQL would be given these parameters: the connection in [client] (mysql and mysqldump read
 * it), the connect timeout in [mysql] (mysqldump has no such option).
 */
export function optionFile(c: MysqlConnection, implicitAdmin: boolean): string {
  const lines = ['[client]'];
  const add = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) lines.push(`${key}=${optionValue(value)}`);
  };
  // as PyMySQL takes them: an empty user or password is the config file's
  add('user', implicitAdmin ? 'root' : c.login_user || undefined);
  if (!implicitAdmin) add('password', c.login_password || undefined);
  if (viaSocket(c)) {
    add('protocol', 'socket');
    add('socket', c.login_unix_socket);
  } else {
    // TCP, as PyMySQL connects to login_host, unless the config file names a socket (clientScript decides)
    add('host', c.login_host);
    add('port', c.login_port);
  }
  add('ssl-cert', c.client_cert ?? c.ssl_cert);
  add('ssl-key', c.client_key ?? c.ssl_key);
  add('ssl-ca', c.ca_cert ?? c.ssl_ca);
  if (c.check_hostname === true) lines.push('ssl-verify-server-cert');
  lines.push('[mysql]');
  add('connect-timeout', c.connect_timeout);
  return `${lines.join('\n')}\n`;
}

function viaSocket(c: MysqlConnection): boolean {
  return c.login_unix_socket !== undefined && c.login_unix_socket !== '';
}

/** The config_file as the host's shell names it (~ is the home of the user the task runs as). */
function configPath(file: string): string {
  if (file === '~') return '"$HOME"';
  if (file.startsWith('~/')) return `"$HOME"/${quote(file.slice(2))}`;
  return quote(file);
}

/** The option that makes a client program (mysql, mysqldump) read the connection, in a clientScript's line. */
export const DEFAULTS_FILE = '--defaults-file="$__o"';

/**
 * The sh script that runs `line` (a command line with mysql or mysqldump and DEFAULTS_FILE) with the connection:
 * stdin's first line is the option file in base64, the rest is the line's stdin. The config_file, when it exists,
 * is included first, so the given values win over its own.
 */
export function clientScript(c: MysqlConnection, programs: readonly string[], line: string): string {
  return [
    ...programs.map((p) => `command -v ${p} >/dev/null 2>&1 || { echo "${p}: command not found" >&2; exit 127; }`),
    'umask 077; __o=$(mktemp) || exit 1',
    `__c=${configPath(c.config_file)}`,
    'IFS= read -r __b',
    '{ if [ -f "$__c" ]; then printf \'!include %s\\n\' "$__c"; fi; printf %s "$__b" | base64 -d; } >"$__o" || { rm -f "$__o"; exit 1; }',
    // PyMySQL takes the config file's socket over login_host; the client would take localhost for its own socket
    ...(viaSocket(c) ? [] : ['[ -f "$__c" ] && grep -Eq \'^[[:space:]]*socket[[:space:]]*=\' "$__c" || printf \'[client]\\nprotocol=tcp\\n\' >>"$__o"']),
    `${line}\n__rc=$?`,
    'rm -f "$__o"',
    'exit $__rc',
  ].join('\n');
}

/** The stdin of a clientScript: the option file, then what the program reads. */
export function clientStdin(c: MysqlConnection, implicitAdmin: boolean, rest: string): string {
  return `${Buffer.from(optionFile(c, implicitAdmin)).toString('base64')}\n${rest}`;
}

/** A failure of the client, worded as Ansible's module words the driver's exception. */
export class MysqlError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
  ) {
    super(message);
  }
}

/** The error the client printed, as PyMySQL's exception text: (1045, "Access denied ..."). */
export function driverError(stderr: string): MysqlError {
  const e = clientError(stderr);
  if (e === undefined) return new MysqlError(stderr.trim() || 'the mysql client failed', undefined);
  return new MysqlError(pyErrorTuple(e.code, e.text), e.code);
}

/** Why a connection could not be made: the driver's error, and the config file Ansible's message names. */
export interface ConnectFailure {
  readonly error: string;
  readonly configFile: string;
  readonly configExists: boolean;
}

/** One connection's worth of SQL: queries run through the client on the host, in batches. */
export class MysqlSession {
  constructor(
    private readonly host: HostSession,
    private readonly connection: MysqlConnection,
    private readonly implicitAdmin: boolean,
  ) {}

  /**
   * Connects as Ansible's modules do (root without a password first when check_implicit_admin asks for it), or says
   * why it could not, with the config file as the host names it.
   */
  static async open(host: HostSession, c: MysqlConnection): Promise<MysqlSession | ConnectFailure> {
    if (c.check_implicit_admin) {
      const admin = new MysqlSession(host, c, true);
      if (await admin.run(['SELECT 1']).then(() => true, () => false)) return admin;
    }
    const session = new MysqlSession(host, c, false);
    try {
      await session.run(['SELECT 1']);
      return session;
    } catch (err) {
      if (!(err instanceof MysqlError)) throw err;
      const file = await host.exec(`__c=${configPath(c.config_file)}; printf '%s\\n' "$__c"; [ -f "$__c" ] && echo yes`);
      const [path = c.config_file, exists] = file.stdout.split('\n');
      return { error: err.message, configFile: path, configExists: exists === 'yes' };
    }
  }

  /** Runs the statements in order, stopping at the first error (thrown), and returns each one's rows. */
  async run(queries: readonly string[]): Promise<Rows[]> {
    const script = clientScript(this.connection, ['mysql'], `mysql ${DEFAULTS_FILE} --batch --skip-column-names`);
    const out = await this.host.exec(script, clientStdin(this.connection, this.implicitAdmin, batch(queries)));
    if (out.code === 127) throw new MysqlError(out.stderr.trim(), undefined);
    if (out.code !== 0) throw driverError(out.stderr);
    return readBatch(out.stdout, queries.length).map((rows) => rows ?? []);
  }

  /** The first column of the first row of each query. */
  async values(queries: readonly string[]): Promise<(string | null | undefined)[]> {
    return (await this.run(queries)).map((rows) => rows[0]?.[0]);
  }

  /** Runs a command line with client programs (DEFAULTS_FILE in it) on this connection; its output as it is. */
  program(programs: readonly string[], line: string): Promise<{ readonly stdout: string; readonly stderr: string; readonly code: number }> {
    return this.host.exec(clientScript(this.connection, programs, line), clientStdin(this.connection, this.implicitAdmin, ''));
  }
}

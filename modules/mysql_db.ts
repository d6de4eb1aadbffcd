// mysql_db (community.mysql): databases created or dropped, or dumped to and imported from a file on the host, as
// Ansible's module decides, through the host's mysql client (modules/support/mysql-client.ts), no Python needed.
import { Type, type Static } from '@sinclair/typebox';
import { errorMessage } from '../engine/core/errors.js';
import { quote } from '../engine/core/quote.js';
import { shlexSplit } from './common/shlex.js';
import { aliasOf, choice } from './common/schema.js';
import { defineModule, type ActResult } from './contract.js';
import { DEFAULTS_FILE, MysqlError, MysqlSession, mysqlConnectionParams } from './support/mysql-client.js';
import { quoteDatabase, sqlString } from './support/mysql-sql.js';

const params = Type.Object({
  name: Type.Optional(Type.Array(Type.String(), { description: 'The databases (a list, or names separated by commas); all with dump or import means every database.' })),
  db: aliasOf('name', Type.Optional(Type.Array(Type.String(), { description: 'Alias of name.' }))),
  state: choice(['absent', 'dump', 'import', 'present'], { description: 'present creates, absent drops, dump writes target, import reads it.', default: 'present' }),
  encoding: Type.String({ description: 'The character set of a new database, and of a dump or import.', default: '' }),
  collation: Type.String({ description: 'The collation of a new database.', default: '' }),
  target: Type.Optional(Type.String({ description: 'The dump file on the host (.sql, or compressed .gz, .bz2, .xz).' })),
  single_transaction: Type.Boolean({ description: 'Dump in one transaction.', default: false }),
  quick: Type.Boolean({ description: 'mysqldump --quick.', default: true }),
  ignore_tables: Type.Array(Type.String(), { description: 'Tables left out of the dump (database.table).', default: [] }),
  hex_blob: Type.Boolean({ description: 'Dump binary columns in hexadecimal.', default: false }),
  force: Type.Boolean({ description: 'Go on with a dump or import after an SQL error.', default: false }),
  master_data: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { description: 'Replication coordinates in the dump: 0 none, 1 a statement, 2 a comment.', default: 0 }),
  skip_lock_tables: Type.Boolean({ description: 'Do not lock tables for the dump.', default: false }),
  dump_extra_args: Type.Optional(Type.String({ description: 'More mysqldump arguments (split as a shell would, never run as shell code).' })),
  use_shell: Type.Boolean({ description: 'Accepted for compatibility: a compressed import is always a pipe.', default: false }),
  unsafe_login_password: Type.Boolean({ description: 'Accepted for compatibility: the password never reaches a command line.', default: false }),
  restrict_config_file: Type.Boolean({ description: 'Accepted for compatibility: only config_file is read, always.', default: false }),
  config_overrides_defaults: Type.Boolean({ description: 'Accepted for compatibility: config_file is read before the login_* values, which win.', default: false }),
  chdir: Type.Optional(Type.String({ description: 'The directory to work in (a relative target).' })),
  pipefail: Type.Boolean({ description: 'A failing compressor fails the dump.', default: false }),
  ...mysqlConnectionParams,
});
type Params = Static<typeof params>;

/** The compressor for a target, by its extension, as Ansible picks it. */
function compressor(target: string): string | undefined {
  return { '.gz': 'gzip', '.bz2': 'bzip2', '.xz': 'xz' }[/\.[^./]*$/.exec(target)?.[0] ?? ''];
}

/** A result; a failure carries only its msg, as Ansible's fail_json is given only that. */
const result = (status: ActResult['status'], msg: string, data: Record<string, unknown>): ActResult => ({ status, msg, data: status === 'failed' ? {} : data });

function dumpLine(p: Params, dbs: readonly string[], all: boolean, target: string): string | { readonly error: string } {
  const args = ['mysqldump', DEFAULTS_FILE];
  if (p.force) args.push('--force');
  if (p.skip_lock_tables) args.push('--skip-lock-tables');
  if (p.encoding !== '') args.push(quote(`--default-character-set=${p.encoding}`));
  if (p.single_transaction) args.push('--single-transaction=true');
  if (p.quick) args.push('--quick');
  for (const t of p.ignore_tables) args.push(quote(`--ignore-table=${t}`));
  if (p.hex_blob) args.push('--hex-blob');
  if (p.master_data !== 0) args.push(`--master-data=${p.master_data}`);
  if (p.dump_extra_args !== undefined) {
    const words = shlexSplit(p.dump_extra_args);
    if (typeof words === 'string') return { error: `dump_extra_args: ${words}` };
    args.push(...words.map(quote));
  }
  if (all) args.push('--all-databases');
  else if (dbs.length > 1) args.push('--databases', '--', ...dbs.map((d) => quote(d)));
  else args.push('--', quote(dbs.join(' ')));
  const zip = compressor(target);
  const dump = args.join(' ');
  if (zip === undefined) return `${dump} > ${quote(target)}`;
  // without pipefail the compressor's failure goes unseen, as in Ansible; with it, it fails the dump
  if (!p.pipefail) return `${dump} | ${zip} > ${quote(target)}`;
  return `__r=$(mktemp); { ${dump}; echo $? >"$__r"; } | ${zip} > ${quote(target)}; __z=$?; __d=$(cat "$__r"); rm -f "$__r"; [ "$__d" = 0 ] || (exit "$__d") && (exit $__z)`;
}

function importLine(p: Params, db: string, all: boolean, target: string): string {
  const args = ['mysql', DEFAULTS_FILE];
  if (p.force) args.push('-f');
  if (p.encoding !== '') args.push(quote(`--default-character-set=${p.encoding}`));
  if (!all) args.push('--one-database', '--', quote(db));
  const client = args.join(' ');
  const zip = compressor(target);
  if (zip === undefined) return `${client} < ${quote(target)}`;
  // the decompressor's failure is the import's, with its stderr, as Ansible checks its first process
  return [
    '__e=$(mktemp); __r=$(mktemp)',
    `{ ${zip} -dc -- ${quote(target)} 2>"$__e"; echo $? >"$__r"; } | ${client}; __m=$?`,
    '__z=$(cat "$__r"); if [ "$__z" != 0 ]; then cat "$__e" >&2; __m=$__z; fi; rm -f "$__e" "$__r"',
    '(exit $__m)',
  ].join('\n');
}

async function manage(p: Params, session: MysqlSession, dbs: readonly string[], check: boolean): Promise<ActResult> {
  const all = (p.state === 'dump' || p.state === 'import') && dbs.length === 1 && dbs[0] === 'all';
  const base = { db: dbs.join(' '), db_list: dbs };
  const exists = all ? [] : await session.values(dbs.map((d) => `SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${sqlString(d)}`));
  const present = dbs.filter((_, i) => exists[i] === '1');
  const missing = all ? [] : dbs.filter((_, i) => exists[i] !== '1');
  const quoted = (names: readonly string[]): string[] | string => {
    const out: string[] = [];
    for (const n of names) {
      const q = quoteDatabase(n);
      if (typeof q === 'object') return q.error;
      out.push(q);
    }
    return out;
  };
  const create = async (names: readonly string[]): Promise<string[]> => {
    const q = quoted(names);
    if (typeof q === 'string') throw new MysqlError(q, undefined);
    const statements = q.map((n) => [`CREATE DATABASE ${n}`, ...(p.encoding === '' ? [] : [`CHARACTER SET ${sqlString(p.encoding)}`]), ...(p.collation === '' ? [] : [`COLLATE ${sqlString(p.collation)}`])].join(' '));
    await session.run(statements);
    return statements;
  };
  if (p.state === 'absent') {
    if (check) return result(present.length > 0 ? 'changed' : 'ok', '', base);
    const q = quoted(present);
    if (typeof q === 'string') return result('failed', `error deleting database: ${q}`, base);
    const statements = q.map((n) => `DROP DATABASE ${n}`);
    try {
      await session.run(statements);
    } catch (err) {
      return result('failed', `error deleting database: ${errorMessage(err)}`, base);
    }
    return result(statements.length > 0 ? 'changed' : 'ok', '', { ...base, executed_commands: statements });
  }
  if (p.state === 'present') {
    if (check) return result(missing.length > 0 ? 'changed' : 'ok', '', base);
    try {
      const statements = missing.length > 0 ? await create(missing) : [];
      return result(statements.length > 0 ? 'changed' : 'ok', '', { ...base, executed_commands: statements });
    } catch (err) {
      return result('failed', `error creating database: ${errorMessage(err)}`, base);
    }
  }
  const target = p.target ?? '';
  if (p.state === 'dump') {
    if (missing.length > 0) return result('failed', `Cannot dump database(s) '${missing.join(', ')}' - not found`, base);
    if (check) return result('changed', '', base);
    const line = dumpLine(p, dbs, all, target);
    if (typeof line === 'object') return result('failed', line.error, base);
    const zip = compressor(target);
    const r = await session.program(['mysqldump', ...(zip === undefined ? [] : [zip])], withChdir(p, line));
    if (r.code !== 0) return result('failed', r.stderr, base);
    return result('changed', r.stdout, { ...base, executed_commands: [] });
  }
  // import
  if (check) return result('changed', '', base);
  let created: string[] = [];
  if (missing.length > 0) {
    try {
      created = await create(missing);
    } catch (err) {
      return result('failed', `error creating database: ${errorMessage(err)}`, base);
    }
  }
  const zip = compressor(target);
  const r = await session.program(['mysql', ...(zip === undefined ? [] : [zip])], withChdir(p, `[ -e ${quote(target)} ] || exit ${NO_TARGET}\n${importLine(p, dbs[0] ?? '', all, target)}`));
  if (r.code === NO_TARGET) return result('failed', `target ${target} does not exist on the host`, base);
  if (r.code !== 0) return result('failed', r.stderr, base);
  return result('changed', r.stdout, { ...base, executed_commands: created });
}

/** The exit code of an import whose target is not there. */
const NO_TARGET = 98;

function withChdir(p: Params, line: string): string {
  return p.chdir === undefined ? line : `cd -- ${quote(p.chdir)} || exit 1\n${line}`;
}

export const mysqlDbModule = defineModule({
  name: 'mysql_db',
  aliases: ['community.mysql.mysql_db'],
  short: 'Create or drop MySQL/MariaDB databases, or dump them to and import them from a file on the host',
  params,
  requiredOneOf: [['name', 'db']],
  examples: `- name: The application's database
  mysql_db:
    name: app
    encoding: utf8mb4
    login_unix_socket: /run/mysqld/mysqld.sock
`,
  // never called: the engine runs act instead
  plan: () => ({ kind: 'fail', msg: 'mysql_db is carried out by its act, not planned' }),
  async act(p, host, ctx) {
    const dbs = (p.name ?? p.db ?? []).map((d) => d.trim());
    if (dbs.length === 0) return result('ok', '', { db: [], db_list: [] });
    if (p.login_port < 0 || p.login_port > 65535) return result('failed', 'login_port must be a valid unix port number (0-65535)', {});
    if (p.ignore_tables.includes('')) return result('failed', 'Name of ignored table cannot be empty', {});
    if (p.config_file.includes('\n')) return result('failed', 'config_file must be one line', {});
    if (dbs.length > 1 && p.state === 'import') return result('failed', 'Multiple databases are not supported with state=import', {});
    const dumpOrImport = p.state === 'dump' || p.state === 'import';
    if (dumpOrImport && p.target === undefined) return result('failed', `with state=${p.state} target is required`, {});
    if (!dumpOrImport && dbs.length === 1 && dbs[0] === 'all') return result('failed', "name is not allowed to equal 'all' unless state equals import, or dump.", {});
    const session = await MysqlSession.open(host, p);
    if (!(session instanceof MysqlSession)) {
      const why = session.configExists ? `unable to connect to database, check login_user and login_password are correct or ${session.configFile} has the credentials.` : `unable to find ${session.configFile}.`;
      return result('failed', `${why} Exception message: ${session.error}`, {});
    }
    try {
      return await manage(p, session, dbs, ctx.check);
    } catch (err) {
      if (err instanceof MysqlError) return result('failed', err.message, {});
      throw err;
    }
  },
});

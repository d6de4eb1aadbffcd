// How to reach one host: Ansible's connection variables over -o options over ~/.ssh/config over defaults.
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { Secret } from '../core/secret.js';
import { portValueProblem } from '../core/port-value.js';
import type { HostKeyChecking } from './host-key-check.js';
import { expandProxyCommand } from './proxy-command.js';
import { firstOption, parseSshArgs, type SshOptions } from './ssh-args.js';
import { checkSshOptions } from './ssh-option-policy.js';
import { readSshConfig, resolveSshConfig, type SshConfig } from './ssh-config.js';
import type { Become } from './transport.js';

/** A jump host of ProxyJump, already resolved through ssh_config. */
export interface JumpSpec {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly identityFiles: readonly string[];
}

export interface ConnectionSpec {
  /** the inventory name */
  readonly host: string;
  readonly connection: 'ssh' | 'local';
  /** where to connect (ansible_host, then ssh_config HostName) */
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** keys to offer after the agent's, in order; the default keys when nothing names one */
  readonly identityFiles: readonly string[];
  /** IdentitiesOnly yes: do not offer the agent's keys */
  readonly identitiesOnly: boolean;
  readonly keyPassphrase: Secret | undefined;
  /** the login password (ansible_password, else -k): offered after the keys, never to a jump host */
  readonly password: Secret | undefined;
  /** SSH_AUTH_SOCK, when an agent is there */
  readonly agentSocket: string | undefined;
  readonly connectTimeoutMs: number;
  /** ServerAliveInterval/CountMax: a dead peer is detected after about interval x (countMax + 1) */
  readonly keepaliveIntervalMs: number;
  readonly keepaliveCountMax: number;
  readonly hostKeyChecking: HostKeyChecking;
  /** known_hosts files read (user files first, then global); accept-new appends to the first */
  readonly knownHostsFiles: readonly string[];
  readonly proxyJump: readonly JumpSpec[];
  /** ProxyCommand, its tokens expanded: run through /bin/sh, its stdio the connection (never with proxyJump) */
  readonly proxyCommand?: string | undefined;
  /** the host's default become (ansible_become...), applied by the engine per task */
  readonly become: Become | undefined;
  /** ssh options given that kplay does not use (each named once per run by the caller) */
  readonly warnings?: readonly string[] | undefined;
}

export interface CliConnectionOptions {
  user?: string | undefined;
  /** the port keyword of the play/block/task: below ansible_port, above -o Port and ssh_config */
  port?: number | undefined;
  privateKey?: string | undefined;
  /** -c/--connection: for hosts whose variables (and connection keyword) name none; default ssh */
  connection?: 'ssh' | 'local' | undefined;
  /** --ssh-common-args / --ssh-extra-args: for hosts without ansible_ssh_common_args / ansible_ssh_extra_args */
  sshCommonArgs?: string | undefined;
  sshExtraArgs?: string | undefined;
  /** -T/--timeout: below ansible_ssh_timeout, above ConnectTimeout in -o options and ssh_config */
  timeoutS?: number | undefined;
  /** -k/--ask-pass: the login password of hosts without ansible_password */
  password?: Secret | undefined;
}

/** Ansible's names of the login password, in the order its ssh plugin reads them. */
export const PASSWORD_VARIABLES = ['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'] as const;

/** Where the defaults come from; tests replace them. */
export interface SpecEnvironment {
  readonly home: string;
  readonly localUser: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** ssh_config files read in order (default ~/.ssh/config, /etc/ssh/ssh_config; -F replaces the first) */
  readonly sshConfigFiles?: readonly string[] | undefined;
  /** ssh_config files already parsed by this run (TransportCaches.sshConfigs); read afresh without it */
  readonly sshConfigs?: Map<string, SshConfig> | undefined;
}

export const DEFAULT_CONNECT_TIMEOUT_S = 10;
/** keepalive every 5 s, 3 unanswered -> the host is unreachable within ~20 s of a cut link */
export const DEFAULT_KEEPALIVE_INTERVAL_S = 5;
export const DEFAULT_KEEPALIVE_COUNT_MAX = 3;

/** This process's user, home and environment (what OpenSSH started here would see). */
export function defaultEnvironment(): SpecEnvironment {
  return { home: homedir(), localUser: userInfo().username, env: process.env };
}

function loadConfigs(files: readonly string[], sshDir: string, cache: Map<string, SshConfig> = new Map()): SshConfig[] {
  return files.map((f) => {
    let c = cache.get(f);
    if (c === undefined) {
      c = readSshConfig(f, sshDir);
      cache.set(f, c);
    }
    return c;
  });
}

function str(vars: Record<string, unknown>, key: string): string | undefined {
  const v = vars[key];
  if (v === undefined || v === null) return undefined;
  if (v instanceof Secret) return v.reveal();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new InputError(`${key} must be a string, not ${typeof v}`);
}

/** Ansible's truthy strings for booleans (yes/true/on/1, any case). */
export function ansibleBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['yes', 'true', 'on', '1', 'y', 't'].includes(value.trim().toLowerCase());
  return false;
}

function port(value: string, what: string): number {
  // a template left unrendered is no port either
  const problem = portValueProblem(value) ?? (/^\s*\d+\s*$/.test(value) ? undefined : `${JSON.stringify(value)} is not a port number`);
  if (problem !== undefined) throw new InputError(`${what}: ${problem}`);
  return Number(value);
}

function expandPath(path: string, home: string, tokens: Readonly<Record<string, string>> = {}): string {
  let p = path.replace(/%(.)/g, (all, t: string) => (t === '%' ? '%' : t === 'd' ? home : (tokens[t] ?? all)));
  if (p === '~') p = home;
  else if (p.startsWith('~/')) p = join(home, p.slice(2));
  return p;
}

/** StrictHostKeyChecking's values (OpenSSH also accepts ask, treated as strict since nobody is asked). */
function hostKeyModeOf(value: string): HostKeyChecking {
  const v = value.trim().toLowerCase();
  if (v === 'no' || v === 'off' || v === 'false') return 'off';
  if (v === 'accept-new') return 'accept-new';
  if (v === 'yes' || v === 'ask' || v === 'true') return 'strict';
  throw new InputError(`StrictHostKeyChecking=${value}: expected yes, no or accept-new`);
}

/** `[user@]host[:port]` items of a ProxyJump list, or none for `none`. */
export function parseProxyJump(value: string): { user?: string; host: string; port?: number }[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value.split(',').map((item) => {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(item.trim().replace(/^ssh:\/\//, ''));
    if (!m) throw new InputError(`ProxyJump ${value}: cannot read ${item}`);
    const host = (m[2] ?? '').replace(/^\[(.*)\]$/, '$1');
    return { ...(m[1] ? { user: m[1] } : {}), host, ...(m[3] ? { port: port(m[3], 'ProxyJump') } : {}) };
  });
}

/**
 * The connection for inventory host `host` with its variables. Precedence, as with Ansible driving OpenSSH:
 * ansible_* variables, then the command line (-u, --private-key, -k), then -o options in ansible_ssh_common_args
 * then ansible_ssh_extra_args, then ssh_config, then OpenSSH's defaults. ANSIBLE_HOST_KEY_CHECKING=False turns
 * checking off whatever the arguments say (Ansible puts its StrictHostKeyChecking=no first).
 */
export function connectionSpecFor(
  host: string,
  vars: Record<string, unknown>,
  cli: CliConnectionOptions = {},
  environment: SpecEnvironment = defaultEnvironment(),
): ConnectionSpec {
  const { home, env } = environment;
  const sshDir = join(home, '.ssh');
  // a host's variable replaces the command line's arguments (it does not add to them), as in Ansible
  const args = parseSshArgs(str(vars, 'ansible_ssh_common_args') ?? cli.sshCommonArgs, str(vars, 'ansible_ssh_extra_args') ?? cli.sshExtraArgs);
  const configFile = firstOption(args, 'configfile');
  const configFiles = environment.sshConfigFiles ?? [configFile ?? join(sshDir, 'config'), ...(configFile ? [] : ['/etc/ssh/ssh_config'])];
  if (configFile !== undefined && !existsSync(expandPath(configFile, home))) {
    throw new InputError(`ssh option -F ${configFile} of host ${host}: no such file (OpenSSH would not connect either)`);
  }
  const configs = loadConfigs(configFiles.map((f) => expandPath(f, home)), sshDir, environment.sshConfigs);

  const target = str(vars, 'ansible_host') ?? host;
  const conf = resolveSshConfig(configs, target);
  const opt = (keyword: string): string | undefined => firstOption(args, keyword) ?? firstOption(conf, keyword);

  // the connection keyword reaches here as ansible_connection (engine/run/connections.ts), so it too ranks above -c
  const connectionVar = str(vars, 'ansible_connection') ?? (host === 'localhost' && vars.ansible_host === undefined ? 'local' : (cli.connection ?? 'ssh'));
  if (connectionVar !== 'ssh' && connectionVar !== 'local' && connectionVar !== 'smart' && connectionVar !== 'paramiko') {
    throw new InputError(`ansible_connection=${connectionVar} for host ${host}: kplay supports ssh and local`);
  }
  const connection = connectionVar === 'local' ? 'local' : 'ssh';

  const hostName = firstOption(conf, 'hostname');
  const address = hostName === undefined ? target : hostName.replaceAll('%h', target).replaceAll('%%', '%');
  const portText = str(vars, 'ansible_port') ?? str(vars, 'ansible_ssh_port') ?? (cli.port === undefined ? undefined : String(cli.port)) ?? opt('port');
  const thePort = portText === undefined ? 22 : port(portText, `port of host ${host}`);
  const user = str(vars, 'ansible_user') ?? str(vars, 'ansible_ssh_user') ?? cli.user ?? opt('user') ?? environment.localUser;

  const tokens = { h: address, p: String(thePort), r: user, u: environment.localUser, n: target };
  const keyVar = str(vars, 'ansible_ssh_private_key_file') ?? str(vars, 'ansible_private_key_file') ?? cli.privateKey;
  const named = [...(keyVar ? [keyVar] : []), ...(args.get('identityfile') ?? []), ...(conf.get('identityfile') ?? [])].map((f) =>
    expandPath(f, home, tokens),
  );
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => join(sshDir, n)).filter((f) => existsSync(f));
  const identityFiles = [...new Set(named.length > 0 ? named : defaults)];

  const keyPassphrase = secretOf(vars, ['ansible_ssh_private_key_passphrase', 'ansible_private_key_passphrase']);
  const password = secretOf(vars, PASSWORD_VARIABLES) ?? cli.password;

  // Ansible puts `-o ConnectTimeout=` of ansible_ssh_timeout, else -T, before the ssh args (OpenSSH keeps the first)
  const timeoutVar = str(vars, 'ansible_ssh_timeout');
  const timeoutText = timeoutVar ?? (cli.timeoutS === undefined ? undefined : String(cli.timeoutS)) ?? opt('connecttimeout');
  const connectTimeoutS = timeoutText === undefined ? DEFAULT_CONNECT_TIMEOUT_S : Number(timeoutText);
  if (!Number.isFinite(connectTimeoutS) || connectTimeoutS <= 0) {
    throw new InputError(`${timeoutVar === undefined ? 'ConnectTimeout' : 'ansible_ssh_timeout'}=${timeoutText}: expected seconds`);
  }
  const aliveText = opt('serveraliveinterval');
  const aliveMaxText = opt('serveralivecountmax');
  const keepaliveIntervalS = aliveText === undefined || Number(aliveText) <= 0 ? DEFAULT_KEEPALIVE_INTERVAL_S : Number(aliveText);
  const keepaliveCountMax = aliveMaxText === undefined ? DEFAULT_KEEPALIVE_COUNT_MAX : Number(aliveMaxText);

  const envChecking = env.ANSIBLE_HOST_KEY_CHECKING;
  const strictText = opt('stricthostkeychecking');
  const hostKeyChecking: HostKeyChecking =
    envChecking !== undefined && !ansibleBool(envChecking) ? 'off' : strictText === undefined ? 'strict' : hostKeyModeOf(strictText);
  const userFiles = (opt('userknownhostsfile') ?? '~/.ssh/known_hosts ~/.ssh/known_hosts2').split(/\s+/).filter((f) => f !== '' && f.toLowerCase() !== 'none');
  const globalFiles = (opt('globalknownhostsfile') ?? '/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2').split(/\s+/).filter((f) => f !== '');
  const knownHostsFiles = [...userFiles, ...globalFiles].map((f) => expandPath(f, home, tokens));

  const jumpText = opt('proxyjump');
  const proxyJump = jumpText === undefined ? [] : parseProxyJump(jumpText).map((j) => jumpSpec(j, configs, home, environment.localUser, user, identityFiles));

  const proxyText = opt('proxycommand');
  const proxyCommand = proxyText === undefined || proxyText.trim().toLowerCase() === 'none' ? undefined : expandProxyCommand(proxyText, { h: address, p: String(thePort), r: user, n: target });
  if (proxyCommand !== undefined && proxyJump.length > 0) {
    throw new InputError(`host ${host} has both ProxyCommand and ProxyJump: say which one reaches it`, { hint: 'set ProxyJump=none or ProxyCommand=none for the one not meant' });
  }
  const warnings = connection === 'ssh' ? [...checkSshOptions(args, conf, `host ${host}`), ...matchBlockWarnings(configs, configFiles)] : [];
  // PasswordAuthentication=no or KbdInteractiveAuthentication=no: the password is not offered at all
  const noPassword = ['passwordauthentication', 'kbdinteractiveauthentication', 'challengeresponseauthentication'].some((k) => opt(k)?.toLowerCase() === 'no');
  const agentText = opt('identityagent');
  const agentSocket = agentText === undefined ? env.SSH_AUTH_SOCK || undefined : agentText.toLowerCase() === 'none' ? undefined : agentText === 'SSH_AUTH_SOCK' ? env.SSH_AUTH_SOCK || undefined : expandPath(agentText.replace(/^\$\{?(\w+)\}?$/, (_all, v: string) => env[v] ?? ''), home, tokens);

  const become = becomeFromVars(vars);

  return {
    host,
    connection,
    address,
    port: thePort,
    user,
    identityFiles,
    identitiesOnly: (opt('identitiesonly') ?? 'no').toLowerCase() === 'yes',
    keyPassphrase,
    password: noPassword ? undefined : password,
    agentSocket: agentSocket || undefined,
    connectTimeoutMs: connectTimeoutS * 1000,
    keepaliveIntervalMs: keepaliveIntervalS * 1000,
    keepaliveCountMax,
    hostKeyChecking,
    knownHostsFiles,
    proxyJump,
    ...(proxyCommand === undefined ? {} : { proxyCommand }),
    become,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

function jumpSpec(
  jump: { user?: string; host: string; port?: number },
  configs: readonly SshConfig[],
  home: string,
  localUser: string,
  targetUser: string,
  targetKeys: readonly string[],
): JumpSpec {
  // a jump host gets ssh_config for its own name, as OpenSSH's `ssh -W` does; otherwise the target's user and keys
  const conf: SshOptions = resolveSshConfig(configs, jump.host);
  // a jump host reached in turn through its own ProxyCommand/ProxyJump is not followed: said, not skipped
  for (const k of ['proxycommand', 'proxyjump']) {
    const v = firstOption(conf, k);
    if (v !== undefined && v.trim().toLowerCase() !== 'none') {
      throw new InputError(`ProxyJump host ${jump.host}: its ssh_config sets ${k === 'proxycommand' ? 'ProxyCommand' : 'ProxyJump'} ${v}, which kplay does not follow for a jump host`, {
        hint: 'list every jump host in one ProxyJump (-J a,b), or use one ProxyCommand for the target',
      });
    }
  }
  const hostName = firstOption(conf, 'hostname');
  const address = hostName === undefined ? jump.host : hostName.replaceAll('%h', jump.host);
  const portText = firstOption(conf, 'port');
  const user = jump.user ?? firstOption(conf, 'user') ?? targetUser ?? localUser;
  const keys = (conf.get('identityfile') ?? []).map((f) => expandPath(f, home, { h: address, r: user, u: localUser }));
  return {
    address,
    port: jump.port ?? (portText === undefined ? 22 : port(portText, `ProxyJump ${jump.host}`)),
    user,
    identityFiles: keys.length > 0 ? keys : targetKeys,
  };
}

/** ssh_config `Match` blocks are not evaluated: their settings are never applied, and a warning says so. */
function matchBlockWarnings(configs: readonly SshConfig[], files: readonly string[]): string[] {
  return configs.flatMap((c, i) => {
    const skipped = c.lines.filter((l) => l.hosts === 'never').length;
    return skipped === 0 ? [] : [`ssh_config ${files[i] ?? ''}: kplay does not evaluate Match blocks; their ${skipped} setting${skipped === 1 ? ' is' : 's are'} not applied`];
  });
}

/** The first of `keys` that is set, as a Secret (kept as is when the inventory already made it one). */
function secretOf(vars: Record<string, unknown>, keys: readonly string[]): Secret | undefined {
  for (const k of keys) {
    const v = vars[k];
    if (v instanceof Secret) return v;
    const s = str(vars, k);
    if (s !== undefined) return new Secret(s);
  }
  return undefined;
}

/** The host's become from its variables (ansible_become, _user, _password), or undefined. */
export function becomeFromVars(vars: Record<string, unknown>): Become | undefined {
  if (!ansibleBool(vars.ansible_become)) return undefined;
  return {
    user: str(vars, 'ansible_become_user') ?? 'root',
    password: secretOf(vars, ['ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass']),
  };
}

// Every ssh option given (-o, flags, ssh_config) is honoured, refused with a clear error, or named in a warning.
import { InputError } from '../core/errors.js';
import type { SshOptions } from './ssh-args.js';

/** Options kplay applies (connection-spec.ts). */
const HONOURED = new Set([
  'hostname', 'port', 'user', 'identityfile', 'identitiesonly', 'identityagent', 'proxyjump', 'proxycommand', 'connecttimeout',
  'serveraliveinterval', 'serveralivecountmax', 'stricthostkeychecking', 'userknownhostsfile', 'globalknownhostsfile',
  'configfile', 'passwordauthentication', 'kbdinteractiveauthentication', 'challengeresponseauthentication', 'batchmode',
]);

/**
 * Options without meaning for kplay's connections (no terminal, no forwarding, its own connection reuse and
 * keepalives), or whose absence is the safer choice (agent and X11 forwarding are never done): not applied, said
 * once per run when given as ssh arguments, and not said for ssh_config (whose system defaults set several).
 */
const NO_EFFECT = new Set([
  'controlmaster', 'controlpath', 'controlpersist', 'tcpkeepalive', 'compression', 'loglevel', 'logverbose', 'requesttty',
  'forwardagent', 'forwardx11', 'forwardx11trusted', 'forwardx11timeout', 'xauthlocation', 'sendenv', 'setenv',
  'hashknownhosts', 'checkhostip', 'visualhostkey', 'updatehostkeys', 'addkeystoagent', 'usekeychain', 'gssapiauthentication',
  'gssapidelegatecredentials', 'connectionattempts', 'escapechar', 'numberofpasswordprompts', 'clearallforwardings',
  'exitonforwardfailure', 'ipqos', 'rekeylimit', 'verifyhostkeydns', 'nohostauthenticationforlocalhost', 'hostbasedauthentication',
  'permitlocalcommand', 'localcommand', 'syslogfacility', 'stdinnull', 'forkafterauthentication', 'sessiontype', 'gatewayports',
  'obscurekeystroketiming', 'enableescapecommandline', 'preferredauthentications', 'kbdinteractivedevices', 'channeltimeout',
  'tag', 'canonicaldomains', 'canonicalizefallbacklocal', 'canonicalizemaxdots', 'canonicalizepermittedcnames', 'streamlocalbindmask',
  'streamlocalbindunlink', 'permitremoteopen', 'requiredrsasize', 'warnweakcrypto', 'ignoreunknown',
]);

/** What a refused option does, and so why kplay cannot go on without it. */
const REFUSED: Readonly<Record<string, string>> = {
  localforward: 'a port forward kplay does not set up',
  remoteforward: 'a port forward kplay does not set up',
  dynamicforward: 'a SOCKS forward kplay does not set up',
  bindaddress: 'the local address to connect from, which kplay does not choose',
  bindinterface: 'the local interface to connect from, which kplay does not choose',
  addressfamily: 'the address family (IPv4/IPv6), which kplay does not choose',
  canonicalizehostname: 'host name canonicalisation, which kplay does not do',
  hostkeyalias: 'the name host keys are checked under, which kplay does not apply',
  hostkeyalgorithms: 'the host key algorithms, which kplay chooses itself',
  kexalgorithms: 'the key exchange algorithms, which kplay chooses itself',
  ciphers: 'the ciphers, which kplay chooses itself',
  macs: 'the MACs, which kplay chooses itself',
  pubkeyacceptedkeytypes: 'the key types offered, which kplay does not filter',
  pubkeyacceptedalgorithms: 'the key algorithms offered, which kplay does not filter',
  hostbasedacceptedalgorithms: 'host-based authentication, which kplay does not do',
  casignaturealgorithms: 'host certificates, which kplay does not use',
  certificatefile: 'a user certificate, which kplay does not offer',
  pkcs11provider: 'a PKCS#11 key, which kplay cannot use',
  securitykeyprovider: 'a security key, which kplay cannot use',
  knownhostscommand: 'a command that lists host keys, which kplay does not run',
  revokedhostkeys: 'a revoked host key list, which kplay does not read (use @revoked lines in known_hosts)',
  tunnel: 'a tun device forward, which kplay does not set up',
  tunneldevice: 'a tun device forward, which kplay does not set up',
  proxyusefdpass: 'a ProxyCommand that passes a descriptor, which kplay does not take',
  remotecommand: 'a command run at login, where kplay runs its own',
};

/** OpenSSH flags as the ssh_config keyword they stand for (others are listed in FLAG_ONLY). */
const FLAG_KEYWORD: Readonly<Record<string, string>> = {
  '-A': 'forwardagent', '-a': 'forwardagent', '-C': 'compression', '-c': 'ciphers', '-m': 'macs', '-L': 'localforward',
  '-R': 'remoteforward', '-D': 'dynamicforward', '-b': 'bindaddress', '-B': 'bindinterface', '-4': 'addressfamily',
  '-6': 'addressfamily', '-X': 'forwardx11', '-Y': 'forwardx11trusted', '-x': 'forwardx11', '-t': 'requesttty', '-T': 'requesttty',
  '-e': 'escapechar', '-I': 'pkcs11provider', '-S': 'controlpath', '-M': 'controlmaster', '-w': 'tunneldevice', '-q': 'loglevel',
  '-v': 'loglevel', '-E': 'loglevel', '-n': 'stdinnull', '-f': 'forkafterauthentication', '-g': 'gatewayports', '-K': 'gssapiauthentication',
  '-k': 'gssapidelegatecredentials', '-y': 'syslogfacility', '-P': 'tag', '-N': 'sessiontype', '-s': 'sessiontype',
};
/** Flags that would make ssh do something other than log in for a command. */
const FLAG_REFUSED: Readonly<Record<string, string>> = {
  '-W': 'forwards stdio to another host (use ProxyJump or ProxyCommand)',
  '-O': 'sends a command to a control master, which kplay does not use',
  '-Q': 'lists algorithms instead of connecting',
  '-G': 'prints the configuration instead of connecting',
  '-V': 'prints the version instead of connecting',
  '-N': 'runs no command, where kplay runs its modules',
  '-s': 'asks for a subsystem, where kplay runs its modules',
};

/**
 * Check the options of one connection. `args` are -o options and flags of ansible_ssh_common_args/extra_args (or
 * the command line's), `conf` what ssh_config says for the host; `who` names whose they are (`host web1`). Throws InputError for an option that changes
 * security or routing and that kplay does not apply; returns warnings (each naming one option) for the others.
 */
export function checkSshOptions(args: SshOptions, conf: SshOptions, who: string): string[] {
  const warnings: string[] = [];
  const refuse = (what: string, why: string, where: string): never => {
    throw new InputError(`ssh option ${what} (${where} of ${who}): ${why}; kplay cannot honour it, so it does not connect without it`, {
      hint: `remove ${what} from ${where}, or reach the host another way (ProxyJump and ProxyCommand are supported)`,
    });
  };
  const check = (keyword: string, values: readonly string[], where: string, shown: string, quiet: boolean): void => {
    if (HONOURED.has(keyword)) return;
    const value = values[0] ?? '';
    // a few values are the default, or make kplay stricter: nothing is lost by not applying them
    if (keyword === 'addressfamily' && value.toLowerCase() === 'any') return;
    if (keyword === 'canonicalizehostname' && value.toLowerCase() === 'no') return;
    if (keyword === 'pubkeyauthentication') {
      if (value.toLowerCase() === 'no') refuse(shown, 'no key login, where kplay always offers its keys', where);
      return;
    }
    if ((keyword === 'tunnel' && value.toLowerCase() === 'no') || (keyword === 'clearallforwardings' && value.toLowerCase() === 'yes')) return;
    if (keyword === 'permitlocalcommand' && value.toLowerCase() === 'yes' && (args.has('localcommand') || conf.has('localcommand'))) {
      refuse('PermitLocalCommand=yes with LocalCommand', 'a local command to run after login, which kplay does not run', where);
    }
    const why = REFUSED[keyword];
    if (why !== undefined) refuse(shown, why, where);
    if (NO_EFFECT.has(keyword)) {
      if (!quiet) warnings.push(`ssh option ${shown} in ${where} has no effect in kplay (its connections have no terminal, no forwarding, and their own reuse and keepalives)`);
      return;
    }
    warnings.push(`ssh option ${shown} in ${where} is not known to kplay and is not applied`);
  };
  for (const [key, values] of args) {
    if (key === '-') {
      throw new InputError(`ssh arguments of ${who}: ${JSON.stringify(values[0] ?? '')} is not an option (a host name or command in ansible_ssh_common_args/extra_args?)`);
    }
    if (key.startsWith('-')) {
      const refused = FLAG_REFUSED[key];
      if (refused !== undefined) refuse(key, refused, 'ssh arguments');
      const keyword = FLAG_KEYWORD[key];
      if (keyword === undefined) {
        warnings.push(`ssh flag ${key} in ssh arguments is not known to kplay and is not applied`);
        continue;
      }
      check(keyword, keyword === 'addressfamily' ? [key === '-4' ? 'inet' : 'inet6'] : values, 'ssh arguments', key, false);
      continue;
    }
    check(key, values, 'ssh arguments', `-o ${key}`, false);
  }
  for (const [key, values] of conf) {
    if (args.has(key)) continue;
    check(key, values, 'ssh_config', key, true);
  }
  return warnings;
}

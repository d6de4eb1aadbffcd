// `kplay run`'s connection options, as ansible-playbook's: parsed here, ranked below the hosts' own variables by
// engine/transport/connection-spec.ts (as Ansible ranks its variables above its command line).
import { InputError, InputErrors } from '../engine/core/errors.js';
import type { CliConnection } from '../engine/run/options.js';
import { parseSshArgs } from '../engine/transport/ssh-args.js';
import type { FlagsOf, OptionTable } from './option-table.js';
import { checkSshOptions } from '../engine/transport/ssh-option-policy.js';

export const CONNECTION_OPTIONS = {
  askPass: { flags: '-k, --ask-pass', kind: 'flag', usage: '[-k|--ask-pass]', help: 'ask for the SSH login password once, before the run (ansible_password ranks above it)' },
  connection: { flags: '-c, --connection <type>', kind: 'value', usage: '[-c|--connection ssh|local]', help: 'ssh or local: how to reach hosts that do not say (ansible_connection and the connection keyword rank above it)' },
  timeout: { flags: '-T, --timeout <seconds>', kind: 'value', usage: '[-T|--timeout SECONDS]', help: 'SSH connection timeout (default 10; ansible_ssh_timeout ranks above it, it above ConnectTimeout in ssh args)' },
  sshCommonArgs: { flags: '--ssh-common-args <args>', kind: 'value', usage: '[--ssh-common-args ARGS]', help: 'OpenSSH options (-o ...) for hosts without ansible_ssh_common_args' },
  sshExtraArgs: { flags: '--ssh-extra-args <args>', kind: 'value', usage: '[--ssh-extra-args ARGS]', help: 'more OpenSSH options, after the common ones, for hosts without ansible_ssh_extra_args' },
} as const satisfies OptionTable;

export type ConnectionFlags = FlagsOf<typeof CONNECTION_OPTIONS>;

export function connectionSettings(flags: ConnectionFlags): CliConnection {
  const problems: InputError[] = [];
  const timeoutS = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeoutS !== undefined && (!Number.isInteger(timeoutS) || timeoutS < 1)) {
    problems.push(new InputError(`--timeout must be a positive whole number of seconds, got ${flags.timeout}`));
  }
  const connection = flags.connection;
  // smart and paramiko are Ansible's other names for an SSH connection, as ansible_connection accepts them
  const known = ['ssh', 'smart', 'paramiko', 'local'];
  if (connection !== undefined && !known.includes(connection)) {
    problems.push(new InputError(`--connection ${connection}: kplay connects with ssh or local`));
  }
  for (const [flag, text] of [['--ssh-common-args', flags.sshCommonArgs], ['--ssh-extra-args', flags.sshExtraArgs]] as const) {
    if (text === undefined) continue;
    // the same reading the transport gives them, here so that a typo stops the run before any host is touched
    try {
      // an option kplay refuses (a port forward, -W, ...) stops the run here too; warnings wait for the hosts
      checkSshOptions(parseSshArgs(text, undefined), new Map(), flag);
    } catch (e) {
      problems.push(new InputError(`${flag}: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  if (problems.length > 0) throw new InputErrors(problems);
  return {
    timeoutS,
    connection: connection === undefined ? undefined : connection === 'local' ? 'local' : 'ssh',
    sshCommonArgs: flags.sshCommonArgs,
    sshExtraArgs: flags.sshExtraArgs,
  };
}

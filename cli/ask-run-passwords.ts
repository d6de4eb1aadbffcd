// -k and -K: the login and become passwords, asked once before anything is read, in ansible-playbook's order and
// with its prompts. With both, an empty become password means "the same as the SSH password", as Ansible has it.
import { Secret } from '../engine/core/secret.js';
import { askPassword } from './ask-password.js';

export interface RunPasswordFlags {
  askPass?: boolean | undefined;
  askBecomePass?: boolean | undefined;
}

export interface RunPasswords {
  readonly ssh: Secret | undefined;
  readonly become: Secret | undefined;
}

export async function askRunPasswords(
  flags: RunPasswordFlags,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<RunPasswords> {
  const ssh = flags.askPass === true ? new Secret(await askPassword('SSH password: ', input, output, { flag: '-k', noun: 'the SSH password' })) : undefined;
  if (flags.askBecomePass !== true) return { ssh, become: undefined };
  const typed = await askPassword(ssh === undefined ? 'BECOME password: ' : 'BECOME password[defaults to SSH password]: ', input, output);
  return { ssh, become: typed === '' && ssh !== undefined ? ssh : new Secret(typed) };
}

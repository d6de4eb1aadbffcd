// How kplay logs in, in OpenSSH's order: the agent's keys, the key files, then the password (ansible_password or
// -k) as `password`, then as the answer to `keyboard-interactive`'s one hidden prompt (sshd with
// KbdInteractiveAuthentication and PasswordAuthentication off still asks for the password that way, through PAM).
import { readFile, stat } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType, KeyboardInteractiveCallback, ParsedKey, Prompt } from 'ssh2';
import { errorMessage } from '../core/errors.js';
import type { Secret } from '../core/secret.js';

/** What choosing the methods needs to know of the target. */
export interface AuthTarget {
  readonly user: string;
  /** the run's parsed key files (shared by its connections) */
  readonly keyFiles: KeyFiles;
  readonly identityFiles: readonly string[];
  readonly identitiesOnly: boolean;
  readonly keyPassphrase: Secret | undefined;
  readonly agentSocket: string | undefined;
  readonly password: Secret | undefined;
}

export interface AuthPlan {
  /** the agent and the usable key files, in the order they are offered */
  readonly keys: readonly AnyAuthMethod[];
  /** offered after the keys, as password then keyboard-interactive */
  readonly password: Secret | undefined;
  /** key files that could not be used, said in the failure message (never with a passphrase or password) */
  readonly problems: readonly string[];
}

type CheckedKey = { readonly key: ParsedKey; readonly problem: undefined } | { readonly key: undefined; readonly problem: string };

/**
 * Key files read and parsed, by path, reused while the file is unchanged (only keys without a passphrase): every
 * connection of a run names the same key, and reading and parsing it per connection costs hosts x parse. The
 * promise is kept, so the connections of a run that start together share one parse; ssh2 takes the parsed key.
 * Held by the run's connection pool (TransportCaches).
 */
export class KeyFiles {
  private readonly checked = new Map<string, { readonly stamp: string; readonly checked: Promise<CheckedKey> }>();

  async read(file: string, passphrase: string | undefined): Promise<CheckedKey> {
    if (passphrase !== undefined) return parseCheckedKey(await readFile(file), passphrase);
    const st = await stat(file);
    const stamp = `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
    const cached = this.checked.get(file);
    if (cached?.stamp === stamp) return cached.checked;
    const checked = readFile(file).then((data) => parseCheckedKey(data, undefined));
    this.checked.set(file, { stamp, checked });
    // a read that failed is not kept: the next connection tries again
    checked.catch(() => this.checked.get(file)?.checked === checked && this.checked.delete(file));
    return checked;
  }
}

function parseCheckedKey(data: Buffer, passphrase: string | undefined): CheckedKey {
  const parsed = ssh2.utils.parseKey(data, passphrase);
  return parsed instanceof Error ? { key: undefined, problem: parsed.message } : { key: parsed, problem: undefined };
}

/**
 * keyboard-interactive's answer: the password for a single hidden prompt ("Password: " of PAM), once. Anything else
 * (several prompts, an echoed one such as a one-time code's, a second round) gets empty answers, which fail: the
 * password is never typed into a question it was not meant for.
 */
export function passwordPrompter(password: Secret): (name: string, instructions: string, lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => void {
  let answered = false;
  return (_name, _instructions, _lang, prompts, finish) => {
    const only = prompts.length === 1 ? prompts[0] : undefined;
    if (!answered && only !== undefined && only.echo !== true) {
      answered = true;
      finish([password.reveal()]);
      return;
    }
    finish(prompts.map(() => ''));
  };
}

/** What can be offered: agent (unless IdentitiesOnly), key files, then the password. */
export async function authPlan(t: AuthTarget): Promise<AuthPlan> {
  const methods: AnyAuthMethod[] = [];
  const problems: string[] = [];
  if (t.agentSocket !== undefined && !t.identitiesOnly) methods.push({ type: 'agent', username: t.user, agent: t.agentSocket });
  for (const file of t.identityFiles) {
    const passphrase = t.keyPassphrase?.reveal();
    let key: CheckedKey;
    try {
      key = await t.keyFiles.read(file, passphrase);
    } catch (e) {
      problems.push(`cannot read key ${file}: ${errorMessage(e)}`);
      continue;
    }
    if (key.key === undefined) {
      // the message may say "encrypted"; never include the passphrase
      problems.push(`cannot use key ${file}: ${key.problem}${passphrase === undefined && /encrypt|passphrase/i.test(key.problem) ? ' (set ansible_ssh_private_key_passphrase or load it into ssh-agent)' : ''}`);
      continue;
    }
    methods.push({ type: 'publickey', username: t.user, key: key.key });
  }
  return { keys: methods, password: t.password, problems };
}

/**
 * The methods in the order they are offered: the keys, then password, then keyboard-interactive. Built per
 * connection attempt: the keyboard-interactive answer is given once per attempt.
 */
export function authMethodsOf(plan: AuthPlan, user: string): AnyAuthMethod[] {
  if (plan.password === undefined) return [...plan.keys];
  return [
    ...plan.keys,
    { type: 'password', username: user, password: plan.password.reveal() },
    { type: 'keyboard-interactive', username: user, prompt: passwordPrompter(plan.password) },
  ];
}

/** The method's name as the server lists it (an agent's keys are publickey to the server). */
function serverName(m: AnyAuthMethod): AuthenticationType {
  return m.type === 'agent' ? 'publickey' : m.type;
}

/** The method's name in messages. */
export function methodLabel(m: AnyAuthMethod): string {
  return m.type === 'agent' ? 'ssh-agent' : m.type === 'publickey' ? 'key' : m.type;
}

export interface AuthSequence {
  /** every method, in order (not all are offered: see authSequence) */
  readonly methods: readonly AnyAuthMethod[];
  readonly handler: AuthHandlerMiddleware;
  /** the methods offered to the server so far, in order */
  readonly tried: () => readonly AnyAuthMethod[];
  /** what the server said it would still take, after its last refusal (undefined before the first) */
  readonly serverAccepts: () => readonly AuthenticationType[] | undefined;
  /**
   * From now on offer keys only (the agent's and the key files'): no password, no keyboard-interactive answer.
   * `reason` goes into the failure message. Called before authentication starts (a changed host key).
   */
  readonly keysOnly: (reason: string) => void;
  /** why passwords were not offered, when keysOnly was called */
  readonly keysOnlyReason: () => string | undefined;
}

/** The methods that send the password (keysOnly drops them). */
function sendsPassword(m: AnyAuthMethod): boolean {
  return m.type === 'password' || m.type === 'keyboard-interactive';
}

/**
 * ssh2's authHandler over the plan: as OpenSSH's client, a method the server no longer lists (after a refusal, the
 * server names what it still takes) is skipped, so a server without PasswordAuthentication is never sent the
 * password. Before the first refusal the server has said nothing: a key is tried at once, but a password only after
 * a `none` request has made the server say what it takes.
 */
export function authSequence(methods: readonly AnyAuthMethod[]): AuthSequence {
  const tried: AnyAuthMethod[] = [];
  let accepts: AuthenticationType[] | undefined;
  let next = 0;
  let keysOnlyReason: string | undefined;
  // ssh2 takes the returned method; false ends with "All configured authentication methods failed"
  let asked = false;
  const handler: AuthHandlerMiddleware = (left: AuthenticationType[] | null): AnyAuthMethod | false => {
    if (left !== null) accepts = left;
    // no key to try first: ask with `none` what the server takes (as OpenSSH always does) before any password
    if (accepts === undefined && !asked && methods[0]?.type === 'password' && keysOnlyReason === undefined) {
      asked = true;
      return { type: 'none', username: methods[0].username };
    }
    while (next < methods.length) {
      const m = methods[next++];
      if (m === undefined) break;
      if (keysOnlyReason !== undefined && sendsPassword(m)) continue;
      if (accepts !== undefined && !accepts.includes(serverName(m))) continue;
      tried.push(m);
      return m;
    }
    return false;
  };
  return {
    methods,
    handler,
    tried: () => tried,
    serverAccepts: () => accepts,
    keysOnly: (reason) => {
      keysOnlyReason = reason;
    },
    keysOnlyReason: () => keysOnlyReason,
  };
}

/**
 * Why the login failed, naming the methods tried and those the server takes: never a password or passphrase.
 * The hint points at the settings of the methods that were offered.
 */
export function authFailureText(plan: AuthPlan, sequence: AuthSequence): { readonly detail: string; readonly hint: string } {
  const tried = sequence.tried().map(methodLabel);
  const offered = sequence.methods.map(methodLabel);
  const accepts = sequence.serverAccepts();
  const disabled = sequence.keysOnlyReason();
  const parts = [
    tried.length > 0 ? `tried ${tried.join(', ')}` : disabled === undefined ? `had ${offered.join(', ')}` : 'tried nothing',
    ...(disabled === undefined ? [] : [disabled]),
    ...(accepts === undefined ? [] : [`the server takes ${accepts.join(', ') || 'nothing more'}`]),
    ...plan.problems,
  ];
  const withPassword = plan.password !== undefined;
  if (disabled !== undefined) {
    return {
      detail: parts.join('; '),
      hint: 'find out why the host key changed (a reinstalled host, or someone in the middle); once its new key is checked, replace the old one in known_hosts (ssh-keygen -R) — a key login (ansible_ssh_private_key_file, ssh-agent) still works meanwhile',
    };
  }
  const hint = withPassword
    ? 'check ansible_user and the password (ansible_password, or -k), or the key in the user\'s authorized_keys'
    : 'check ansible_user and ansible_ssh_private_key_file, and the key in the user\'s authorized_keys (or set ansible_password, or -k, for a password login)';
  return { detail: parts.join('; '), hint };
}

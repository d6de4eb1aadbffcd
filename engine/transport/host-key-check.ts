// The host key decision for one connection: strict | accept-new | off, with messages that say how to fix it.
import { HostKeyError } from '../core/errors.js';
import { quote } from '../core/quote.js';
import { fingerprint, judgeHostKey, keyTypeOf, knownHostName, type KnownHostEntry } from './known-hosts.js';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export type HostKeyDecision =
  | {
      readonly accept: true;
      /** record this key (accept-new of an unknown host) */
      readonly record: boolean;
      /**
       * checking is off but known_hosts holds another key for the host: OpenSSH's warning, and the connection may
       * log in with keys only (no password or keyboard-interactive answer is ever sent to a possible impostor)
       */
      readonly changed?: { readonly warning: string; readonly reason: string } | undefined;
    }
  | { readonly accept: false; readonly error: HostKeyError };

export interface HostKeyContext {
  readonly host: string; // the inventory name, for messages
  readonly address: string;
  readonly port: number;
  readonly mode: HostKeyChecking;
  readonly entries: readonly KnownHostEntry[];
  /** where accept-new writes and where the fix should append */
  readonly userFile: string;
}

/**
 * OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED" warning (sshconnect.c), with the fingerprint of the key
 * presented, those of the keys known, and the known_hosts file:line of each.
 */
export function changedKeyWarning(where: string, port: number, keyBlob: Buffer, known: readonly KnownHostEntry[]): string {
  const type = keyTypeOf(keyBlob);
  const rule = '@'.repeat(59);
  return [
    rule,
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    rule,
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
    'It is also possible that a host key has just been changed.',
    `The fingerprint for the ${type} key sent by ${where} port ${port} is`,
    fingerprint(keyBlob) + '.',
    ...known.map((e) => `Offending ${e.keyType} key in ${e.file}:${e.line} (${fingerprint(Buffer.from(e.key, 'base64'))})`),
    'Password authentication is disabled to avoid man-in-the-middle attacks.',
    'Keyboard-interactive authentication is disabled to avoid man-in-the-middle attacks.',
  ].join('\n');
}

export function decideHostKey(ctx: HostKeyContext, keyBlob: Buffer): HostKeyDecision {
  const verdict = judgeHostKey(ctx.entries, ctx.address, ctx.port, keyBlob);
  const type = keyTypeOf(keyBlob);
  const fp = fingerprint(keyBlob);
  const where = ctx.address === ctx.host ? ctx.address : `${ctx.host} (${ctx.address})`;
  // checking off (StrictHostKeyChecking=no, ANSIBLE_HOST_KEY_CHECKING=False) still never trusts a changed key with a
  // password, nor a revoked key at all, as OpenSSH
  if (ctx.mode === 'off' && verdict.kind !== 'revoked') {
    if (verdict.kind !== 'changed') return { accept: true, record: false };
    const at = verdict.entries.map((e) => `${e.file}:${e.line}`).join(', ');
    return {
      accept: true,
      record: false,
      changed: {
        warning: changedKeyWarning(where, ctx.port, keyBlob, verdict.entries),
        reason: `password and keyboard-interactive authentication were disabled because the host key of ${where} port ${ctx.port} changed (it presented ${type} ${fp}, unlike the key in ${at})`,
      },
    };
  }
  switch (verdict.kind) {
    case 'known':
      return { accept: true, record: false };
    case 'unknown': {
      if (ctx.mode === 'accept-new') return { accept: true, record: true };
      const scan = `ssh-keyscan${ctx.port === 22 ? '' : ` -p ${ctx.port}`} -t ${quote(type)} ${quote(ctx.address)} >> ${quote(ctx.userFile)}`;
      return {
        accept: false,
        error: new HostKeyError(
          `host key of ${where} port ${ctx.port} is not known (${type} ${fp}); kplay does not trust unknown host keys`,
          {
            hint:
              `check the fingerprint with the host's owner, then trust it with: ${scan}` +
              ` — or let kplay record new hosts: -o StrictHostKeyChecking=accept-new in ansible_ssh_common_args`,
          },
        ),
      };
    }
    case 'changed': {
      const at = verdict.entries.map((e) => `${e.file}:${e.line}`).join(', ');
      return {
        accept: false,
        error: new HostKeyError(
          `HOST KEY CHANGED for ${where} port ${ctx.port}: it presented ${type} ${fp}, which differs from the key in ${at}. ` +
            `Someone could be intercepting the connection (man-in-the-middle), or the host was reinstalled`,
          {
            hint: `if you know the host was reinstalled, remove the old key: ssh-keygen -R ${quote(knownHostName(ctx.address, ctx.port))} -f ${quote(verdict.entries[0]?.file ?? ctx.userFile)}`,
          },
        ),
      };
    }
    case 'revoked':
      return {
        accept: false,
        error: new HostKeyError(
          `host key of ${where} port ${ctx.port} (${type} ${fp}) is marked @revoked in ${verdict.entry.file}:${verdict.entry.line}`,
        ),
      };
  }
}

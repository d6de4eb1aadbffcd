// The host key decision for one connection: strict | accept-new | off, with messages that say how to fix it.
import { HostKeyError } from '../core/errors.js';
import { quote } from '../core/quote.js';
import { fingerprint, judgeHostKey, keyTypeOf, knownHostName, type KnownHostEntry } from './known-hosts.js';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export type HostKeyDecision =
  | { readonly accept: true; /** record this key (accept-new of an unknown host) */ readonly record: boolean }
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

export function decideHostKey(ctx: HostKeyContext, keyBlob: Buffer): HostKeyDecision {
  if (ctx.mode === 'off') return { accept: true, record: false };
  const verdict = judgeHostKey(ctx.entries, ctx.address, ctx.port, keyBlob);
  const type = keyTypeOf(keyBlob);
  const fp = fingerprint(keyBlob);
  const where = ctx.address === ctx.host ? ctx.address : `${ctx.host} (${ctx.address})`;
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

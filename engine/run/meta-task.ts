// What a meta task says, as Ansible 2.14's strategy (_execute_meta) says it: which actions run once for each host,
// which heed `when`, and each host's result (a skip's reason, the `META:` line of -vv).
import type { MetaAction } from '../../modules/meta.js';
import type { Task } from '../playbook/model.js';

/** Ansible's linear strategy runs these once for each host, announcing the task each time; the others once, on the first host. */
const PER_HOST: ReadonlySet<string> = new Set<MetaAction>(['noop', 'reset_connection', 'end_host', 'role_complete', 'flush_handlers']);

/** these ignore `when` (Ansible warns that they do not support it) */
const WHEN_UNSUPPORTED: readonly MetaAction[] = ['noop', 'refresh_inventory', 'reset_connection'];

/** role_complete acts only when Ansible adds it itself, so it never evaluates `when` either */
const WHEN_NEVER_EVALUATED: ReadonlySet<string> = new Set<MetaAction>([...WHEN_UNSUPPORTED, 'role_complete']);

/** What a skipped meta task adds to its reason, after `<action> conditional evaluated to False` (Ansible's words). */
const SKIP_REASONS: Readonly<Record<string, (host: string) => string>> = {
  flush_handlers: (host) => `, not running handlers for ${host}`,
  clear_facts: (host) => `, not clearing facts and fact cache for ${host}`,
  clear_host_errors: (host) => `, not clearing host error state for ${host}`,
  end_batch: () => ', continuing current batch',
  end_play: () => ', continuing play',
  end_host: (host) => `, continuing execution for ${host}`,
};

/** What a meta task that acted says (-vv's `META:` line). */
const DONE_MESSAGES: Readonly<Record<string, (host: string) => string>> = {
  flush_handlers: (host) => `triggered running handlers for ${host}`,
  refresh_inventory: () => 'inventory successfully refreshed',
  clear_facts: () => 'facts cleared',
  clear_host_errors: () => 'cleared host errors',
  end_batch: () => 'ending batch',
  end_play: () => 'ending play',
  end_host: (host) => `ending play for ${host}`,
  reset_connection: () => 'reset connection',
};

/** The action a meta task names (`meta: flush_handlers`). */
export function metaActionOf(task: Task): string {
  const first: unknown = Object.values(task.args)[0];
  return typeof first === 'string' ? first : '';
}

export function runsPerHost(action: string): boolean {
  return PER_HOST.has(action);
}

/** `when` on an action that ignores it: Ansible's warning. */
export function whenUnsupportedWarning(task: Task, action: string): string | undefined {
  return task.when.length > 0 && (WHEN_UNSUPPORTED as readonly string[]).includes(action) ? `${action} task does not support when conditional` : undefined;
}

export function evaluatesWhen(action: string): boolean {
  return !WHEN_NEVER_EVALUATED.has(action);
}

/** One host's meta result: skipped (`when` false) with Ansible's result, or done; `said` is -vv's `META:` line. */
export type MetaOutcome =
  | { readonly skipped: true; readonly said: string; readonly result: { readonly msg: string; readonly skip_reason: string } }
  | { readonly skipped: false; readonly said: string };

export function metaOutcome(action: string, host: string, whenHeld: boolean): MetaOutcome {
  if (whenHeld) return { skipped: false, said: DONE_MESSAGES[action]?.(host) ?? action };
  const skipReason = `${action} conditional evaluated to False${SKIP_REASONS[action]?.(host) ?? ''}`;
  // end_host's msg repeats the reason, in lower case (kept by Ansible "for historical reasons")
  const msg = action === 'end_host' ? `end_host conditional evaluated to false, continuing execution for ${host}` : action;
  return { skipped: true, said: skipReason, result: { msg, skip_reason: skipReason } };
}

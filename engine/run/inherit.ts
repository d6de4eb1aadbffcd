// What a task gets from its play and enclosing blocks: conditions, tags, each keyword it leaves unset, and their environment.
import type { Condition, InheritableKeywords } from '../playbook/model.js';

/** `child`'s keywords over `parent`'s (the innermost setting wins); environments merge, the child's names winning. */
export function inheritKeywords(parent: InheritableKeywords, child: InheritableKeywords): InheritableKeywords {
  return {
    become: child.become ?? parent.become,
    becomeUser: child.becomeUser ?? parent.becomeUser,
    ignoreErrors: child.ignoreErrors ?? parent.ignoreErrors,
    ignoreUnreachable: child.ignoreUnreachable ?? parent.ignoreUnreachable,
    noLog: child.noLog ?? parent.noLog,
    checkMode: child.checkMode ?? parent.checkMode,
    diff: child.diff ?? parent.diff,
    runOnce: child.runOnce ?? parent.runOnce,
    anyErrorsFatal: child.anyErrorsFatal ?? parent.anyErrorsFatal,
    timeout: child.timeout ?? parent.timeout,
    throttle: child.throttle ?? parent.throttle,
    remoteUser: child.remoteUser ?? parent.remoteUser,
    port: child.port ?? parent.port,
    connection: child.connection ?? parent.connection,
    delegateTo: child.delegateTo ?? parent.delegateTo,
    delegateFacts: child.delegateFacts ?? parent.delegateFacts,
    environment: parent.environment === undefined ? child.environment : { ...parent.environment, ...child.environment },
  };
}

/** What enclosing blocks (and the play) pass down to the tasks under them. */
export interface Inherited {
  readonly when: readonly Condition[];
  readonly tags: readonly string[];
  /** inside a block with a rescue: a failure here is counted as rescued, as Ansible counts it */
  readonly rescuable: boolean;
  /** the play's and enclosing blocks' keywords, for the tasks that do not set their own */
  readonly keywords: InheritableKeywords;
}

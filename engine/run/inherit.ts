// What a task gets from its play and enclosing blocks: conditions, tags, each keyword it leaves unset, and their environment.
import type { Condition, InheritableKeywords } from '../playbook/model.js';

export { inheritKeywords } from '../playbook/inherit-keywords.js';

/** What enclosing blocks (and the play) pass down to the tasks under them. */
export interface Inherited {
  readonly when: readonly Condition[];
  readonly tags: readonly string[];
  /** inside a block with a rescue: a failure here is counted as rescued, as Ansible counts it */
  readonly rescuable: boolean;
  /** the play's and enclosing blocks' keywords, for the tasks that do not set their own */
  readonly keywords: InheritableKeywords;
  /** the innermost enclosing block's notify, for the tasks that name no handler themselves */
  readonly notify?: readonly string[] | undefined;
  /** running handlers: what an include handler brings in runs as handlers */
  readonly handler?: boolean | undefined;
}

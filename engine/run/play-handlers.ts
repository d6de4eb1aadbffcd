// A play's handlers: its own, then those of the roles include_role brought in, each with that role's variables.
import { formatLoc } from '../core/location.js';
import type { LoadedRole } from '../playbook/index.js';
import type { Handler, Play, RoleLayers } from '../playbook/model.js';
import type { HostRun } from './host.js';

export interface DueHandler {
  readonly handler: Handler;
  /** the hosts that notified the handler's name or one of its topics */
  readonly hosts: readonly HostRun[];
  /** an included role's handler sees that role's defaults and vars, as its tasks do */
  readonly roleLayers: RoleLayers | undefined;
}

export class PlayHandlers {
  readonly #handlers: Handler[];
  readonly #roles = new Map<Handler, RoleLayers>();

  constructor(play: Play) {
    this.#handlers = [...play.handlers];
  }

  /** Whether a notify of this name reaches a handler (Ansible stops the run when a changed task notifies none). */
  knows(name: string): boolean {
    return this.#handlers.some((h) => handlerTopics(h).includes(name));
  }

  /** An included role's handlers join the play's, once each. */
  adoptFrom(role: LoadedRole, layers: RoleLayers): void {
    for (const handler of role.handlers) {
      // the play may hold it already: a role named without templates was read with the playbook
      const same = this.#handlers.find((x) => formatLoc(x.loc) === formatLoc(handler.loc));
      if (same === undefined) this.#handlers.push(handler);
      this.#roles.set(same ?? handler, layers);
    }
  }

  /**
   * The handlers to run now, in the order they are written, each on the eligible hosts that notified it (several
   * handlers may listen to one topic). Lazy: a handler may notify a later one in the same flush.
   */
  *due(hosts: readonly HostRun[], eligible: (h: HostRun) => boolean): Generator<DueHandler> {
    for (const handler of this.#handlers) {
      const topics = handlerTopics(handler);
      const notified = hosts.filter((h) => eligible(h) && topics.some((t) => h.notified.has(t)));
      if (notified.length > 0) yield { handler, hosts: notified, roleLayers: this.#roles.get(handler) };
    }
  }
}

/** What a notify may name to reach a handler: its name, `role : name` for a role's, and its listen topics. */
export function handlerTopics(handler: Handler): string[] {
  const named = handler.name === undefined ? [] : handler.role === undefined ? [handler.name] : [handler.name, `${handler.role} : ${handler.name}`];
  return [...named, ...handler.listen];
}

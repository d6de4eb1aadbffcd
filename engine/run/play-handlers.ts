// A play's handlers: its own, then those of the roles include_role brought in, each with that role's variables.
import { formatLoc } from '../core/location.js';
import type { LoadedRole } from '../playbook/index.js';
import type { Handler, Play, RoleLayers, Vars } from '../playbook/model.js';
import { render } from '../template/index.js';
import { pyStr } from '../template/values.js';
import { buildTaskVars } from '../vars/index.js';
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
  /** each handler's name as rendered (undefined: it could not be), rendered once, as Ansible caches it */
  readonly #names = new Map<Handler, string | undefined>();

  /**
   * `named`: the play's variables without a host's and the extra vars (Ansible renders a handler's name with the
   * variable manager given no host); `warn` says when a handler's name cannot be rendered.
   */
  constructor(
    play: Play,
    private readonly named: { readonly play: Vars; readonly extra: Vars | undefined },
    private readonly warn: (msg: string) => void,
  ) {
    this.#handlers = [...play.handlers];
  }

  /** Whether a notify of this name reaches a handler (Ansible stops the run when a changed task notifies none). */
  knows(name: string): boolean {
    return this.#handlers.some((h) => this.#topics(h).includes(name));
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
      const topics = this.#topics(handler);
      const notified = hosts.filter((h) => eligible(h) && topics.some((t) => h.notified.has(t)));
      if (notified.length > 0) yield { handler, hosts: notified, roleLayers: this.#roles.get(handler) };
    }
  }

  /** What a notify may name to reach a handler: its name, `role : name` for a role's, and its listen topics. */
  #topics(handler: Handler): string[] {
    // the handler's listen holds its name as written: a templated one is reached by its rendered name only
    const listen = handler.listen.filter((t) => t !== handler.name);
    const name = this.#nameOf(handler);
    const named = name === undefined ? [] : handler.role === undefined ? [name] : [name, `${handler.role} : ${name}`];
    return [...named, ...listen];
  }

  #nameOf(handler: Handler): string | undefined {
    const written = handler.name;
    if (written === undefined || !/\{\{|\{%/.test(written)) return written;
    if (this.#names.has(handler)) return this.#names.get(handler);
    const layers = this.#roles.get(handler);
    // play, role and handler variables, the extra vars above them: no host's (inventory, facts, set_fact)
    const vars = buildTaskVars({
      roleDefaults: [layers?.defaults ?? {}],
      play: this.named.play,
      roleVars: [layers?.vars ?? {}],
      task: handler.vars,
      roleParams: handler.roleParams === undefined ? [] : [handler.roleParams],
      extra: this.named.extra,
    });
    let name: string | undefined;
    try {
      const rendered = render(written, vars, { loc: handler.loc, task: written });
      name = typeof rendered === 'string' ? rendered : pyStr(rendered);
    } catch (err) {
      // Ansible skips the handler by name and warns when nothing else (a listen topic) can reach it
      if (handler.listen.every((t) => t === written)) {
        const why = err instanceof Error ? err.message : String(err);
        this.warn(`Handler '${written}' is unusable because it has no listen topics and the name could not be templated (host-specific variables are not supported in handler names). The error: ${why}`);
      }
    }
    this.#names.set(handler, name);
    return name;
  }
}

// The "Gathering Facts" task: facts in one round trip per host, cached for the run.
import { KplayError, errorMessage } from '../core/errors.js';
import type { HostResult } from '../core/events.js';
import { factsToVars, gatherParsedFacts } from '../facts/index.js';
import { markUnsafe } from '../template/index.js';
import type { Vars } from '../playbook/model.js';
import type { ConnectionKeywords } from './connections.js';
import type { RunContext } from './context.js';
import type { HostRun } from './host.js';

/** `connectionVars`: the host's, as the play's variables rank them (connection-vars.ts); a template error fails the host. */
export async function gatherFactsTask(run: RunContext, host: HostRun, connectionVars: () => Vars, keywords?: ConnectionKeywords): Promise<Omit<HostResult, 'task'>> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    await ensureFacts(run, host, connectionVars(), keywords);
    return { host: host.name, status: 'ok', durationMs: took() };
  } catch (err) {
    if (err instanceof KplayError && (err.code === 'unreachable' || err.code === 'host_key')) {
      host.unreachable = true;
      return { host: host.name, status: 'unreachable', msg: err.describe(), durationMs: took() };
    }
    host.failed = true;
    return { host: host.name, status: 'failed', msg: `could not gather facts: ${errorMessage(err)}`, durationMs: took() };
  }
}

/** Gatherings under way: many hosts delegating to one host wait for one gathering of its facts. */
const gathering = new WeakMap<HostRun, Promise<void>>();

/** Facts once per host per run; host data is marked unsafe so it is never rendered as a template. */
export function ensureFacts(run: RunContext, host: HostRun, connectionVars: Vars, keywords?: ConnectionKeywords): Promise<void> {
  if (host.facts) return Promise.resolve();
  let pending = gathering.get(host);
  if (pending === undefined) {
    pending = (async () => {
      const transport = await run.connect(host, connectionVars, keywords);
      const parsed = await gatherParsedFacts(transport);
      host.facts = parsed.facts;
      host.factVars = markUnsafe<Record<string, unknown>>(factsToVars(parsed.facts, parsed.extra));
    })();
    gathering.set(host, pending);
    // a failed gathering is tried again by the next task that needs the facts
    const started = pending;
    pending.catch(() => {
      if (gathering.get(host) === started) gathering.delete(host);
    });
  }
  return pending;
}

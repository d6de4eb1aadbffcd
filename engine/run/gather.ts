// The "Gathering Facts" task: facts in one round trip per host, cached for the run.
import { KplayError, errorMessage } from '../core/errors.js';
import type { HostResult } from '../core/events.js';
import { gatherParsedFacts, mergeFactVars, prefixFacts, resolveSubsets, type Collector } from '../facts/index.js';
import { markUnsafe } from '../template/index.js';
import type { Play, Vars } from '../playbook/model.js';
import type { ConnectionKeywords } from './connections.js';
import type { RunContext } from './context.js';
import type { HostRun } from './host.js';

/** How a play gathers: its gather_subset, gather_timeout and fact_path keywords. */
export type GatherKeywords = Pick<Play, 'gatherSubset' | 'gatherTimeout' | 'factPath'>;

interface GatherPlan {
  readonly collectors?: ReadonlySet<Collector> | undefined;
  readonly factPath?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** what was gathered, to gather again when a later play asks for something else */
  readonly key: string;
}

function planOf(g: GatherKeywords | undefined): GatherPlan {
  const subsets = g?.gatherSubset ?? [];
  const resolved = resolveSubsets(subsets);
  if (!resolved.ok) throw new KplayError('input', resolved.msg);
  const timeoutMs = g?.gatherTimeout !== undefined ? Math.max(1, g.gatherTimeout) * 1000 : undefined;
  return { collectors: resolved.collectors, factPath: g?.factPath, timeoutMs, key: JSON.stringify([[...resolved.collectors].sort(), g?.factPath ?? '']) };
}

/** `connectionVars`: the host's, as the play's variables rank them (connection-vars.ts); a template error fails the host. */
export async function gatherFactsTask(run: RunContext, host: HostRun, connectionVars: () => Vars, keywords?: ConnectionKeywords, gather?: GatherKeywords): Promise<Omit<HostResult, 'task'>> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    await ensureFacts(run, host, connectionVars(), keywords, gather);
    // as Ansible's gather_facts action (_ansible_verbose_override): `ok: [host]` alone, even with -v
    return { host: host.name, status: 'ok', durationMs: took(), verboseNever: true };
  } catch (err) {
    if (err instanceof KplayError && (err.code === 'unreachable' || err.code === 'host_key')) {
      host.unreachable = true;
      return { host: host.name, status: 'unreachable', msg: err.describe(), durationMs: took() };
    }
    host.failed = true;
    const msg = err instanceof KplayError && err.code === 'input' ? err.message : `could not gather facts: ${errorMessage(err)}`;
    return { host: host.name, status: 'failed', msg, durationMs: took() };
  }
}

/** Gatherings under way: many hosts delegating to one host wait for one gathering of its facts. */
const gathering = new WeakMap<HostRun, Promise<void>>();
/** What each host's facts were gathered with. */
const gatheredWith = new WeakMap<HostRun, string>();

/**
 * Facts once per host per run (again when a play's gather_subset or fact_path asks for other facts); host data is
 * marked unsafe so it is never rendered as a template.
 */
export function ensureFacts(run: RunContext, host: HostRun, connectionVars: Vars, keywords?: ConnectionKeywords, gather?: GatherKeywords): Promise<void> {
  const plan = planOf(gather);
  const asked = gather !== undefined && (gather.gatherSubset !== undefined || gather.factPath !== undefined);
  if (host.facts && (!asked || gatheredWith.get(host) === plan.key)) return Promise.resolve();
  let pending = gathering.get(host);
  if (pending === undefined) {
    pending = (async () => {
      const transport = await run.connect(host, connectionVars, keywords);
      const parsed = await gatherParsedFacts(transport, { collectors: plan.collectors, factPath: plan.factPath, timeoutMs: plan.timeoutMs });
      host.facts = parsed.facts;
      // a later gathering adds to what the host had, as Ansible's fact cache
      host.factVars = markUnsafe<Record<string, unknown>>(mergeFactVars(host.factVars, prefixFacts(parsed.ansible)));
      gatheredWith.set(host, plan.key);
    })();
    gathering.set(host, pending);
    const started = pending;
    // a failed gathering is tried again by the next task that needs the facts; a finished one makes room for the next
    pending.then(
      () => gathering.get(host) === started && gathering.delete(host),
      () => gathering.get(host) === started && gathering.delete(host),
    );
  }
  return pending;
}

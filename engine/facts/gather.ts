// Gathering a host's facts: the script in one exec, then the pure parser.
import type { HostFacts } from '../core/facts.js';
import { KplayError } from '../core/errors.js';
import type { ExecOptions, Transport } from '../transport/transport.js';
import { ALL_COLLECTORS, parseFactsOutput, type ParsedFacts } from './collect.js';
import { factsScript, SECTION } from './script.js';
import type { Collector } from './subsets.js';

export interface GatherOptions extends Pick<ExecOptions, 'become' | 'timeoutMs'> {
  readonly collectors?: ReadonlySet<Collector> | undefined;
  /** Ansible's fact_path: where local facts (*.fact) are read */
  readonly factPath?: string | undefined;
}

/** Facts in Ansible's shape (ansible_facts) and the typed HostFacts, from one exec. */
export async function gatherParsedFacts(transport: Transport, options: GatherOptions = {}): Promise<ParsedFacts> {
  const collectors = options.collectors ?? ALL_COLLECTORS;
  const r = await transport.exec(factsScript(collectors, { factPath: options.factPath }), { timeoutMs: options.timeoutMs ?? 60_000, become: options.become });
  if (!r.stdout.includes(`${SECTION}end`)) {
    throw new KplayError('command', `${transport.host}: gathering facts failed (exit ${r.code}): ${r.stderr.trim() || 'the facts script did not finish'}`);
  }
  return parseFactsOutput(r.stdout, collectors);
}

export async function gatherFacts(transport: Transport, options: GatherOptions = {}): Promise<HostFacts> {
  return (await gatherParsedFacts(transport, options)).facts;
}

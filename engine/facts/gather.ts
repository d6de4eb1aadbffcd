// Gathering a host's facts: the script in one exec, then the pure parser.
import type { HostFacts } from '../core/facts.js';
import { KplayError } from '../core/errors.js';
import type { ExecOptions, Transport } from '../transport/transport.js';
import { parseFactsOutput, type ParsedFacts } from './parse.js';
import { FACTS_SCRIPT, SECTION } from './script.js';

/** Facts and the extras ansible_facts also shows (release name, nodename, CPU model and count, uid). */
export async function gatherParsedFacts(transport: Transport, options: Pick<ExecOptions, 'become' | 'timeoutMs'> = {}): Promise<ParsedFacts> {
  const r = await transport.exec(FACTS_SCRIPT, { timeoutMs: 60_000, ...options });
  if (!r.stdout.includes(`${SECTION}end`)) {
    throw new KplayError('command', `${transport.host}: gathering facts failed (exit ${r.code}): ${r.stderr.trim() || 'the facts script did not finish'}`);
  }
  return parseFactsOutput(r.stdout);
}

export async function gatherFacts(transport: Transport, options: Pick<ExecOptions, 'become' | 'timeoutMs'> = {}): Promise<HostFacts> {
  return (await gatherParsedFacts(transport, options)).facts;
}

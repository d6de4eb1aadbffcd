// Runs a playbook in this process and collects its events: for playbooks of controller-only modules (debug,
// set_fact, fail, includes) on `ansible_connection=local` hosts, which start no process and touch nothing.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HostResult, RunEvent } from '../../../../engine/core/events.js';
import { loadRun, startRun } from '../../../../engine/run/playbook.js';
import type { RunOptions } from '../../../../engine/run/options.js';
import { parseExtraVars } from '../../../../engine/vars/index.js';

export interface InProcessRun {
  readonly code: number;
  readonly events: readonly RunEvent[];
}

/** A directory of files (path -> text) for the cases of one test file; `remove` when done. */
export function caseFiles(prefix: string): { write(files: Readonly<Record<string, string>>): string; remove(): void } {
  const base = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return {
    write(files) {
      const dir = join(base, String(n++));
      for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        writeFileSync(join(dir, rel), text);
      }
      return dir;
    },
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

export async function runInProcess(playbook: string, inventory: string, extra: readonly string[] = []): Promise<InProcessRun> {
  const options: RunOptions = {
    playbook,
    inventorySources: [inventory],
    extraVars: parseExtraVars(extra),
    limit: undefined,
    tags: [],
    skipTags: [],
    check: false,
    diff: false,
    forks: 5,
    verbosity: 0,
    user: undefined,
    privateKey: undefined,
    startAtTask: undefined,
    forceHandlers: false,
  };
  const events: RunEvent[] = [];
  const code = await startRun(options, await loadRun(options), (e) => events.push(e)).done;
  return { code, events };
}

export type ResultEvent = { readonly event: 'host_result' } & HostResult;

/** the host_result events, optionally of one host */
export function results(events: readonly RunEvent[], host?: string): ResultEvent[] {
  return events.filter((e): e is ResultEvent => e.event === 'host_result' && (host === undefined || e.host === host));
}

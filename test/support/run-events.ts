// A run's events as data, for tests of what consumes them (the run store, reporters): N hosts × M tasks, each
// result's status chosen by the caller.
import type { HostResult, HostStatus, RecapCounts, RunEvent } from '../../engine/core/events.js';

export interface SyntheticRun {
  readonly playbook?: string;
  readonly hosts: number;
  readonly tasks: number;
  /** the status of task t on host h (default ok) */
  readonly status?: (host: number, task: number) => HostStatus;
  /** more fields of one result (a message, output, a diff) */
  readonly result?: (host: number, task: number) => Partial<HostResult>;
  readonly exitCode?: number;
  /** stop after this many tasks without a recap or run_end (a killed run) */
  readonly stopAfter?: number;
  readonly slice?: { readonly index: number; readonly count: number };
  /** host names (default h1..hN) */
  readonly hostName?: (host: number) => string;
}

export function syntheticRunEvents(run: SyntheticRun): RunEvent[] {
  const name = run.hostName ?? ((h: number) => `h${h + 1}`);
  const hosts = Array.from({ length: run.hosts }, (_, h) => name(h));
  const events: RunEvent[] = [{ event: 'run_start', playbook: run.playbook ?? 'site.yml', check: false, hosts, slice: run.slice }, { event: 'play_start', play: 'all', hosts }];
  const recap: Record<string, RecapCounts> = Object.fromEntries(hosts.map((h) => [h, { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }]));
  const down = new Set<string>();
  for (let t = 0; t < run.tasks; t++) {
    if (run.stopAfter !== undefined && t >= run.stopAfter) return events;
    const live = hosts.filter((h) => !down.has(h));
    events.push({ event: 'task_start', play: 'all', task: `task ${t + 1}`, loc: { file: 'site.yml', line: 3 + t * 2, col: 7 }, hosts: live });
    for (const host of live) {
      const status = run.status?.(hosts.indexOf(host), t) ?? 'ok';
      events.push({ event: 'host_result', host, task: `task ${t + 1}`, status, durationMs: 5 + t, ...run.result?.(hosts.indexOf(host), t) });
      const counts = recap[host];
      if (counts === undefined) continue;
      if (status === 'changed') {
        counts.ok++;
        counts.changed++;
      } else if (status === 'ok') counts.ok++;
      else counts[status]++;
      if (status === 'failed' || status === 'unreachable') down.add(host);
    }
    events.push({ event: 'task_end', task: `task ${t + 1}`, durationMs: 5 + t });
  }
  events.push({ event: 'recap', hosts: recap }, { event: 'run_end', exitCode: run.exitCode ?? (down.size > 0 ? 2 : 0), durationMs: 100 });
  return events;
}

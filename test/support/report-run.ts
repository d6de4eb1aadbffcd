// A StoredRun generated as data for the HTML report's tests and bench: N hosts × M tasks with a fixed mix of
// statuses (failed, changed, skipped, unreachable, ignored, rescued), a diff, a loop, and hostile text in names and output.
import type { RecapCounts } from '../../engine/core/events.js';
import type { StoredResult, StoredRun, StoredTask } from '../../engine/store/model.js';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const HOSTILE_SCRIPT = '</script><script>alert(2)</script>';

export interface ReportRunOptions {
  readonly hosts: number;
  readonly tasks: number;
}

/** The status of host h at task t: deterministic, so tests can compute the expected grid. */
export function expectedStatus(h: number, t: number, tasks: number): StoredResult['status'] | 'none' {
  if (h % 17 === 5 && t >= 2) return t === 2 ? 'unreachable' : 'none';
  if (h % 11 === 3 && t === tasks - 1) return 'failed';
  if ((h + t) % 7 === 0) return 'changed';
  if ((h * 3 + t) % 13 === 0) return 'skipped';
  return 'ok';
}

export const hostName = (h: number): string => (h === 1 ? `web-${HOSTILE}` : `node${String(h).padStart(3, '0')}.example`);

export function reportRun(opts: ReportRunOptions): StoredRun {
  const hosts = Array.from({ length: opts.hosts }, (_, h) => hostName(h));
  const tasks: StoredTask[] = Array.from({ length: opts.tasks }, (_, t) => ({
    seq: t + 1,
    play: 1,
    name: t === 0 ? `Gathering Facts` : t === 1 ? `print ${HOSTILE_SCRIPT}` : `task number ${t} configures the service`,
    handler: false,
    loc: `site.yml:${3 + t * 4}:7`,
    startMs: t * 1000,
    durationMs: 900,
  }));
  const results: StoredResult[] = [];
  const recap: Record<string, RecapCounts> = {};
  hosts.forEach((host, h) => {
    const counts: RecapCounts = { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
    tasks.forEach((task, t) => {
      const status = expectedStatus(h, t, opts.tasks);
      if (status === 'none') return;
      const base = { task: task.seq, host, status, changed: status === 'changed', ignored: false, rescued: false, startMs: t * 1000 + (h % 10) * 10, durationMs: 300 + ((h * 7 + t * 13) % 500) };
      if (status === 'failed') {
        results.push({ ...base, msg: `service ${h} failed to start: exit 3`, stderr: `Job for svc.service failed.\n${HOSTILE}` });
        counts.failed++;
      } else if (status === 'unreachable') {
        results.push({ ...base, msg: `Failed to connect to the host via ssh: ${host}: No route to host` });
        counts.unreachable++;
      } else if (status === 'changed') {
        results.push({ ...base, diff: { path: '/etc/app.conf', before: 'port=80\nname=a\n', after: 'port=8080\nname=a\n' } });
        counts.changed++;
      } else if (status === 'skipped') {
        results.push({ ...base, msg: 'Conditional result was False' });
        counts.skipped++;
      } else if (t === 1) {
        // the hostile task prints hostile output on every host, and host 2's is a loop of two items
        results.push({ ...base, msg: HOSTILE, stdout: `${HOSTILE}\n${HOSTILE_SCRIPT}`, item: h === 2 ? 'a' : undefined });
        if (h === 2) results.push({ ...base, item: 'b', msg: 'second item' });
        counts.ok++;
      } else {
        results.push(base);
        counts.ok++;
      }
    });
    recap[host] = counts;
  });
  // an ignored failure and a rescued one, on host 0
  if (opts.tasks > 3 && opts.hosts > 0) {
    const i = results.findIndex((r) => r.host === hosts[0] && r.task === 4);
    const r = results[i];
    if (r !== undefined) results[i] = { ...r, status: 'failed', changed: false, ignored: true, msg: 'ignored failure', diff: undefined };
    const j = results.findIndex((x) => x.host === hosts[0] && x.task === 3);
    const s = results[j];
    if (s !== undefined) results[j] = { ...s, status: 'failed', changed: false, rescued: true, msg: 'rescued failure', diff: undefined };
  }
  const failedHosts = Object.values(recap).filter((c) => c.failed > 0 || c.unreachable > 0).length;
  return {
    id: '01JREPORTTEST',
    playbook: `site-${HOSTILE}.yml`,
    status: failedHosts > 0 ? 'failed' : 'ok',
    exitCode: failedHosts > 0 ? 2 : 0,
    check: false,
    startedAt: Date.UTC(2026, 11, 5, 2, 0, 0),
    endedAt: Date.UTC(2026, 11, 5, 2, 0, 0) + opts.tasks * 1000,
    user: 'ops',
    commandLine: ['kplay', 'run', 'site.yml', '-e', 'token', '--limit', `${HOSTILE}`],
    playbookDigest: 'a'.repeat(64),
    inventoryDigest: 'b'.repeat(64),
    slices: { recorded: 2, count: 3 },
    sliceRecords: [
      { index: 1, status: 'ok', exitCode: 0, hosts: hosts.filter((_, h) => h % 2 === 0) },
      { index: 2, status: 'incomplete', hosts: [...hosts.filter((_, h) => h % 2 === 1), `gone-${HOSTILE}`] },
    ],
    hostCount: hosts.length,
    failedHosts,
    hosts,
    plays: [{ seq: 1, name: `deploy ${HOSTILE}` }],
    tasks,
    results,
    recap,
  };
}

/** The grid cell's expected status: expectedStatus, with host 0's rescued (task index 2) and ignored (3) failures. */
export function expectedCell(h: number, t: number, tasks: number): StoredResult['status'] | 'none' {
  if (h === 0 && tasks > 3 && (t === 2 || t === 3)) return 'failed';
  return expectedStatus(h, t, tasks);
}

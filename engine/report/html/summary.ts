// The server-rendered part of the HTML report: the run's summary and its PLAY RECAP table, every value escaped.
import type { RecapCounts } from '../../core/events.js';
import type { StoredRun } from '../../store/model.js';
import { escapeHtml } from './escape.js';

const RECAP_COLUMNS: readonly (keyof RecapCounts)[] = ['ok', 'changed', 'unreachable', 'failed', 'skipped', 'rescued', 'ignored'];

/** `2026-12-05 03:17:16 UTC` */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} UTC`;
}

/** `1h 02m 03.4s`, `2m 05.0s`, `0.8s` */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  const rest = (s - m * 60).toFixed(1).padStart(4, '0');
  if (m < 60) return `${m}m ${rest}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m ${rest}s`;
}

function row(label: string, value: string): string {
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

export function renderSummary(run: StoredRun): string {
  const rows = [
    row('Playbook', run.playbook),
    row('Status', run.exitCode === undefined ? run.status : `${run.status} (exit ${run.exitCode})`),
    row('Started', formatTime(run.startedAt)),
    row('Ended', run.endedAt === undefined ? '—' : formatTime(run.endedAt)),
    row('Duration', run.endedAt === undefined ? '—' : formatDuration(run.endedAt - run.startedAt)),
    row('User', run.user),
    row('Command line', run.commandLine.join(' ')),
    row('Check mode', run.check ? 'yes' : 'no'),
    row('Slices', run.slices === undefined ? '—' : `${run.slices.recorded} of ${run.slices.count} recorded`),
    row('Hosts', `${run.hostCount} (${run.failedHosts} failed)`),
    row('Run id', run.id),
  ];
  return `<table class="summary" id="summary"><tbody>${rows.join('')}</tbody></table>`;
}

export function renderRecap(run: StoredRun): string {
  const head = `<tr><th scope="col">host</th>${RECAP_COLUMNS.map((c) => `<th scope="col">${c}</th>`).join('')}</tr>`;
  const body = Object.entries(run.recap)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([host, counts]) => {
      const bad = counts.failed > 0 || counts.unreachable > 0;
      const cells = RECAP_COLUMNS.map((c) => `<td class="${counts[c] > 0 ? `n-${c}` : 'n-zero'}">${counts[c]}</td>`);
      return `<tr${bad ? ' class="bad"' : ''}><th scope="row">${escapeHtml(host)}</th>${cells.join('')}</tr>`;
    });
  return `<table class="recap" id="recap"><caption>PLAY RECAP</caption><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** A sliced run's slices: status, exit code, hosts, and the hosts that never reached the recap (their slice died). */
export function renderSlices(run: StoredRun): string {
  if (run.sliceRecords === undefined || run.sliceRecords.length === 0) return '';
  const count = run.slices?.count ?? '?';
  const head = ['slice', 'status', 'exit', 'hosts', 'not run'].map((c) => `<th scope="col">${c}</th>`).join('');
  const body = run.sliceRecords.map((s) => {
    const missing = s.hosts.filter((h) => run.recap[h] === undefined);
    const cells = [`${s.index}/${count}`, s.status, s.exitCode === undefined ? '—' : String(s.exitCode), String(s.hosts.length), missing.length === 0 ? '—' : missing.join(', ')];
    return `<tr${missing.length > 0 ? ' class="bad"' : ''}>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<table class="recap slices" id="slices"><caption>SLICES</caption><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

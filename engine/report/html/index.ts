// renderReport: a stored run as one self-contained HTML page (no network, works from file://): summary, recap,
// a host × task grid, a per-host timeline, result details and filters, drawn by an inline script from embedded JSON.
import { unifiedDiff } from '../diff.js';
import type { StoredRun } from '../../store/model.js';
import { CLIENT_SCRIPT } from './client.js';
import { escapeHtml, jsonForScript } from './escape.js';
import { STYLE } from './style.js';
import { renderRecap, renderSlices, renderSummary } from './summary.js';

export { escapeHtml, jsonForScript } from './escape.js';

/** Nothing may be fetched: only inline styles and scripts, and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const STATUSES = ['failed', 'unreachable', 'changed', 'ok', 'skipped', 'ignored', 'rescued'] as const;

/** Each result's diff as unified text, keyed by the result's index in run.results. */
export function resultDiffs(run: StoredRun): Record<number, string> {
  const out: Record<number, string> = {};
  run.results.forEach((r, i) => {
    if (r.diff === undefined) return;
    const lines = unifiedDiff(r.diff.before, r.diff.after, r.diff.path);
    if (lines.length > 0) out[i] = lines.join('\n');
  });
  return out;
}

export function renderReport(run: StoredRun): string {
  const title = `kplay report: ${run.playbook} (${run.status})`;
  const options = STATUSES.map((s) => `<option value="${s}">${s}</option>`).join('');
  const legend = ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'none']
    .map((s) => `<span class="s-${s}">${s}</span>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<details open><summary>Summary and PLAY RECAP</summary><div class="top">${renderSummary(run)}${renderRecap(run)}${renderSlices(run)}</div></details>
</header>
<div class="controls">
<div role="tablist" aria-label="views"><button type="button" role="tab" data-tab="grid" aria-selected="true">Grid</button> <button type="button" role="tab" data-tab="timeline" aria-selected="false" tabindex="-1">Timeline</button></div>
<label>status <select id="f-status"><option value="">any</option>${options}</select></label>
<label>host <input id="f-host" type="search" placeholder="substring" autocomplete="off"></label>
<label>task <input id="f-task" type="search" placeholder="substring" autocomplete="off"></label>
<span id="f-count"></span>
<span class="legend">${legend}<span class="s-none" style="background-image:repeating-linear-gradient(45deg,transparent 0 3px,rgba(0,0,0,.25) 3px 5px)">ignored</span></span>
</div>
<main>
<section class="panel" id="panel-grid" role="tabpanel"><div id="grid-wrap" tabindex="0" aria-label="host × task grid: arrow keys move, Escape closes the detail"><table id="grid" role="grid"></table></div></section>
<section class="panel" id="panel-timeline" role="tabpanel" hidden><div id="timeline"></div></section>
<aside id="detail" aria-live="polite"><button type="button" id="detail-close" aria-label="close">×</button><div id="detail-body"></div></aside>
</main>
<script type="application/json" id="run-data">${jsonForScript(run)}</script>
<script type="application/json" id="diff-data">${jsonForScript(resultDiffs(run))}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

// The HTML report page as text: hostile names and output escaped, the embedded JSON parses back to the run, CSP set,
// nothing fetched from anywhere (no http(s) URL, no src/href to load), the client script is valid JavaScript.
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, renderReport, REPORT_CSP, resultDiffs } from '../../../engine/report/html/index.js';
import { formatDuration } from '../../../engine/report/html/summary.js';
import { CLIENT_SCRIPT } from '../../../engine/report/html/client.js';
import { HOSTILE, HOSTILE_SCRIPT, reportRun } from '../../support/report-run.js';

const run = reportRun({ hosts: 20, tasks: 6 });
const page = renderReport(run);

/** The text of the <script type="application/json" id=ID> element. */
function scriptText(html: string, id: string): string {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</script>', start);
  return html.slice(start + open.length, end);
}

describe('renderReport', () => {
  it('embeds the run as JSON that parses back to the same run', () => {
    expect(JSON.parse(scriptText(page, 'run-data'))).toEqual(run);
  });

  it('embeds each result diff as unified text keyed by result index', () => {
    const diffs = JSON.parse(scriptText(page, 'diff-data')) as Record<string, string>;
    expect(diffs).toEqual(JSON.parse(JSON.stringify(resultDiffs(run))));
    const first = Object.values(diffs)[0];
    expect(first).toContain('--- before: /etc/app.conf');
    expect(first).toContain('-port=80');
    expect(first).toContain('+port=8080');
  });

  it('never lets data open a tag: no hostile text appears raw anywhere in the page', () => {
    expect(page).not.toContain(HOSTILE);
    expect(page).not.toContain('<img');
    expect(page).not.toContain(HOSTILE_SCRIPT);
    // exactly the page's own three scripts open and close
    expect(page.match(/<script\b/g)).toHaveLength(3);
    expect(page.match(/<\/script>/gi)).toHaveLength(3);
    // the summary shows hostile values as entities
    expect(page).toContain(escapeHtml(`site-${HOSTILE}.yml`));
    expect(page).toContain(`&lt;img src=x onerror=alert(1)&gt;`);
  });

  it('sets the Content-Security-Policy that forbids every fetch', () => {
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:");
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`);
  });

  it('names no URL to load: no http(s) address, no src= or href= in the markup', () => {
    const markup = page.replace(/<script type="application\/json"[^>]*>[^<]*<\/script>/g, '');
    expect(page).not.toMatch(/https?:\/\//i);
    expect(markup).not.toMatch(/<[a-z][^>]*\s(src|href)\s*=/i);
    expect(page).not.toMatch(/@import|url\(/i);
  });

  it('renders the summary and the PLAY RECAP table', () => {
    expect(page).toContain('<caption>PLAY RECAP</caption>');
    for (const host of ['node000.example', 'node019.example']) expect(page).toContain(`<th scope="row">${host}</th>`);
    expect(page).toContain('<th scope="row">Slices</th><td>2 of 3 recorded</td>');
    expect(page).toContain('<caption>SLICES</caption>');
    // slice 2 died: its host that never reached the recap is named, escaped
    expect(page).toContain(`<tr class="bad"><td>2/3</td><td>incomplete</td><td>—</td><td>11</td><td>gone-${escapeHtml(HOSTILE)}</td></tr>`);
    expect(page).toContain('<th scope="row">User</th><td>ops</td>');
    expect(page).toContain('<th scope="row">Duration</th><td>6.0s</td>');
  });

  it('ships a client script that parses as JavaScript and builds no markup from strings', () => {
    expect(() => new Script(CLIENT_SCRIPT)).not.toThrow(); // compiled, not run
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});

describe('escaping helpers', () => {
  it.each([
    ['<b>&"\'', '&lt;b&gt;&amp;&quot;&#39;'],
    ['plain', 'plain'],
  ])('escapeHtml(%j)', (input, out) => {
    expect(escapeHtml(input)).toBe(out);
  });

  it.each(['</script><script>x</script>', '<!-- <script>', 'a\u2028b\u2029c', '&amp; >'])('jsonForScript keeps %j out of the markup and round-trips', (text) => {
    const json = jsonForScript({ text });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({ text });
  });

  it.each([
    [800, '0.8s'],
    [125_000, '2m 05.0s'],
    [3_723_400, '1h 02m 03.4s'],
  ])('formatDuration(%d) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

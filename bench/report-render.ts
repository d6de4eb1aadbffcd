// `npm run bench:report`: how long Debian's Chromium takes to render the HTML report of a 500 hosts × 50 tasks run,
// from navigation to the grid drawn (the page's ready mark), and to draw the timeline tab; medians against targets.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderReport } from '../engine/report/html/index.js';
import { reportRun } from '../test/support/report-run.js';
import { median } from './measure.js';

const ROUNDS = Number(process.argv[2] ?? '5');
const HOSTS = 500;
const TASKS = 50;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kplay-bench-report-'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const t0 = performance.now();
    const html = renderReport(reportRun({ hosts: HOSTS, tasks: TASKS }));
    const generate = performance.now() - t0;
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const load: number[] = [];
    const timeline: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const start = performance.now();
      await page.goto(url);
      await page.waitForSelector('body[data-ready=true]');
      // one frame painted after the grid is in the DOM
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => done()))');
      load.push(performance.now() - start);
      const tl = performance.now();
      await page.click('[data-tab=timeline]');
      await page.waitForSelector('.tl-row');
      timeline.push(performance.now() - tl);
      await page.close();
    }
    const row = (what: string, ms: readonly number[], target: number): string =>
      `${what.padEnd(48)} median ${median(ms).toFixed(1).padStart(7)} ms  target < ${target} ms  ${median(ms) < target ? 'met' : 'MISSED'}`;
    console.log(`HTML report, ${HOSTS} hosts x ${TASKS} tasks: ${(statSync(file).size / 1e6).toFixed(1)} MB, generated in ${generate.toFixed(0)} ms`);
    console.log(row('Chromium: open from file:// to grid drawn', load, 2000));
    console.log(row('Chromium: timeline tab drawn', timeline, 2000));
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

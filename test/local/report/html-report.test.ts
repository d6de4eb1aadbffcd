// The HTML report in a real browser: Debian's chromium (driven by playwright-core, started here) opens the page from
// file:// and we check the grid, the detail pane, hostile text shown as text, filters, the timeline, a screenshot,
// no console error, no dialog and no request but the file itself.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../../engine/report/html/index.js';
import { expectedCell, expectedStatus, HOSTILE, hostName, reportRun } from '../../support/report-run.js';

const HOSTS = 40;
const TASKS = 8;
const dir = mkdtempSync(join(tmpdir(), 'kplay-html-report-'));
let browser: Browser;

interface Watch {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/** Opens a report file in a fresh page, recording console errors, page errors, requests and dialogs. */
async function open(file: string): Promise<Watch> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const w: Watch = { page, errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready=true]');
  return w;
}

function writeReport(name: string, hosts: number, tasks: number): string {
  const file = join(dir, name);
  writeFileSync(file, renderReport(reportRun({ hosts, tasks })));
  return file;
}

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report in Chromium', () => {
  let w: Watch;
  let file: string;
  beforeAll(async () => {
    file = writeReport('small.html', HOSTS, TASKS);
    w = await open(file);
  });
  afterAll(async () => {
    await w.page.close();
  });

  it('draws hosts × tasks cells with each cell status class', async () => {
    const rows = await w.page.locator('#grid tbody tr').all();
    const classes = await Promise.all(
      rows.map((r) => r.locator('td.cell').evaluateAll((tds) => tds.map((td) => (/\bs-(\w+)/.exec((td as { className: string }).className) ?? [])[1]))),
    );
    expect(classes).toHaveLength(HOSTS);
    const expected = Array.from({ length: HOSTS }, (_, h) => Array.from({ length: TASKS }, (_, t) => expectedCell(h, t, TASKS)));
    expect(classes).toEqual(expected);
    // the statuses the generator promises are all there, and ignored / rescued are marked
    const flat = classes.flat();
    for (const s of ['ok', 'changed', 'failed', 'skipped', 'unreachable', 'none']) expect(flat).toContain(s);
    expect(await w.page.locator('#grid tbody tr').nth(0).locator('td.cell').nth(3).getAttribute('class')).toMatch(/\bign\b/);
    expect(await w.page.locator('#grid tbody tr').nth(0).locator('td.cell').nth(2).getAttribute('class')).toMatch(/\bres\b/);
    // column headers: one per task, the full name in the title
    expect(await w.page.locator('#grid thead th.task-h').count()).toBe(TASKS);
    expect(await w.page.locator('#grid thead th.task-h').nth(2).getAttribute('title')).toContain('task number 2 configures the service');
  });

  it('shows a failed cell message, stderr and the hostile text as text in the detail pane', async () => {
    // host 3 fails the last task
    await w.page.locator('#grid tbody tr').nth(3).locator('td.cell').nth(TASKS - 1).click();
    const detail = w.page.locator('#detail-body');
    await expect.poll(() => detail.textContent()).toContain('service 3 failed to start: exit 3');
    expect(await detail.locator('.result h4').first().textContent()).toBe('failed');
    expect(await detail.locator('pre.stderr').textContent()).toContain(HOSTILE);
    expect(await w.page.locator('#detail').getAttribute('class')).toContain('open');
  });

  it('renders hostile host names, task names and output as text: no element, no dialog', async () => {
    await w.page.locator('#grid tbody tr').nth(1).locator('td.cell').nth(1).click();
    expect(await w.page.locator('#detail-body pre.stdout').textContent()).toContain(HOSTILE);
    expect(await w.page.locator('#grid tbody tr').nth(1).locator('th').textContent()).toBe(hostName(1));
    expect(await w.page.locator('h1').textContent()).toContain(HOSTILE);
    expect(await w.page.locator('img').count()).toBe(0);
    expect(await w.page.locator('script').count()).toBe(3);
    expect(w.dialogs).toEqual([]);
  });

  it('shows a diff as unified text for a changed cell', async () => {
    // host 0, task 0 is changed ((0 + 0) % 7 === 0)
    await w.page.locator('#grid tbody tr').nth(0).locator('td.cell').nth(0).click();
    const diff = await w.page.locator('#detail-body pre.diff').textContent();
    expect(diff).toContain('--- before: /etc/app.conf');
    expect(diff).toContain('+port=8080');
    expect(await w.page.locator('#detail-body pre.diff .d-add').count()).toBeGreaterThan(0);
  });

  it('moves the selection with the arrow keys; Escape closes the detail pane', async () => {
    await w.page.locator('#grid tbody tr').nth(0).locator('td.cell').nth(0).click();
    await w.page.keyboard.press('ArrowDown');
    await w.page.keyboard.press('ArrowRight');
    const cur = w.page.locator('#grid td.cur');
    expect(await cur.count()).toBe(1);
    type Cell = { cellIndex: number; parentElement: { sectionRowIndex: number } };
    expect(await cur.evaluate((td) => [(td as unknown as Cell).parentElement.sectionRowIndex, (td as unknown as Cell).cellIndex])).toEqual([1, 2]);
    expect(await w.page.locator('#detail-body dd').first().textContent()).toBe(hostName(1));
    await w.page.keyboard.press('Escape');
    expect(await w.page.locator('#detail').getAttribute('class')).not.toContain('open');
    await w.page.keyboard.press('ArrowUp');
    expect(await w.page.locator('#detail').getAttribute('class')).toContain('open');
    expect(await w.page.locator('#detail-body dd').first().textContent()).toBe(hostName(0));
  });

  it('filters rows by status, host and task', async () => {
    const rows = w.page.locator('#grid tbody tr');
    await w.page.selectOption('#f-status', 'failed');
    // the failures the recap counts: host 0's ignored and rescued failures are not among them
    const failedHosts = Array.from({ length: HOSTS }, (_, h) => h).filter((h) =>
      Array.from({ length: TASKS }, (_, t) => expectedStatus(h, t, TASKS)).includes('failed'),
    );
    expect(failedHosts).not.toContain(0);
    expect(await rows.count()).toBe(failedHosts.length);
    expect(await w.page.locator('#grid tbody th').allTextContents()).toEqual(failedHosts.map(hostName));
    await w.page.selectOption('#f-status', 'ignored');
    expect(await w.page.locator('#grid tbody th').allTextContents()).toEqual([hostName(0)]);
    expect(await w.page.locator('#grid thead th.task-h').count()).toBe(1);
    await w.page.selectOption('#f-status', '');
    await w.page.fill('#f-host', 'node01');
    expect(await rows.count()).toBe(10);
    await w.page.fill('#f-host', '');
    await w.page.fill('#f-task', 'number 5');
    expect(await w.page.locator('#grid thead th.task-h').count()).toBe(1);
    expect(await rows.count()).toBe(HOSTS);
    await w.page.fill('#f-task', '');
    expect(await w.page.locator('#f-count').textContent()).toBe(`${HOSTS} of ${HOSTS} hosts, ${TASKS} of ${TASKS} tasks`);
  });

  it('filters the grid to a host clicked in the PLAY RECAP, and back', async () => {
    await w.page.locator('#recap tbody th', { hasText: 'node014.example' }).click();
    expect(await w.page.locator('#grid tbody th').allTextContents()).toEqual(['node014.example']);
    await w.page.locator('#recap tbody th', { hasText: 'node014.example' }).click();
    expect(await w.page.locator('#grid tbody tr').count()).toBe(HOSTS);
  });

  it('draws the timeline only when its tab opens', async () => {
    expect(await w.page.locator('.tl-bar').count()).toBe(0);
    await w.page.click('[data-tab=timeline]');
    expect(await w.page.locator('.tl-row').count()).toBe(HOSTS);
    const run = reportRun({ hosts: HOSTS, tasks: TASKS });
    expect(await w.page.locator('.tl-bar').count()).toBe(run.results.length);
    await w.page.locator('.tl-row').nth(3).locator('.tl-bar.s-failed').click();
    expect(await w.page.locator('#detail-body').textContent()).toContain('service 3 failed to start');
    await w.page.click('[data-tab=grid]');
    expect(await w.page.locator('#panel-grid').isVisible()).toBe(true);
  });

  it('takes a screenshot, with no console error and no request but the file itself', async () => {
    const png = join(dir, 'report.png');
    await w.page.screenshot({ path: png, fullPage: false });
    expect(statSync(png).size).toBeGreaterThan(1000);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(w.errors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.requests).toEqual([pathToFileURL(file).href]);
  });
});

describe('HTML report of a run still going, with no task yet', () => {
  it('loads without error: an empty grid, an empty timeline, no end time', async () => {
    const empty = { ...reportRun({ hosts: 0, tasks: 0 }), status: 'running' as const, exitCode: undefined, endedAt: undefined, slices: undefined, sliceRecords: undefined };
    const file = join(dir, 'empty.html');
    writeFileSync(file, renderReport(empty));
    const w = await open(file);
    try {
      expect(await w.page.locator('#grid td.cell').count()).toBe(0);
      expect(await w.page.locator('#f-count').textContent()).toBe('0 of 0 hosts, 0 of 0 tasks');
      await w.page.locator('#grid-wrap').press('ArrowDown');
      await w.page.click('[data-tab=timeline]');
      expect(await w.page.locator('.tl-row').count()).toBe(0);
      expect(await w.page.locator('#summary').textContent()).toContain('running');
      expect(w.errors).toEqual([]);
    } finally {
      await w.page.close();
    }
  });
});

describe('HTML report at 500 hosts × 50 tasks', () => {
  it('loads with every cell drawn, no error and no request but the file', async () => {
    const file = writeReport('large.html', 500, 50);
    const w = await open(file);
    try {
      expect(await w.page.locator('#grid tbody tr').count()).toBe(500);
      expect(await w.page.locator('#grid td.cell').count()).toBe(500 * 50);
      await w.page.selectOption('#f-status', 'unreachable');
      expect(await w.page.locator('#grid tbody tr').count()).toBe(Array.from({ length: 500 }, (_, h) => h).filter((h) => h % 17 === 5).length);
      expect(w.errors).toEqual([]);
      expect(w.requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await w.page.close();
    }
  });
});

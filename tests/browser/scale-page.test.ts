// The "How throughput scales with shards" page as built: its charts and tables are there, a figure in the
// table is the committed report's (which tests/scale checks against the model), text is at least 14 px at
// 1280×720 and the page does not scroll sideways on a 390×844 phone, axe finds nothing serious, and the
// app links to it.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { ready } from './lab';
import committed from '../../calibration/scale.json';
import type { ScaleReport } from '../../src/scale/types';

const skipReason = browserSkipReason();
const report = committed as ScaleReport;

/** The smallest rendered font size of any text on the page, in CSS px. */
async function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let least = Infinity;
    for (const el of document.querySelectorAll('body *')) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) continue;
      if (el.closest('.visually-hidden')) continue;
      least = Math.min(least, parseFloat(getComputedStyle(el).fontSize));
    }
    return least;
  });
}

async function opened(page: Page): Promise<void> {
  await page.locator('[data-testid="chart-elasticache"] svg[role="img"]').waitFor();
  await page.locator('[data-testid="table-memorydb"]').waitFor();
}

describe.skipIf(skipReason !== undefined)(`the scale page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('shows both charts and both tables, and the table has the report’s figures', async () => {
    const { page, problems, screenshot } = await browser.open('/scale.html');
    await opened(page);
    for (const id of ['chart-elasticache', 'chart-memorydb', 'latency-elasticache', 'latency-memorydb']) {
      const svg = page.locator(`[data-testid="${id}"] svg[role="img"]`);
      expect(await svg.getAttribute('aria-label'), id).toMatch(/levels off at|reaches/);
      const box = await svg.boundingBox();
      expect(box!.width, id).toBeGreaterThan(400);
    }
    // MemoryDB on 15 shards, the most load offered: acknowledged writes/s, as the report has it.
    const line = report.lines.find((l) => l.id === 'memorydb-15')!;
    const top = line.points[line.points.length - 1];
    const row = page.locator('[data-testid="table-memorydb"] tbody[data-line="memorydb-15"] tr').last();
    const cells = await row.locator('th, td').allTextContents();
    // The p99 is shown to 0.01 ms.
    expect(cells.map((c) => Number(c.replace(/,/g, '')))).toEqual([top.offered, top.acked, top.busiestShard, Math.round(top.p99Ms * 100) / 100]);
    const rows = await page.locator('[data-testid="table-elasticache"] tbody tr').count();
    const own = report.lines.filter((l) => l.preset === 'elasticache');
    expect(rows).toBe(own.reduce((a, l) => a + l.points.length + 1, 0));
    expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Logarithmic axes: the same lines, redrawn.
    await page.getByTestId('log-axes').check();
    await expect.poll(() => page.locator('[data-testid="chart-elasticache"] .xtick').first().textContent()).not.toBe('0');
    await screenshot('scale-1280');
    expect(problems).toEqual([]);
  });

  it('on a 390×844 phone the page does not scroll sideways and its text stays at least 14 px', async () => {
    const { page, problems, screenshot } = await browser.open('/scale.html');
    await page.setViewportSize({ width: 390, height: 844 });
    await opened(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const table = await page.locator('.table-box').first().evaluate((b) => ({ scroll: b.scrollWidth, client: b.clientWidth }));
    expect(table.scroll).toBeLessThanOrEqual(table.client);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
    await screenshot('scale-390');
    expect(problems).toEqual([]);
  });

  it('the app links to it', async () => {
    const { page } = await browser.open('/');
    await ready(page, 2);
    const link = page.getByTestId('scale-link');
    expect(await link.getAttribute('href')).toBe('scale.html');
  });
});

// The first page a visitor sees: the default scenario compared across presets in a real browser.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== undefined)(`default page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('shows that the cache loses acknowledged writes and MemoryDB does not', async () => {
    const { page, problems, screenshot } = await browser.open('/');

    await page.locator('[data-testid="comparison"], [role="alert"]').first().waitFor({ timeout: 60_000 });
    const alert = page.getByRole('alert');
    if (await alert.isVisible()) throw new Error(`The page shows an error: ${await alert.innerText()}`);
    await screenshot('default-page');

    expect(await lostWrites(page, 'elasticache')).toBeGreaterThan(0);
    expect(await lostWrites(page, 'memorydb')).toBe(0);

    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // At phone width the page itself must not scroll sideways; only the table's own region may.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('default-page-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

// Cells carry the raw count in data-value, so the test does not depend on number formatting.
async function lostWrites(page: Page, preset: string): Promise<number> {
  const cell = page.locator(`[data-testid^="lost-"][data-preset="${preset}"]`).first();
  const value = await cell.getAttribute('data-value', { timeout: 5_000 });
  if (value === null) throw new Error(`No lost-writes cell for preset ${preset}`);
  return Number(value);
}

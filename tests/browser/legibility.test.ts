// Legible from the back of a room: the smallest text in a pane's picture, as rendered, is at least 14 CSS
// px at 1280×720 and at least 24 px in presenter mode at 1920×1080; the outcome table shows every pane's
// column without scrolling sideways, with four panes at 1280 px and with two on a 390 px phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason, useBrowser } from './browser';
import { ready, settledAt } from './lab';

const skipReason = browserSkipReason();

/** The smallest rendered font size of any text in the panes' pictures, in CSS px. */
async function smallestText(page: Page): Promise<number> {
  return page.locator('svg[data-testid^="picture-"]').evaluateAll((svgs) => {
    let least = Infinity;
    for (const svg of svgs as SVGSVGElement[]) {
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('text')) {
        if (!t.textContent?.trim()) continue;
        least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
    }
    return least;
  });
}

async function tableFits(page: Page): Promise<{ scroll: number; client: number; columns: number }> {
  return page.getByTestId('comparison').evaluate((table) => {
    const box = table.parentElement!;
    return { scroll: box.scrollWidth, client: box.clientWidth, columns: table.querySelectorAll('thead th').length };
  });
}

describe.skipIf(skipReason !== undefined)(`legibility${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('at 1280×720 the smallest text in the pictures is at least 14 px', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=20500000');
    await ready(page, 2);
    await settledAt(page, 20_500_000);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
  });

  it('in presenter mode at 1920×1080 it is at least 24 px', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=20500000&present');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await ready(page, 2);
    await settledAt(page, 20_500_000);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(24);
  });

  it('the outcome table shows all four panes at 1280 px, and both on a phone, without scrolling sideways', async () => {
    const { page } = await browser.open('/?s=aof-fsync-power-loss&t=30000000');
    await ready(page, 4);
    await settledAt(page, 30_000_000);
    const four = await tableFits(page);
    expect(four.columns).toBe(5);
    expect(four.scroll).toBeLessThanOrEqual(four.client);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(14);
    const phone = await browser.open('/?s=primary-crash&t=30000000');
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await ready(phone.page, 2);
    await settledAt(phone.page, 30_000_000);
    const two = await tableFits(phone.page);
    expect(two.columns).toBe(3);
    expect(two.scroll).toBeLessThanOrEqual(two.client);
  });
});

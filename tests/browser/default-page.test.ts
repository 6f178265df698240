// The lab in a real browser: the default scenario plays in compare mode, a crash injected by selecting the
// primary fails over in every pane, only the cache-style pane loses acknowledged writes, and scrubbing
// back shows the state from before the crash.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== undefined)(`lab page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('fails over in every pane after the primary is crashed by hand, and scrubs back to before', async () => {
    const { page, problems, screenshot } = await browser.open('/');

    // The default scenario loads and plays in two panes.
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid^="pane-"]').count()).toBe(2);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 3e6, null, { timeout: 15_000 });
    await page.getByTestId('play').click();
    await screenshot('lab-start');

    // Select the primary in the first pane and crash it from the menu.
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-a1"]').click();
    await page.getByTestId('action-crash').click();
    const crashAt = await clock(page);
    await page.getByTestId('speed-slider').fill('30'); // 100×
    await page.getByTestId('play').click();
    await page.waitForFunction(
      () => {
        const panes = [...document.querySelectorAll('[data-testid^="pane-"]')];
        return panes.length === 2 && panes.every((p) => p.getAttribute('data-primary') !== 'a1');
      },
      null,
      { timeout: 30_000 },
    );
    await page.getByTestId('play').click();
    expect(await page.locator('[data-testid="timeline"] [data-kind="failover"]').count()).toBeGreaterThanOrEqual(2);

    // Summaries are refreshed at pause: the cache lost acknowledged writes, MemoryDB none.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid^="lost-"][data-preset="elasticache"]')?.getAttribute('data-value')) > 0, null, { timeout: 10_000 });
    expect(await lostWrites(page, 'memorydb')).toBe(0);
    await expect.poll(() => page.locator('[data-testid^="lost-panel-"][data-lost]').first().getAttribute('data-lost')).not.toBe('0');
    await screenshot('lab-after-failover');

    // Scrub back to before the crash: a1 is primary and serving again in every pane.
    await page.getByTestId('scrubber').fill(String(crashAt - 1_000_000));
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid^="pane-"]')].every((p) => p.getAttribute('data-primary') === 'a1'),
      null,
      { timeout: 10_000 },
    );
    for (const state of await page.locator('[data-testid="node-a1"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))) {
      expect(['serving', 'primary']).toContain(state);
    }
    await screenshot('lab-scrubbed-back');

    // Keyboard help opens with "?".
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // At phone width the page itself must not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('lab-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

async function clock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').getAttribute('data-t'));
}

// Cells carry the raw count in data-value, so the test does not depend on number formatting.
async function lostWrites(page: Page, preset: string): Promise<number> {
  const cell = page.locator(`[data-testid^="lost-"][data-preset="${preset}"]`).first();
  const value = await cell.getAttribute('data-value', { timeout: 5_000 });
  if (value === null) throw new Error(`No lost-writes cell for preset ${preset}`);
  return Number(value);
}

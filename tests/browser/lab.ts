// Reading the lab page from the browser tests: panes, clock, markers and the trace-hash debug element.
import type { Page } from 'playwright-core';

export interface TraceHashRun {
  presetId: string;
  seed: number;
  durationS: number;
  traceHash: string;
}

export async function ready(page: Page, panes: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="pane-"]').length === n, panes, { timeout: 30_000 });
}

export async function clock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').getAttribute('data-t'));
}

/** Waits until the clock shows tUs and the worker has nothing left to do (summaries included). */
export async function settledAt(page: Page, tUs: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const c = document.querySelector('[data-testid="clock"]');
      return Number(c?.getAttribute('data-t')) === t && c?.getAttribute('data-busy') === 'false';
    },
    tUs,
    { timeout },
  );
}

/** Times of the faults injected by hand, as the timeline draws them. */
export async function injectedMarkers(page: Page): Promise<number[]> {
  return page.locator('[data-testid="timeline"] [data-kind="injected"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-t'))));
}

/**
 * Each pane's trace hash, computed afresh by the page's worker; with `injected`, with the faults injected
 * by hand; with `live`, of the state the panes show now (durationS is then that instant).
 */
export async function traceHashes(page: Page, detail: { durationS?: number; injected?: boolean; live?: boolean } = {}): Promise<TraceHashRun[]> {
  await page.getByTestId('trace-hash').evaluate((el, d) => {
    el.setAttribute('data-trace-hash', '');
    el.dispatchEvent(new CustomEvent('trace-hash', { detail: d }));
  }, detail);
  const handle = await page.waitForFunction(() => document.querySelector('[data-testid="trace-hash"]')?.getAttribute('data-trace-hash') || null, null, { timeout: 60_000 });
  return JSON.parse((await handle.jsonValue()) as string) as TraceHashRun[];
}

/** Opens the fault menu of a node (or an AZ) in the first pane and picks an action. */
export async function injectByHand(page: Page, target: string, action: string): Promise<void> {
  await page.locator('[data-testid^="pane-"]').first().locator(`[data-testid="${target}"]`).click();
  await page.getByTestId(`action-${action}`).click();
}

/**
 * Pauses a playing lab and waits until the worker has answered the frame it was computing, so the clock
 * read next is where the lab rests (with pacing a quiet stretch moves ten times as far in one frame).
 */
export async function pauseAndSettle(page: Page): Promise<void> {
  await page.getByTestId('play').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 30_000 });
}

/**
 * Scrolls each embed (a `<durability-lab>` or an iframe, by CSS selector) into view in turn, so each loads
 * its simulation: an embed below the fold shows its first picture until the reader gets to it.
 */
export async function scrollEmbedsIntoView(page: Page, selectors: readonly string[]): Promise<void> {
  for (const selector of selectors) {
    await page.locator(selector).scrollIntoViewIfNeeded();
    // Two frames: the intersection observers run with the next rendering update.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

// → and Next ▶ go to the next event of any pane, even one not computed yet, and land on its instant; ← and
// ◀ Prev go back to the one before. From 20.5 s in the default scenario (paused, nothing computed past it)
// the clock lands on the first event Node's complete run logs after 20.5 s, and the event log then shows it
// as its newest line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { PaneRunner } from '../../src/ui/worker/pane-runner';
import { moveAll } from '../../src/ui/worker/move';
import { browserSkipReason, useBrowser } from './browser';
import { clock, ready } from './lab';

const skipReason = browserSkipReason();
const FILE = 'scenarios/primary-crash.yaml';

/** Every instant any pane logs an event at, from complete runs in Node. */
function eventTimes(): number[] {
  const panes = resolveRuns(parseScenario(readFileSync(FILE, 'utf8'), FILE)).map((s, i) => new PaneRunner(s, i, 250_000));
  moveAll(panes, panes[0].tm.endUs, () => {});
  return [...new Set(panes.flatMap((p) => p.observer.log.map((l) => l.tUs)))].sort((a, b) => a - b);
}

async function restingAt(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 30_000 });
  return clock(page);
}

async function newestLogTime(page: Page): Promise<number> {
  return Number(await page.getByTestId('event-log').locator('li').last().getAttribute('data-t'));
}

describe.skipIf(skipReason !== undefined)(`next and previous event${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();
  const times = eventTimes();

  it('→ from 20.5 s lands on the next event, which the event log then shows; ← goes back', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=20500000');
    await ready(page, 2);
    expect(await restingAt(page)).toBe(20_500_000);
    const next = times.find((t) => t > 20.5e6)!;
    const after = times.find((t) => t > next)!;
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => restingAt(page), { timeout: 30_000 }).toBe(next);
    expect(await newestLogTime(page)).toBe(next);
    await page.getByRole('button', { name: /^Next/ }).click();
    await expect.poll(() => restingAt(page), { timeout: 30_000 }).toBe(after);
    expect(await newestLogTime(page)).toBe(after);
    await page.locator('body').press('ArrowLeft');
    await expect.poll(() => restingAt(page), { timeout: 30_000 }).toBe(next);
    // Not a fixed second: the steps follow the events.
    expect(next).not.toBe(21_500_000);
  });

  it('pacing speeds through the quiet stretch, says so, and shows nothing it computed ahead', async () => {
    const { page } = await browser.open('/?s=primary-crash&t=5000000');
    await ready(page, 2);
    expect(await restingAt(page)).toBe(5_000_000);
    await page.getByTestId('play').click();
    await expect.poll(() => page.getByTestId('pace-note').textContent(), { timeout: 10_000 }).toContain('Sped up 10× until 19.7 s');
    // 15 s of quiet simulated time pass in about 1.5 s of wall time, then the crash plays at 1×.
    await expect.poll(() => page.getByTestId('pace-note').textContent(), { timeout: 10_000 }).toContain('Slowed down near the event at 20.0 s');
    await page.getByTestId('play').click();
    const t = await restingAt(page);
    expect(t).toBeGreaterThan(19.6e6);
    expect(t).toBeLessThan(21.6e6);
    // The look-ahead has computed the failover at about 30 s; neither the timeline nor the log shows it yet.
    const marks = await page.locator('[data-testid="timeline-markers"] button').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-t'))));
    expect(marks.every((m) => m <= t)).toBe(true);
    expect(await newestLogTime(page)).toBeLessThanOrEqual(t);
  });
});

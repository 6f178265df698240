// Long computations and failing workers never cost the user the run on screen: a seek far into a heavy
// run shows a progress bar with Cancel, and Cancel brings back the clock from before; a heavy link's
// restore can be cancelled too; a worker that dies (an uncaught error, or a silent end) is reported in an
// alert and the previous run comes back: same scenario, same faults, same clock, same trace.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { encodeShareState } from '../../src/share/url';
import { completeRun } from '../../src/ui/worker/complete-run';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { clock, injectedMarkers, ready, settledAt, traceHashes } from './lab';

const skipReason = browserSkipReason();
const PRIMARY_CRASH = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');
/** Within every limit (exactly 5,000,000 operations), and far too heavy to compute in a blink. */
const HEAVY = PRIMARY_CRASH.replace('title: Primary crash under load', 'title: Heavy writes')
  .replace('durationS: 60', 'durationS: 50')
  .replace('writesPerSec: 1000', 'writesPerSec: 100000')
  .replace('readsPerSec: 500', 'readsPerSec: 0')
  .replace('  - memorydb\n', '')
  .replace(/\nexpect:[\s\S]*$/, '\n');

async function progressShown(page: Page): Promise<void> {
  const bar = page.getByTestId('progress-bar');
  await bar.waitFor({ timeout: 30_000 });
  await expect.poll(() => bar.getAttribute('aria-valuenow').then(Number), { timeout: 30_000 }).toBeGreaterThan(0);
}

describe.skipIf(skipReason !== undefined)(`long computations and failing workers${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('a seek to the end of a heavy run shows its progress, and Cancel brings back the previous clock', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await ready(page, 2);
    await page.getByTestId('play').click(); // pause
    await page.getByTestId('import-input').setInputFiles({ name: 'heavy.yaml', mimeType: 'application/yaml', buffer: Buffer.from(HEAVY) });
    await ready(page, 1);
    await expect.poll(() => page.locator('.intro').textContent()).toContain('Heavy writes');
    await page.getByTestId('scrubber').fill('500000');
    await settledAt(page, 500_000);

    await page.getByTestId('scrubber').fill('50000000');
    await progressShown(page);
    expect(await page.getByTestId('progress').textContent()).toContain('Computing the run up to 50.0 s');
    expect(await page.getByTestId('progress-status').textContent()).toContain('Computing the run up to 50.0 s');
    const bar = page.getByTestId('progress-bar');
    expect(await bar.getAttribute('role')).toBe('progressbar');
    expect(await bar.getAttribute('aria-labelledby')).toBeTruthy();
    await screenshot('progress-bar');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // From the keyboard: Cancel, and focus lands on the time slider.
    await page.getByTestId('progress-cancel').focus();
    await page.keyboard.press('Enter');
    await settledAt(page, 500_000);
    expect(await page.getByTestId('progress').count()).toBe(0);
    expect(await page.locator('.intro').textContent()).toContain('Heavy writes');
    expect(await page.locator('[data-testid^="pane-"]').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('scrubber');
    expect(await page.getByTestId('notice').count()).toBe(0); // a cancel is no failure
    expect(problems).toEqual([]);
  });

  it('a heavy link that would open far into its run can be cancelled: the run opens at its start', async () => {
    const params = await encodeShareState({ scenario: { text: HEAVY }, tUs: 50_000_000, injected: [] });
    const { page, problems } = await browser.open(`/?${params}`);
    await progressShown(page);
    await page.getByTestId('progress-cancel').click();
    await settledAt(page, 0);
    await ready(page, 1);
    expect(await page.getByTestId('status').textContent()).not.toContain('Preparing');
    expect(problems).toEqual([]);
  });

  it('a worker that dies is reported, and the previous run comes back with its faults and clock', async () => {
    const fault = { kind: 'crash', node: 'b1' } as const;
    const { page, problems, screenshot } = await browser.open(`/?s=primary-crash&t=12000000&f=${encodeURIComponent(JSON.stringify({ at: 5, ...fault }))}`);
    await ready(page, 2);
    await settledAt(page, 12_000_000);
    const scenario = parseScenario(PRIMARY_CRASH, 'primary-crash.yaml');
    const expected = resolveRuns(scenario).map((spec) => completeRun(spec, [{ t: 5_000_000, fault }]).sim.traceHash());

    for (const [i, mode] of (['close', 'throw'] as const).entries()) {
      await page.getByTestId('worker-failure').evaluate((el, m) => el.dispatchEvent(new CustomEvent('worker-fail', { detail: { mode: m } })), mode);
      const notice = page.getByTestId('notice');
      await expect.poll(() => notice.count(), { timeout: 20_000 }).toBe(i + 1);
      expect(await notice.nth(i).getAttribute('role')).toBe('alert');
      expect(await notice.nth(i).textContent()).toMatch(/The simulation stopped; the last run that worked is back.*Restored: Primary crash under load at 12\.000 s with the fault you injected/s);
      await settledAt(page, 12_000_000);
      await ready(page, 2);
      expect(await injectedMarkers(page)).toEqual([5_000_000]);
      expect(await clock(page)).toBe(12_000_000);
      expect((await traceHashes(page, { injected: true })).map((r) => r.traceHash)).toEqual(expected);
    }
    await screenshot('worker-failure');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

// Sharing and presenting in a real browser: a share link reopens the same view (clock, injected fault,
// lost writes), a bad link or a bad file is reported while the run stays, a good file opens (picked or
// dropped) and exports again, and presenter mode hides the chrome, blanks the screen and moves the clock
// from the keys a presenter remote sends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { clock, injectedMarkers, pauseAndSettle, ready, settledAt } from './lab';

const skipReason = browserSkipReason();
const PRIMARY_CRASH = readFileSync(new URL('../../scenarios/primary-crash.yaml', import.meta.url), 'utf8');

describe.skipIf(skipReason !== undefined)(`sharing and presenter mode${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('reopens a shared view at the same clock, with the same injected fault and the same lost writes', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await ready(page, 2);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 3e6, null, { timeout: 15_000 });
    await page.getByTestId('play').click(); // pause

    // Crash the replica b1 by hand: ElastiCache keeps serving, so its losses come from the scenario's own crash.
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-b1"]').click();
    await page.getByTestId('action-crash').click();
    const injectedAt = await clock(page);
    await page.getByTestId('scrubber').fill('35000000');
    await settledAt(page, 35_000_000);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid^="lost-"][data-preset="elasticache"]')?.getAttribute('data-value')) > 0, null, { timeout: 20_000 });
    const lost = await lostCounts(page);
    expect(lost.elasticache).toBeGreaterThan(0);
    expect(lost.memorydb).toBe(0);
    expect(await injectedMarkers(page)).toEqual([injectedAt]);

    // The address bar follows the resting view.
    await expect.poll(() => new URL(page.url()).searchParams.get('t'), { timeout: 10_000 }).toBe('35000000');

    await page.getByTestId('share-button').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(/[?&]s=primary-crash(&|$)/);
    expect(new URL(url).searchParams.getAll('f')).toEqual([JSON.stringify({ at: injectedAt / 1e6, kind: 'crash', node: 'b1' })]);
    await expect.poll(() => page.getByTestId('copy-state').textContent()).not.toBe('');
    await screenshot('share-panel');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const reopened = await browser.open(url);
    await ready(reopened.page, 2);
    await settledAt(reopened.page, 35_000_000);
    await expect.poll(() => lostCounts(reopened.page), { timeout: 20_000 }).toEqual(lost);
    expect(await injectedMarkers(reopened.page)).toEqual([injectedAt]);
    expect(await reopened.page.getByTestId('play').getAttribute('aria-label')).toBe('Play'); // opens paused where it was shared
    await reopened.screenshot('share-reopened');
    expect(reopened.problems).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reports a bad link by parameter and opens what was usable', async () => {
    const { page, problems, screenshot } = await browser.open('/?s=primary-crash&t=5000000&f=%7B%22at%22%3A2%2C%22kind%22%3A%22explode%22%7D');
    await ready(page, 2);
    await settledAt(page, 5_000_000);
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/URL parameter "f\[0\]": kind: found "explode"; expected/);
    expect(await injectedMarkers(page)).toEqual([]);
    await screenshot('share-bad-link');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('notice-dismiss').click();
    expect(await notice.count()).toBe(0);

    const unknown = await browser.open('/?s=no-such-scenario&t=5000000');
    await ready(unknown.page, 2);
    expect(await unknown.page.getByTestId('notice').textContent()).toMatch(/URL parameter "s": found "no-such-scenario"; expected one of the built-in scenarios/);
    expect(await unknown.page.locator('.intro').textContent()).toContain('Primary crash under load');
    expect(problems).toEqual([]);
    expect(unknown.problems).toEqual([]);
  });

  it('refuses a bad or oversized file with its located error, keeps the run, then imports, drops and exports good ones', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await ready(page, 2);
    await pauseAndSettle(page);
    const before = await clock(page);
    const input = page.getByTestId('import-input');

    await input.setInputFiles({ name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(PRIMARY_CRASH.replace('writesPerSec: 1000', 'writesPerSec: lots')) });
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/broken\.yaml:21:\d+: workload\.writesPerSec: found "lots"; expected a number/);
    await screenshot('import-bad-file');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The run on screen is untouched.
    expect(await clock(page)).toBe(before);
    expect(await page.locator('[data-testid^="pane-"]').count()).toBe(2);
    expect(await page.locator('.intro').textContent()).toContain('Primary crash under load');
    await page.getByTestId('notice-dismiss').click();

    await input.setInputFiles({ name: 'huge.yaml', mimeType: 'application/yaml', buffer: Buffer.from(PRIMARY_CRASH.replace('durationS: 60', 'durationS: 3600').replace('readsPerSec: 500', 'readsPerSec: 5000')) });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(/huge\.yaml:\d+:\d+: workload: found \(1000 writes\/s \+ 5000 reads\/s\) × 3600 s = 21600000 operations per preset; expected at most 5000000/);
    expect(await clock(page)).toBe(before);
    await page.getByTestId('notice-dismiss').click();

    // A good file with three presets opens paused at 0 s.
    const mine = PRIMARY_CRASH.replace('title: Primary crash under load', 'title: My crash').replace('  - memorydb\n', '  - memorydb\n  - redis-aof-always\n');
    await input.setInputFiles({ name: 'my-crash.yaml', mimeType: 'application/yaml', buffer: Buffer.from(mine) });
    await ready(page, 3);
    await expect.poll(() => page.locator('.intro').textContent()).toContain('My crash');
    expect(await page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe('My crash (your file)');
    expect(await notice.count()).toBe(0);

    // Export writes the file back with a fault injected by hand.
    await page.getByTestId('scrubber').fill('10000000');
    await settledAt(page, 10_000_000);
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-c1"]').click();
    await page.getByTestId('action-crash').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
    expect(download.suggestedFilename()).toBe('my-crash.yaml');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('title: My crash');
    expect(exported).toMatch(/- \{ at: 10, kind: crash, node: c1 \}/);

    // Dropping a file anywhere opens it too, with a visible hint while dragging.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      (window as unknown as { dropData: DataTransfer }).dropData = dt;
    }, PRIMARY_CRASH.replace('title: Primary crash under load', 'title: Dropped crash'));
    await page.getByTestId('drop-hint').waitFor();
    await screenshot('drop-hint');
    await page.evaluate(() => {
      const dt = (window as unknown as { dropData: DataTransfer }).dropData;
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => page.locator('.intro').textContent()).toContain('Dropped crash');
    expect(await page.getByTestId('drop-hint').count()).toBe(0);
    await ready(page, 2);
    expect(problems).toEqual([]);
  });

  it('presents: chrome hidden, large type, remote keys move the clock, B blanks and restores, Escape leaves', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await ready(page, 2);
    await page.getByTestId('play').click(); // pause
    await page.getByTestId('scrubber').fill('15000000');
    await settledAt(page, 15_000_000);
    const normalSize = await rootFontPx(page);

    await page.locator('h1').click();
    await page.keyboard.press('p');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
    expect(await rootFontPx(page)).toBeGreaterThan(normalSize * 1.3);
    expect(await page.getByTestId('event-log').count()).toBe(0);
    expect(await page.getByTestId('setup').count()).toBe(0);
    expect(await page.getByTestId('share-button').count()).toBe(0);
    expect(await page.getByTestId('timeline').isVisible()).toBe(true);
    expect(await page.getByTestId('comparison').isVisible()).toBe(true);
    expect(await page.getByTestId('present-button').getAttribute('aria-pressed')).toBe('true');
    await screenshot('presenter-mode');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Page Down moves to the next event (the crash at 20 s), Page Up back before it.
    await page.keyboard.press('PageDown');
    await expect.poll(() => clock(page)).toBeGreaterThan(15_000_000);
    const next = await clock(page);
    expect(next).toBeLessThanOrEqual(20_000_000);
    await page.keyboard.press('PageUp');
    await expect.poll(() => clock(page)).toBeLessThan(next);

    // B blanks; other keys do nothing meanwhile; B again brings the lab back, and so does Escape.
    const atBlank = await clock(page);
    await page.keyboard.press('b');
    await page.getByTestId('blank').waitFor();
    await screenshot('presenter-blank');
    await page.keyboard.press('PageDown');
    expect(await clock(page)).toBe(atBlank);
    await page.keyboard.press('b');
    await expect.poll(() => page.getByTestId('blank').count()).toBe(0);
    await page.keyboard.press('b');
    await page.getByTestId('blank').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('blank').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);

    // Space plays and pauses.
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');

    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);
    expect(await page.getByTestId('event-log').count()).toBe(1);
    expect(await rootFontPx(page)).toBe(normalSize);

    // ?present opens in presenter mode; full screen needs a gesture there, and the page says so instead of failing.
    const linked = await browser.open('/?s=primary-crash&present');
    await ready(linked.page, 2);
    expect(await linked.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
    await expect.poll(() => linked.page.getByTestId('presenter-status').textContent()).toContain('Presenter mode');
    await linked.page.getByTestId('present-button').click();
    expect(await linked.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);
    // Entered with a click, Space then plays or pauses instead of pressing the button again.
    await linked.page.getByTestId('present-button').click();
    const playingBefore = await linked.page.getByTestId('play').getAttribute('aria-label');
    await linked.page.keyboard.press(' ');
    await expect.poll(() => linked.page.getByTestId('play').getAttribute('aria-label')).not.toBe(playingBefore);
    expect(await linked.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
    expect(problems).toEqual([]);
    expect(linked.problems).toEqual([]);
  });
});

async function lostCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="row-lost"] td[data-preset]')].map((el) => [el.getAttribute('data-preset'), Number(el.getAttribute('data-value'))]),
    ),
  );
}

async function rootFontPx(page: Page): Promise<number> {
  return page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
}

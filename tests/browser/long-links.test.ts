// A view too large for a link (here a valid 106 KB imported file) never goes into the address bar, which
// servers would refuse on reload (HTTP 431, a blank page): the address stays short, the Share panel says
// the scenario is too large for a link and offers the exported file, and leaving the page asks first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { ready, settledAt } from './lab';
import { largeScenario } from '../support/large-scenario';

const skipReason = browserSkipReason();
const LARGE = largeScenario(106, 'Large file');

describe.skipIf(skipReason !== undefined)(`links too long for the address bar${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('a large imported file keeps the address short, and Share offers the export instead', async () => {
    const { page, problems, screenshot } = await browser.open('/?s=primary-crash&t=2000000');
    await ready(page, 2);
    await settledAt(page, 2_000_000);
    await page.getByTestId('import-input').setInputFiles({ name: 'large.yaml', mimeType: 'application/yaml', buffer: Buffer.from(LARGE) });
    await expect.poll(() => page.locator('.intro').textContent()).toContain('Large file');
    await ready(page, 2);
    await page.getByTestId('scrubber').fill('5000000');
    await settledAt(page, 5_000_000);

    // The address bar leaves the old view behind, and takes no link longer than 8,000 characters.
    await expect.poll(() => new URL(page.url()).searchParams.get('s'), { timeout: 10_000 }).toBeNull();
    expect(page.url().length).toBeLessThanOrEqual(8000);
    expect(new URL(page.url()).search).toBe('');

    await page.getByTestId('share-button').click();
    const warning = page.getByTestId('link-too-long');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/This scenario is too large for a link: its address would be [\d,]+ characters, and links stop at 8,000/);
    expect(await page.getByTestId('share-url').count()).toBe(0);
    expect(await page.getByTestId('copy-state').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-instead');
    await screenshot('share-too-long');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('title: Large file');

    // A reload asks first (the view cannot come back from the address), then opens a page, never a blank one.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    await ready(page, 2);
    expect(dialogs).toEqual(['beforeunload']);
    expect(await page.locator('.intro').textContent()).toContain('Primary crash under load');
    expect(problems).toEqual([]);
  });
});

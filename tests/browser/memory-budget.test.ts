// A file within every per-preset limit whose panes together would not fit in a tab (two presets at
// 100,000 writes + 100,000 reads per second for 25 s: once a tab that died after 76 s at 4.8 GB, and died
// again on every reload of its link) is refused before anything runs, with the numbers, as a link and as
// an imported file; the page keeps working on what it had.
import { describe, expect, it } from 'vitest';
import { deflateToBase64url } from '../../src/share/compress';
import { browserSkipReason, useBrowser } from './browser';
import { ready, settledAt } from './lab';

const skipReason = browserSkipReason();
const HEAVY = 'title: Too heavy\ndurationS: 25\npresets: [elasticache, memorydb]\nworkload: { writesPerSec: 100000, readsPerSec: 100000 }\n';
const REFUSAL = /found 2 presets × 5,050,000 operations \(× 125 bytes\) and 1,000 keys × 3 nodes, about 1,523 MB to run; expected at most 1,200 MB/;

describe.skipIf(skipReason !== undefined)(`the memory budget in the browser${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('refuses a link whose runs would not fit, names the numbers, and opens the default scenario', async () => {
    const { page, problems } = await browser.open(`/?z=${await deflateToBase64url(HEAVY)}`);
    await ready(page, 2);
    await expect.poll(() => page.getByTestId('notice-text').first().textContent()).toMatch(REFUSAL);
    expect(await page.locator('.intro').textContent()).toContain('Primary crash under load');
    expect(problems).toEqual([]);
  });

  it('refuses such a file on import and keeps the run on screen as it was', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=3000000');
    await ready(page, 2);
    await settledAt(page, 3_000_000);
    await page.getByTestId('import-input').setInputFiles({ name: 'heavy.yaml', mimeType: 'application/yaml', buffer: Buffer.from(HEAVY) });
    await expect.poll(() => page.locator('body').textContent()).toMatch(REFUSAL);
    expect(await page.locator('.intro').textContent()).toContain('Primary crash under load');
    expect(Number(await page.getByTestId('clock').getAttribute('data-t'))).toBe(3_000_000);
    expect(problems).toEqual([]);
  });
});

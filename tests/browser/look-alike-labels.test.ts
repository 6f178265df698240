// Preset labels that differ only by case or by what a slug drops (`A`, `a`, `a-2`) are different panes:
// the page keys panes and table columns by slugs that never collide, so all three are drawn and nothing
// is reported to the console.
import { describe, expect, it } from 'vitest';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

const LOOK_ALIKE = `title: Look-alike labels
durationS: 20
presets:
  - { preset: elasticache, label: A }
  - { preset: memorydb, label: a }
  - { preset: redis-wait, label: a-2 }
workload: { writesPerSec: 200, readsPerSec: 50 }
faults:
  - { at: 5, kind: crash, node: primary }
`;

describe.skipIf(skipReason !== undefined)(`look-alike preset labels${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('draws a pane and a table column for each of A, a and a-2', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await page.getByTestId('import-input').setInputFiles({ name: 'look-alike.yaml', mimeType: 'application/yaml', buffer: Buffer.from(LOOK_ALIKE) });
    await expect.poll(() => page.locator('.intro').textContent(), { timeout: 30_000 }).toContain('Look-alike labels');
    await page.locator('section[data-testid^="pane-"]').nth(2).waitFor({ timeout: 30_000 });

    const panes = page.locator('section[data-testid^="pane-"]');
    expect(await panes.evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.querySelector('h2')?.textContent]))).toEqual([
      ['pane-a', 'A'],
      ['pane-a-3', 'a'],
      ['pane-a-2', 'a-2'],
    ]);
    const columns = page.locator('th[data-testid^="column-"]');
    expect(await columns.evaluateAll((els) => els.map((e) => e.textContent))).toEqual(['A', 'a', 'a-2']);

    // The run plays on past the crash in every pane.
    await page.getByTestId('play').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 6e6, null, { timeout: 30_000 });
    await screenshot('look-alike-labels');
    expect(problems).toEqual([]);
  });
});

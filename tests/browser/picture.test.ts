// "Download picture" in a real browser: the SVG file of the panes at the current instant parses as SVG,
// carries the clock, the scenario and seed, and each pane's counts as the outcome table shows them; the
// PNG is an image of the same picture at twice its size.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, useBrowser } from './browser';
import { ready, settledAt } from './lab';

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== undefined)(`picture export${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('downloads the panes at 25 s as SVG and PNG with the clock, the counts and a caption', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=25000000&seed=7');
    await ready(page, 2);
    await settledAt(page, 25_000_000);
    const table = await page.locator('[data-testid^="acked-"], [data-testid^="lost-"]').evaluateAll((els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), Number(e.getAttribute('data-value'))])),
    );
    const atRisk = await page.locator('svg[data-testid^="picture-"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-at-risk'))));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-svg').click()]);
    expect(download.suggestedFilename()).toBe('primary-crash-under-load-25.000s.svg');
    const text = await readFile((await download.path())!, 'utf8');
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.localName,
        caption: doc.querySelector('.caption')?.textContent,
        panes: Array.from(doc.querySelectorAll('g.pane'), (g) => ({ acked: Number(g.getAttribute('data-acked')), lost: Number(g.getAttribute('data-lost')), atRisk: Number(g.getAttribute('data-at-risk')), counts: g.querySelector('.counts')?.textContent })),
        circles: doc.querySelectorAll('g.pane circle, g.pane rect').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.caption).toBe('seed 7 · clock 25.000 s / 60 s');
    expect(text).toContain('Durability Lab: Primary crash under load');
    const keys = Object.keys(table).filter((k) => k.startsWith('acked-')).map((k) => k.slice('acked-'.length));
    expect(parsed.panes.map(({ acked, lost, atRisk: r }) => ({ acked, lost, r }))).toEqual(keys.map((k, i) => ({ acked: table[`acked-${k}`], lost: table[`lost-${k}`], r: atRisk[i] })));
    for (const p of parsed.panes) expect(p.counts).toBe(`acknowledged ${p.acked.toLocaleString('en-US')} · lost ${p.lost.toLocaleString('en-US')} · at risk ${p.atRisk.toLocaleString('en-US')}`);
    expect(parsed.circles).toBeGreaterThan(10);
    // Styles are inlined: the file does not depend on the page's CSS.
    expect(text).not.toContain('class="svelte-');
    expect(text).toMatch(/style="fill:/);

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png').click()]);
    expect(png.suggestedFilename()).toBe('primary-crash-under-load-25.000s.png');
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const widthPx = bytes.readUInt32BE(16);
    expect(widthPx).toBe(2 * (16 * 2 + 640 * 2 + 16));
    expect(await page.getByTestId('share-status').textContent()).toContain('the panes at 25.000 s');
    expect(problems).toEqual([]);
  });
});

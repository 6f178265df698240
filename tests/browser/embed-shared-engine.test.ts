// Several <durability-lab> elements on one page share the engine: durability-lab-worker.js is downloaded
// once, and each element still runs a simulation of its own in a worker of its own.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { scrollEmbedsIntoView } from './lab';

const skipReason = browserSkipReason();

const LABS = [
  { id: 'one', attrs: 'presets="elasticache,memorydb" start="28" autoplay', panes: 2 },
  { id: 'two', attrs: 'scenario="az-isolation" presets="memorydb" autoplay', panes: 1 },
  { id: 'three', attrs: 'presets="elasticache" seed="7" autoplay', panes: 1 },
];

const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Three labs</title>
<script src="embed/durability-lab.js" defer></script></head><body><main><h1>Three labs</h1>
${LABS.map((l) => `<durability-lab id="${l.id}" label="Lab ${l.id}" ${l.attrs}></durability-lab>`).join('\n')}
</main></body></html>`;

describe.skipIf(skipReason !== undefined)(`the shared engine${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('downloads the engine once for three elements, each running its own simulation', async () => {
    const { page, problems } = await browser.open('/docs-example.html');
    // Away from the sample page first, so none of its own downloads (it runs labs too) is counted below.
    const origin = page.url();
    await page.goto('about:blank');
    await page.route('**/three-labs.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST }));
    const scripts: Array<{ url: string; bytes: Promise<number> }> = [];
    page.on('response', (response) => {
      if (!/\.js(\?|$)/.test(response.url())) return;
      scripts.push({ url: new URL(response.url()).pathname, bytes: response.request().sizes().then((s) => s.responseBodySize, () => 0) });
    });
    await page.goto(new URL('/three-labs.html', origin).href);
    // Each loads when the reader gets to it; the first to load fetches the engine for all.
    await scrollEmbedsIntoView(page, LABS.map((l) => `#${l.id}`));

    for (const lab of LABS) {
      await page.waitForFunction(
        ([id, n]) => document.getElementById(id as string)?.shadowRoot?.querySelectorAll('[data-testid^="pane-"]').length === n,
        [lab.id, lab.panes] as const,
        { timeout: 60_000 },
      );
    }
    // Every clock moves: three simulations at once.
    const clocks = () => clocksOf(page);
    const before = await clocks();
    await expect.poll(async () => (await clocks()).every((t, i) => t > before[i]), { timeout: 60_000 }).toBe(true);

    const engine = scripts.filter((s) => s.url === '/embed/durability-lab-worker.js');
    expect(engine).toHaveLength(1);
    expect(await engine[0].bytes).toBeGreaterThan(100_000);
    expect(scripts.filter((s) => s.url === '/embed/durability-lab.js')).toHaveLength(1);
    // One worker per element, all started from the one copy of the engine.
    expect(page.workers().filter((w) => w.url().startsWith('blob:'))).toHaveLength(3);
    expect(new Set(page.workers().map((w) => w.url())).size).toBe(1);

    // Pausing one leaves the others running: separate simulations.
    await page.evaluate(() => (document.getElementById('one')?.shadowRoot?.querySelector('[data-testid="play"][aria-label="Pause"]') as HTMLElement).click());
    await page.waitForFunction(() => document.getElementById('one')?.shadowRoot?.querySelector('[data-testid="play"]')?.getAttribute('aria-label') === 'Play');
    // A frame already on its way when the button was pressed may still move that clock once: wait until it rests.
    let last = (await clocks())[0];
    await expect
      .poll(async () => {
        await page.waitForTimeout(300);
        const now = (await clocks())[0];
        const still = now === last;
        last = now;
        return still;
      }, { timeout: 10_000 })
      .toBe(true);
    const paused = await clocks();
    await expect.poll(async () => (await clocks()).slice(1).every((t, i) => t > paused[i + 1]), { timeout: 60_000 }).toBe(true);
    expect((await clocks())[0]).toBe(paused[0]);

    // A fourth element added later starts at once from the copy already there.
    await page.evaluate(() => {
      const el = document.createElement('durability-lab');
      el.id = 'four';
      el.setAttribute('presets', 'memorydb');
      document.querySelector('main')!.append(el);
      el.scrollIntoView();
    });
    await page.waitForFunction(() => document.getElementById('four')?.shadowRoot?.querySelectorAll('[data-testid^="pane-"]').length === 1, null, { timeout: 60_000 });
    expect(scripts.filter((s) => s.url === '/embed/durability-lab-worker.js')).toHaveLength(1);
    expect(page.workers().filter((w) => w.url().startsWith('blob:'))).toHaveLength(4);

    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

async function clocksOf(page: Page): Promise<number[]> {
  return page.evaluate((ids) => ids.map((id) => Number(document.getElementById(id)?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t'))), LABS.map((l) => l.id));
}

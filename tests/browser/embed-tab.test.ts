// The Share panel's Embed tab in a real browser: with a lesson open at its second step and a fault
// injected by hand, the copied custom-element code and iframe code, pasted into blank pages of the same
// server, show the same run (the same trace hash, faults included), at the same instant, at the same
// lesson step, and report that step to the host page; the lesson panel fits the embed at 390 and 800 px.
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { injectByHand, ready, settledAt, traceHashes } from './lab';

const skipReason = browserSkipReason();
const LESSON = '02-async-lag-window';
/** Step 2 of the lesson pauses at 19.5 s. */
const STEP2_US = 19_500_000;

/** The clock rests (not playing, worker idle) exactly at tUs. */
async function restsAt(page: Page | Frame, tUs: number): Promise<void> {
  await page.waitForFunction(
    (t) => {
      const c = document.querySelector('[data-testid="clock"]');
      const play = document.querySelector('[data-testid="play"]');
      return Number(c?.getAttribute('data-t')) === t && c?.getAttribute('data-busy') === 'false' && play?.getAttribute('aria-label') === 'Play';
    },
    tUs,
    { timeout: 60_000 },
  );
}

/** A blank page on the preview server's origin holding `body` (the pasted code) and a log of the labs' events. */
function hostPage(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pasted embed</title></head><body><main>
<h1>Pasted embed</h1>
<script>
  window.labEvents = [];
  document.addEventListener('durability-lab:lesson-step', (e) => labEvents.push({ type: 'lesson-step', detail: e.detail }));
  addEventListener('message', (e) => { if (e.data && e.data.source === 'durability-lab') labEvents.push({ type: e.data.type, detail: e.data.detail }); });
</script>
${body}
</main></body></html>`;
}

describe.skipIf(skipReason !== undefined)(`the Embed tab${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('copies embed code that reproduces a lesson step with a fault injected by hand', async () => {
    const { page, problems, screenshot } = await browser.open(`/?lesson=${LESSON}`);
    const origin = new URL(page.url()).origin;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.getByTestId('speed-slider').fill('30'); // 100×
    await restsAt(page, 10_000_000);
    await page.getByTestId('lesson-next').click();
    await restsAt(page, STEP2_US);
    expect(await page.getByTestId('lesson-step-count').textContent()).toBe('Step 2 of 4');

    // A fault by hand, in the lesson's run: replica b1 crashes at 19.5 s.
    await page.locator('[data-testid^="pane-"]').first().locator('[data-testid="node-b1"]').click();
    await page.getByTestId('action-crash').click();
    await restsAt(page, STEP2_US);
    const appHashes = (await traceHashes(page, { injected: true })).map((r) => r.traceHash);

    // The Embed tab: keyboard-reachable, labelled, with both codes and the sample page.
    await page.getByTestId('embed-button').focus();
    await page.keyboard.press('Enter');
    const tab = page.getByRole('tab', { name: 'Embed' });
    await expect.poll(() => tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('share-tab-embed');
    const elementCode = page.getByLabel(/^Custom element/);
    await expect.poll(() => elementCode.inputValue(), { timeout: 10_000 }).toContain('<durability-lab');
    expect(await page.getByTestId('docs-example-link').getAttribute('href')).toBe('docs-example.html');
    await page.getByTestId('copy-element').click();
    await expect.poll(() => page.locator('#embed-element-copied').textContent()).not.toBe('');
    const copied = (await page.evaluate(() => navigator.clipboard.readText()).catch(() => '')) || (await elementCode.inputValue());
    expect(copied).toBe(await elementCode.inputValue());
    expect(copied).toContain(`lesson='${LESSON}' step='2'`);
    expect(copied).toContain(`start='19.5'`);
    expect(copied).toContain('&quot;kind&quot;:&quot;crash&quot;');
    const iframeCode = await page.getByLabel(/^Iframe/).inputValue();
    expect(iframeCode).toContain(`embed.html?lesson=${LESSON}&amp;step=2&amp;start=19.5&amp;faults=`);
    await screenshot('embed-tab-1280');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('embed-tab-390');
    const overflow = await page.getByTestId('embed-panel').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 720 });

    // The element code pasted into a blank page of the same server.
    await page.context().route(`${origin}/pasted-*.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPage(new URL(route.request().url()).pathname.includes('element') ? copied : iframeCode) }),
    );
    for (const width of [800, 390]) {
      const host = await browser.open('/pasted-element.html');
      await host.page.setViewportSize({ width, height: 900 });
      const lab = host.page.locator('durability-lab');
      await lab.locator('[data-testid="lesson-player"]').waitFor({ timeout: 60_000 });
      await host.page.waitForFunction(
        (t) => {
          const root = document.querySelector('durability-lab')?.shadowRoot;
          const c = root?.querySelector('[data-testid="clock"]');
          return Number(c?.getAttribute('data-t')) === t && c?.getAttribute('data-busy') === 'false' && root?.querySelector('[data-testid="lesson-clock-note"]')?.textContent?.includes('Paused at');
        },
        STEP2_US,
        { timeout: 60_000 },
      );
      expect(await lab.locator('[data-testid="lesson-step-count"]').textContent()).toBe('Step 2 of 4');
      const events = (await host.page.evaluate(() => (window as unknown as { labEvents: { type: string; detail: { lesson: string; step: number } }[] }).labEvents)).filter((e) => e.type === 'lesson-step');
      expect(events.at(-1)?.detail).toMatchObject({ lesson: LESSON, step: 2, steps: 4 });
      // Same run: the element's own worker gives the app's trace hashes, the injected fault included.
      const hashes = await host.page.evaluate(async () => {
        const el = document.querySelector('durability-lab')!.shadowRoot!.querySelector('[data-testid="trace-hash"]')!;
        el.dispatchEvent(new CustomEvent('trace-hash', { detail: { injected: true } }));
        for (let i = 0; i < 600 && !el.getAttribute('data-trace-hash'); i++) await new Promise((r) => setTimeout(r, 100));
        return (JSON.parse(el.getAttribute('data-trace-hash') ?? '[]') as { traceHash: string }[]).map((r) => r.traceHash);
      });
      expect(hashes).toEqual(appHashes);
      // The lesson panel stays in the element's box: nothing past its right edge, nothing fixed to the window.
      const fit = await lab.locator('[data-testid="lesson-player"]').evaluate((el) => {
        const box = el.getBoundingClientRect();
        const host = el.getRootNode() instanceof ShadowRoot ? ((el.getRootNode() as ShadowRoot).host as HTMLElement) : el.parentElement!;
        return { position: getComputedStyle(el).position, right: box.right, hostRight: host.getBoundingClientRect().right, overflow: el.scrollWidth - el.clientWidth };
      });
      expect(fit.position).not.toBe('fixed');
      expect(fit.right).toBeLessThanOrEqual(fit.hostRight + 0.5);
      expect(fit.overflow).toBeLessThanOrEqual(0);
      await host.screenshot(`embed-pasted-element-${width}`);
      expect(host.problems).toEqual([]);
      await host.page.close();
    }

    // The iframe code, the same way: the frame sizes itself with the lines that come with it.
    const host = await browser.open('/pasted-iframe.html');
    const frameEl = host.page.locator('iframe');
    await frameEl.waitFor();
    const frame = (await (await frameEl.elementHandle())!.contentFrame())!;
    await frame.locator('[data-testid="lesson-player"]').waitFor({ timeout: 60_000 });
    await restsAt(frame, STEP2_US);
    expect(await frame.locator('[data-testid="lesson-step-count"]').textContent()).toBe('Step 2 of 4');
    expect((await traceHashes(frame as unknown as Page, { injected: true })).map((r) => r.traceHash)).toEqual(appHashes);
    await expect.poll(() => frameEl.evaluate((f) => (f as HTMLIFrameElement).style.height), { timeout: 10_000 }).toMatch(/^\d+px$/);
    const posted = (await host.page.evaluate(() => (window as unknown as { labEvents: { type: string; detail: { step: number } }[] }).labEvents)).filter((e) => e.type === 'lesson-step');
    expect(posted.at(-1)?.detail.step).toBe(2);
    expect(host.problems).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('carries a removed scenario fault (the file whole) and a fault by hand, and switches tabs by keyboard', async () => {
    const { page, problems } = await browser.open('/?s=primary-crash&t=30000000&seed=7');
    const origin = new URL(page.url()).origin;
    await ready(page, 2);
    await settledAt(page, 30_000_000);
    await injectByHand(page, 'node-c1', 'crash');
    await settledAt(page, 30_000_000);
    await page.getByTestId('scenario-fault').first().click();
    await page.getByTestId('scenario-fault-remove').click();
    await expect.poll(() => page.getByTestId('scenario-fault').count(), { timeout: 10_000 }).toBe(0);
    await settledAt(page, 30_000_000);
    const appHashes = (await traceHashes(page, { injected: true })).map((r) => r.traceHash);

    // Share link, then → to the Embed tab and ← back, as a tab list does.
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-tab-link').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('share-tab-embed').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('share-tab-embed');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('share-tab-link').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('share-url').inputValue()).toContain('z=');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('embed-element-code').inputValue(), { timeout: 10_000 }).toContain('<durability-lab');
    // The arrows moved between the tabs, not the clock.
    expect(await page.getByTestId('clock').getAttribute('data-t')).toBe('30000000');
    const element = await page.getByTestId('embed-element-code').inputValue();
    const iframe = await page.getByTestId('embed-iframe-code').inputValue();
    // The edited file goes inline in the element and compressed in the iframe; the seed and clock with it.
    expect(element).toContain('<script type="text/yaml">');
    expect(/<durability-lab[^>]*>/.exec(element)![0]).toBe("<durability-lab start='30' seed='7' faults='[{&quot;at&quot;:30,&quot;kind&quot;:&quot;crash&quot;,&quot;node&quot;:&quot;c1&quot;}]'>");
    expect(iframe).toMatch(/embed\.html\?z=[\w-]+&amp;start=30&amp;seed=7&amp;faults=/);

    // The preview runs the iframe code in the panel.
    await page.getByTestId('embed-preview-button').click();
    const preview = (await (await page.getByTestId('embed-preview').elementHandle())!.contentFrame())!;
    await preview.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await settledAt(preview as unknown as Page, 30_000_000);

    await page.context().route(`${origin}/pasted2-*.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: hostPage(new URL(route.request().url()).pathname.includes('element') ? element : iframe) }),
    );
    const withElement = await browser.open('/pasted2-element.html');
    await withElement.page.waitForFunction(
      () => document.querySelector('durability-lab')?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t') === '30000000',
      null,
      { timeout: 60_000 },
    );
    const elementHashes = await withElement.page.evaluate(async () => {
      const el = document.querySelector('durability-lab')!.shadowRoot!.querySelector('[data-testid="trace-hash"]')!;
      el.dispatchEvent(new CustomEvent('trace-hash', { detail: { injected: true } }));
      for (let i = 0; i < 600 && !el.getAttribute('data-trace-hash'); i++) await new Promise((r) => setTimeout(r, 100));
      return (JSON.parse(el.getAttribute('data-trace-hash') ?? '[]') as { traceHash: string }[]).map((r) => r.traceHash);
    });
    expect(elementHashes).toEqual(appHashes);
    expect(withElement.problems).toEqual([]);

    const withFrame = await browser.open('/pasted2-iframe.html');
    const frame = (await (await withFrame.page.locator('iframe').elementHandle())!.contentFrame())!;
    await frame.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
    await settledAt(frame as unknown as Page, 30_000_000);
    expect((await traceHashes(frame as unknown as Page, { injected: true })).map((r) => r.traceHash)).toEqual(appHashes);
    expect(withFrame.problems).toEqual([]);
    expect(problems).toEqual([]);
  });
});

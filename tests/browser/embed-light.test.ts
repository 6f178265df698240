// A light first load: an embed below the fold (a <durability-lab> element, an iframe of embed.html) fetches
// at most 60 KB gzip of script and draws a static first picture of its start instant, with nothing loaded
// and nothing played, until the reader scrolls to it or presses its button; then it loads, runs, keeps
// its autoplay for that moment, and computes the same run (the same trace hash) as the model in Node.
// Once running, the element's scripts (element, simulation, engine) stay within 200 KB gzip.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/lesson/file';
import { resolveRuns } from '../../src/scenario/load';
import { simulateRun } from '../../src/sim/run';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();
const KB = 1024;
const FIRST_LOAD_MAX = 60 * KB;
const RUNNING_MAX = 200 * KB;
const SEED = 7;
const START_S = 28;
const PRESETS = ['elasticache', 'memorydb'];
const ATTRS = `scenario="primary-crash" presets="${PRESETS.join(',')}" start="${START_S}" seed="${SEED}"`;
const QUERY = `scenario=primary-crash&presets=${PRESETS.join(',')}&start=${START_S}&seed=${SEED}`;

const page = (title: string, head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title>${head}</head><body><main><h1>${title}</h1>` +
  `<p style="height: 150vh">A long introduction, taller than the window.</p>${body}</main></body></html>`;
const ELEMENT_PAGE = page('An element below the fold', '<script src="embed/durability-lab.js" defer></script>', `<durability-lab id="lab" ${ATTRS} autoplay label="Durability Lab below the fold"></durability-lab>`);
const FRAME_PAGE = page('An iframe below the fold', '', `<iframe id="frame" src="embed.html?${QUERY}&autoplay" title="Durability Lab below the fold" style="width: 100%; height: 900px; border: 0"></iframe>`);

/**
 * Every script the page fetches (its element, its modules, the engine the element fetches), by path. Each is
 * counted by the gzip of the file as served (fetched again here: the page's own fetch of the engine keeps its body).
 */
function watchScripts(page: Page): Set<string> {
  const scripts = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js') && url.protocol.startsWith('http')) scripts.add(url.href);
  });
  return scripts;
}

async function gzipSizes(scripts: Iterable<string>): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const href of scripts) sizes.set(new URL(href).pathname, gzipSync(Buffer.from(await (await fetch(href)).arrayBuffer()), { level: 9 }).length);
  return sizes;
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);
const list = (sizes: Map<string, number>) => [...sizes].map(([f, n]) => `${f} ${n}`).join(', ');
const frames = (page: Page, n = 2) => page.evaluate((k) => new Promise((resolve) => {
  let left = k;
  const tick = () => (--left <= 0 ? resolve(undefined) : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);

/** The trace hashes the loaded lab's worker reports for its panes' runs up to `durationS`. */
async function traceHashes(scope: Page | Frame, inShadow: boolean, durationS: number): Promise<Array<{ presetId: string; seed: number; traceHash: string }>> {
  await scope.evaluate(
    ([d, shadow]) => {
      const root = shadow ? document.getElementById('lab')!.shadowRoot! : document;
      const el = root.querySelector('[data-testid="trace-hash"]')!;
      el.setAttribute('data-trace-hash', '');
      el.dispatchEvent(new CustomEvent('trace-hash', { detail: { durationS: d } }));
    },
    [durationS, inShadow] as const,
  );
  const handle = await scope.waitForFunction(
    (shadow) => (shadow ? document.getElementById('lab')!.shadowRoot! : document).querySelector('[data-testid="trace-hash"]')?.getAttribute('data-trace-hash') || null,
    inShadow,
    { timeout: 60_000 },
  );
  return (JSON.parse((await handle.jsonValue()) as string) as Array<{ presetId: string; seed: number; traceHash: string }>).map(({ presetId, seed, traceHash }) => ({ presetId, seed, traceHash }));
}

/** The same runs computed in Node. */
function hashesInNode(durationS: number) {
  const file = 'scenarios/primary-crash.yaml';
  const scenario = parseScenario(readFileSync(file, 'utf8'), file);
  return resolveRuns(scenario, { seed: SEED, presets: PRESETS }).map((spec) => ({ presetId: spec.presetId, seed: spec.seed, traceHash: simulateRun({ ...spec, durationS }).traceHash }));
}

describe.skipIf(skipReason !== undefined)(`a light first load${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('an element below the fold loads at most 60 KB of script and plays nothing until it is scrolled to', async () => {
    const { page, problems } = await browser.open('/docs-example.html');
    // Away from the sample page first, so none of its own downloads is counted below.
    const origin = page.url();
    await page.goto('about:blank');
    await page.route('**/below-the-fold.html', (route) => route.fulfill({ contentType: 'text/html', body: ELEMENT_PAGE }));
    const scripts = watchScripts(page);
    await page.goto(new URL('/below-the-fold.html', origin).href);
    const lab = page.locator('#lab');
    await lab.locator('[data-testid="preview"]').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);

    // The first picture: the scenario's title, its two panes with their nodes, the clock at the start.
    expect(await lab.locator('[data-testid="preview-pane"]').count()).toBe(2);
    expect(await lab.locator('[data-testid="preview-clock"]').getAttribute('data-t')).toBe(String(START_S * 1e6));
    expect(await lab.locator('[data-testid="preview"]').textContent()).toContain('Primary crash under load');
    expect(await lab.locator('[data-testid="preview"] svg[role="img"]').first().getAttribute('aria-label')).toContain('a1 (AZ a)');
    // No number the model has not computed: the outcome table has its measures and no values.
    expect(await lab.locator('.dlp-table td').allTextContents()).toEqual(new Array(18).fill('…'));

    // Nothing else came: no simulation, no engine, no worker, no clock.
    const first = await gzipSizes(scripts);
    expect([...first.keys()]).toEqual(['/embed/durability-lab.js']);
    expect(total(first)).toBeLessThanOrEqual(FIRST_LOAD_MAX);
    expect(page.workers()).toHaveLength(0);
    expect(await lab.locator('[data-testid="clock"]').count()).toBe(0);

    // Scrolled to: it loads, replaces the picture in about the same height and plays from the start
    // instant on (autoplay).
    const height = () => page.evaluate(() => document.getElementById('lab')!.getBoundingClientRect().height);
    const before = await height();
    await lab.scrollIntoViewIfNeeded();
    await lab.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.getElementById('lab')!.shadowRoot!.querySelector('[data-testid="preview"]'));
    expect(Math.abs((await height()) - before) / before).toBeLessThan(0.05);
    await expect
      .poll(async () => Number(await lab.locator('[data-testid="clock"]').getAttribute('data-t')), { timeout: 60_000 })
      .toBeGreaterThan(START_S * 1e6);
    expect(page.workers()).toHaveLength(1);
    await page.waitForTimeout(3000);

    // The whole running embed: element, simulation and engine.
    const running = await gzipSizes(scripts);
    expect(running.get('/embed/durability-lab-worker.js')).toBeGreaterThan(100 * KB);
    expect(total(running), list(running)).toBeLessThanOrEqual(RUNNING_MAX);
    console.info(`running embed: ${total(running)} bytes gzip of ${RUNNING_MAX}`);

    // The same model: the run to 28 s has the trace hashes the engine computes in Node.
    expect(await traceHashes(page, true, START_S)).toEqual(hashesInNode(START_S));
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('autoplay waits for the element to be visible, and the button loads it from the keyboard', async () => {
    const { page, problems } = await browser.open('/docs-example.html');
    // Away from the sample page first, so none of its own downloads is counted below.
    const origin = page.url();
    await page.goto('about:blank');
    await page.route('**/below-the-fold.html', (route) => route.fulfill({ contentType: 'text/html', body: ELEMENT_PAGE }));
    await page.goto(new URL('/below-the-fold.html', origin).href);
    const lab = page.locator('#lab');
    await lab.locator('[data-testid="preview"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(3000);
    // Three seconds after load, out of view: still the first picture at 28 s, no clock running.
    expect(await lab.locator('[data-testid="preview-clock"]').getAttribute('data-t')).toBe(String(START_S * 1e6));
    expect(await lab.locator('[data-testid="clock"]').count()).toBe(0);
    expect(page.workers()).toHaveLength(0);

    // The picture is a named group, its button a real button: focused (without scrolling) and Enter loads the lab.
    const preview = lab.locator('[data-testid="preview"]');
    expect(await preview.getAttribute('role')).toBe('group');
    expect(await page.evaluate(() => {
      const root = document.getElementById('lab')!.shadowRoot!;
      const group = root.querySelector('[data-testid="preview"]')!;
      return root.getElementById(group.getAttribute('aria-labelledby')!)?.textContent;
    })).toBe('Primary crash under load');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.evaluate(() => (document.getElementById('lab')!.shadowRoot!.querySelector('[data-testid="preview-load"]') as HTMLButtonElement).focus({ preventScroll: true }));
    await page.keyboard.press('Enter');
    await lab.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => !document.getElementById('lab')!.shadowRoot!.querySelector('[data-testid="preview"]'));
    // Focus went on to the lab's own play button.
    expect(await page.evaluate(() => document.getElementById('lab')!.shadowRoot!.activeElement?.getAttribute('data-testid'))).toBe('play');
    expect(problems).toEqual([]);
  });

  it('an iframe of embed.html below the fold loads at most 60 KB of script until it is scrolled to', async () => {
    const { page, problems } = await browser.open('/docs-example.html');
    // Away from the sample page first, so none of its own downloads is counted below.
    const origin = page.url();
    await page.goto('about:blank');
    await page.route('**/frame-below-the-fold.html', (route) => route.fulfill({ contentType: 'text/html', body: FRAME_PAGE }));
    const scripts = watchScripts(page);
    await page.goto(new URL('/frame-below-the-fold.html', origin).href);
    const frame = (await (await page.$('#frame'))!.contentFrame())!;
    await frame.locator('[data-testid="preview"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(2000);

    expect(await frame.locator('[data-testid="preview-pane"]').count()).toBe(2);
    expect(await frame.locator('[data-testid="preview-clock"]').getAttribute('data-t')).toBe(String(START_S * 1e6));
    const first = await gzipSizes(scripts);
    expect(total(first), list(first)).toBeLessThanOrEqual(FIRST_LOAD_MAX);
    expect([...first.keys()].some((f) => f.includes('lab.worker'))).toBe(false);
    expect(frame.page().workers()).toHaveLength(0);
    expect(await frame.locator('[data-testid="clock"]').count()).toBe(0);

    await page.locator('#frame').scrollIntoViewIfNeeded();
    await frame.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 60_000 });
    await expect.poll(async () => Number(await frame.getByTestId('clock').getAttribute('data-t')), { timeout: 60_000 }).toBeGreaterThan(START_S * 1e6);
    await frames(page);
    expect(await frame.locator('[data-testid="preview"]').count()).toBe(0);
    expect(await traceHashes(frame, false, START_S)).toEqual(hashesInNode(START_S));
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(frame)).toEqual([]);
  });
});

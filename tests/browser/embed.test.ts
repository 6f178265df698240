// Embeds on a documentation page (public/docs-example.html): two <durability-lab> elements and two iframes
// of embed.html render their panes, run on their own clocks, and report ready and write-lost to the host
// page; styles stay inside the elements; wrong parameters show a message naming them and run nothing.
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';
import { ready, scrollEmbedsIntoView } from './lab';

const skipReason = browserSkipReason();

interface HostEvent {
  from: string;
  type: string;
  detail: Record<string, unknown>;
}

const ELEMENTS = [
  { id: 'lab-crash', scenario: 'primary-crash', presets: ['elasticache', 'memorydb'] },
  { id: 'lab-inline', scenario: 'memorydb-through-an-outage-of-the-primary-s-az', presets: ['memorydb'] },
];
const FRAMES = [
  { id: 'frame-crash', scenario: 'primary-crash', presets: ['elasticache', 'memorydb'] },
  { id: 'frame-isolation', scenario: 'az-isolation', presets: ['elasticache', 'memorydb'] },
];

describe.skipIf(skipReason !== undefined)(`embeds${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('runs two custom elements and two iframes on one documentation page, each reporting to the host', async () => {
    const { page, problems, screenshot } = await browser.open('/docs-example.html');
    // Each embed loads its simulation when the reader gets to it.
    await scrollEmbedsIntoView(page, [...ELEMENTS, ...FRAMES].map((e) => `#${e.id}`));

    // Every embed announces itself once it has loaded, with the scenario and panes it shows.
    await page.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`#event-log li[data-from="${id}"][data-type="ready"]`)),
      [...ELEMENTS, ...FRAMES].map((e) => e.id),
      { timeout: 90_000 },
    );
    const readies = (await hostEvents(page)).filter((e) => e.type === 'ready');
    for (const embed of [...ELEMENTS, ...FRAMES]) {
      const mine = readies.filter((e) => e.from === embed.id);
      expect(mine, embed.id).toHaveLength(1);
      expect(mine[0].detail).toEqual({ scenario: embed.scenario, presets: embed.presets });
    }

    // Elements: panes in their own shadow roots, and a clock that moves on its own (autoplay).
    for (const embed of ELEMENTS) {
      await page.waitForFunction(
        ([id, n]) => document.getElementById(id as string)?.shadowRoot?.querySelectorAll('[data-testid^="pane-"]').length === n,
        [embed.id, embed.presets.length],
        { timeout: 30_000 },
      );
      const t0 = await elementClock(page, embed.id);
      await page.waitForFunction(
        ([id, t]) => Number(document.getElementById(id as string)?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > (t as number),
        [embed.id, t0],
        { timeout: 60_000 },
      );
    }
    // Keyboard shortcuts act only on the lab that has focus: → inside the first steps it (and pauses it),
    // the second keeps playing; the same key on the host page reaches neither.
    const playLabel = (id: string) =>
      page.evaluate((i) => document.getElementById(i)?.shadowRoot?.querySelector('[data-testid="play"]')?.getAttribute('aria-label'), id);
    expect(await playLabel('lab-crash')).toBe('Pause');
    expect(await playLabel('lab-inline')).toBe('Pause');
    await page.evaluate(() => (document.getElementById('lab-crash')?.shadowRoot?.querySelector('[data-testid="reset"]') as HTMLElement).focus());
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => playLabel('lab-crash')).toBe('Play');
    expect(await playLabel('lab-inline')).toBe('Pause');
    await page.evaluate(() => (document.getElementById('lab-crash')?.shadowRoot?.querySelector('[data-testid="play"]') as HTMLElement).click());
    await expect.poll(() => playLabel('lab-crash')).toBe('Pause');
    await page.locator('main > h1').click();
    await page.keyboard.press('ArrowRight');
    expect(await playLabel('lab-crash')).toBe('Pause');
    expect(await playLabel('lab-inline')).toBe('Pause');

    // Iframes: the same, inside their own documents.
    for (const embed of FRAMES) {
      const frame = await frameOf(page, embed.id);
      await frame.locator('[data-testid^="pane-"]').nth(embed.presets.length - 1).waitFor({ timeout: 30_000 });
      expect(await frame.locator('[data-testid^="pane-"]').count()).toBe(embed.presets.length);
      const t0 = Number(await frame.getByTestId('clock').getAttribute('data-t'));
      await frame.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > t, t0, { timeout: 60_000 });
    }

    // Both primary-crash embeds start at 28 s, just before the promotion that loses the cache's writes:
    // each reports write-lost for ElastiCache and never for MemoryDB, with counts its own table confirms.
    await page.waitForFunction(
      () => ['lab-crash', 'frame-crash'].every((id) => document.querySelector(`#event-log li[data-from="${id}"][data-type="write-lost"]`)),
      null,
      { timeout: 90_000 },
    );
    const losses = (await hostEvents(page)).filter((e) => e.type === 'write-lost');
    expect(losses.every((e) => e.detail.preset === 'elasticache')).toBe(true);
    for (const id of ['lab-crash', 'frame-crash']) {
      const mine = losses.filter((e) => e.from === id);
      expect(mine.length).toBeGreaterThan(0);
      for (const e of mine) {
        expect(e.detail.label).toBe('ElastiCache (async)');
        expect(e.detail.lost as number).toBeGreaterThan(0);
        expect(e.detail.tMs as number).toBeGreaterThanOrEqual(28_000);
      }
    }
    // The element's table shows at least the last count it reported (it may have moved on since).
    const reported = Math.max(...losses.filter((e) => e.from === 'lab-crash').map((e) => e.detail.lost as number));
    await page.evaluate(() => {
      const lab = document.getElementById('lab-crash')?.shadowRoot;
      (lab?.querySelector('[data-testid="play"][aria-label="Pause"]') as HTMLButtonElement | null)?.click();
    });
    await expect
      .poll(() => page.evaluate(() => Number(document.getElementById('lab-crash')?.shadowRoot?.querySelector('[data-testid^="lost-"][data-preset="elasticache"]')?.getAttribute('data-value'))), {
        timeout: 20_000,
      })
      .toBeGreaterThanOrEqual(reported);
    expect(
      await page.evaluate(() => Number(document.getElementById('lab-crash')?.shadowRoot?.querySelector('[data-testid^="lost-"][data-preset="memorydb"]')?.getAttribute('data-value'))),
    ).toBe(0);

    // Minimal controls: no event log, charts or setup inside the embeds.
    expect(await page.evaluate(() => document.getElementById('lab-crash')?.shadowRoot?.querySelector('[data-testid="event-log"], [data-testid="setup"], h1'))).toBeNull();

    // Styles stay on their side: the page's <head> holds only its own style sheet, each lab its own.
    expect(await page.evaluate(() => document.head.querySelectorAll('style, link[rel="stylesheet"]').length)).toBe(1);
    for (const { id } of ELEMENTS) {
      expect(await page.evaluate((i) => document.getElementById(i)?.shadowRoot?.querySelectorAll('style').length ?? 0, id)).toBeGreaterThan(1);
    }
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main h1')!).fontFamily)).toContain('Georgia');

    // Pausing one element left the other running.
    const inlineT = await elementClock(page, 'lab-inline');
    await page.waitForFunction(
      (t) => Number(document.getElementById('lab-inline')?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > t,
      inlineT,
      { timeout: 60_000 },
    );

    await screenshot('embed-docs-page');
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    for (const embed of FRAMES) expect(await seriousA11yViolations(await frameOf(page, embed.id))).toEqual([]);

    // At phone width the host page does not scroll sideways: a lab wider than its column scrolls inside.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot('embed-docs-page-phone');
  });

  it('shows what is wrong with the parameters instead of running, and runs nothing from them', async () => {
    const hostile = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
    const { page, problems, screenshot } = await browser.open(`/embed.html?scenario=${hostile}&presets=foo&start=abc`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const alert = page.getByTestId('embed-error');
    await alert.waitFor({ timeout: 30_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(`scenario: unknown scenario '<img src=x onerror="window.__pwned=1">'`);
    expect(text).toContain("presets: unknown preset 'foo'; expected one of elasticache");
    expect(text).toContain("start: expected seconds from 0 to 3600, as digits with an optional decimal point (28, 12.5), found 'abc'");
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('[data-testid^="pane-"]').count()).toBe(0);
    await screenshot('embed-bad-parameters');

    // The same for an element added by a script: a message in its shadow root and an error event.
    await loadElementScript(page);
    const detail = await page.evaluate(async () => {
      const el = document.createElement('durability-lab');
      const got = new Promise<unknown>((resolve) => el.addEventListener('durability-lab:error', (e) => resolve((e as CustomEvent).detail)));
      el.setAttribute('seed', 'x"><script>window.__pwned=2</script>');
      el.setAttribute('controls', 'all');
      document.body.append(el);
      return got;
    });
    expect((detail as { message: string }).message.split('\n')).toEqual([
      `controls: expected 'minimal' or 'full', found 'all'`,
      `seed: expected a whole number from 0 to 4294967295, found 'x"><script>window.__pwned=2</script>'`,
    ]);
    expect(await page.evaluate(() => document.querySelector('durability-lab')?.shadowRoot?.querySelector('[role="alert"]')?.textContent)).toContain(
      "controls: expected 'minimal' or 'full', found 'all'",
    );
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // Fixing the attributes restarts the element with them.
    const ready = await page.evaluate(async () => {
      const el = document.querySelector('durability-lab')!;
      const got = new Promise<unknown>((resolve) => el.addEventListener('durability-lab:ready', (e) => resolve((e as CustomEvent).detail)));
      el.setAttribute('seed', '3');
      el.setAttribute('controls', 'minimal');
      el.setAttribute('presets', 'memorydb');
      return got;
    });
    expect(ready).toEqual({ scenario: 'primary-crash', presets: ['memorydb'] });
    await page.waitForFunction(() => document.querySelector('durability-lab')?.shadowRoot?.querySelectorAll('[data-testid^="pane-"]').length === 1, null, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => document.querySelector('durability-lab')?.shadowRoot?.querySelector('[data-testid="embed-error"]'))).toBeNull();
    expect(problems).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sizes each iframe of the documentation page to its content at 390, 800 and 1280 px wide', async () => {
    const { page, problems } = await browser.open('/docs-example.html');
    /** Each iframe's height against the height of what it holds (its content's own box, not its viewport). */
    const gaps = () =>
      page.evaluate((ids) =>
        ids.map((id) => {
          const frame = document.getElementById(id) as HTMLIFrameElement;
          const doc = frame.contentDocument!;
          const app = doc.getElementById('app');
          const body = doc.defaultView!.getComputedStyle(doc.body);
          const content = (app?.getBoundingClientRect().height ?? 0) + parseFloat(body.marginTop) + parseFloat(body.marginBottom);
          return { id, frame: frame.getBoundingClientRect().height, content, scrolls: doc.documentElement.scrollHeight > doc.documentElement.clientHeight + 1 };
        }),
      FRAMES.map((f) => f.id));
    for (const width of [1280, 800, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await scrollEmbedsIntoView(page, FRAMES.map((f) => `#${f.id}`));
      await page.waitForFunction(
        (ids) =>
          ids.every((id) => {
            const frame = document.getElementById(id) as HTMLIFrameElement;
            return !!frame.contentDocument?.querySelector('[data-testid^="pane-"]');
          }),
        FRAMES.map((f) => f.id),
        { timeout: 60_000 },
      );
      await expect
        .poll(async () => (await gaps()).filter((g) => Math.abs(g.frame - g.content) > 20 || g.scrolls), { timeout: 30_000 })
        .toEqual([]);
      for (const g of await gaps()) expect(g.content, `${g.id} at ${width} px`).toBeGreaterThan(500);
    }
    expect(problems).toEqual([]);
  });

  it('an inline scenario the simulation refuses shows its message and sends the error event', async () => {
    const { page } = await browser.open('/embed.html?scenario=primary-crash&controls=minimal');
    await ready(page, 2);
    await loadElementScript(page);
    const detail = await page.evaluate(async () => {
      const el = document.createElement('durability-lab');
      const got = new Promise<unknown>((resolve) => el.addEventListener('durability-lab:error', (e) => resolve((e as CustomEvent).detail)));
      const yaml = document.createElement('script');
      yaml.type = 'text/yaml';
      yaml.textContent = 'id: broken\ntitle: Broken\ndurationS: 10\npresets: [memorydb]\nworkload: { writesPerSec: -5 }\n';
      el.append(yaml);
      document.body.append(el);
      // Only the simulation reads the file, and it loads once the element is in view.
      el.scrollIntoView();
      return got;
    });
    const message = (detail as { message: string }).message;
    expect(message).toContain('inline scenario');
    expect(message).toContain('writesPerSec');
    const shown = await page.evaluate(() => document.querySelector('durability-lab')?.shadowRoot?.textContent ?? '');
    expect(shown).toContain('writesPerSec');
  });

  it('says so in its box when the host page forbids workers', async () => {
    const { page } = await browser.open('/docs-example.html');
    // A host page whose Content-Security-Policy refuses blob: workers (README, "Embedding").
    await page.route('**/csp-host.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'unsafe-inline'; worker-src 'none'"><title>Host page with a strict policy</title><script src="embed/durability-lab.js"></script></head><body><main><h1>Host</h1><durability-lab id="strict" autoplay></durability-lab></main></body></html>`,
      }),
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(new URL('/csp-host.html', page.url()).href);
    await page.waitForFunction(() => document.getElementById('strict')?.shadowRoot?.querySelector('[role="alert"]'), null, { timeout: 30_000 });
    const text = await page.evaluate(() => document.getElementById('strict')?.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '');
    expect(text).toContain('The simulation worker failed to start');
    // The refusal is the browser's (a CSP report in the console), never an exception in the host page.
    expect(errors).toEqual([]);
    // This host page declares no charset: the element file is plain ASCII, so its text reads the same in
    // any page encoding.
    expect(await page.evaluate(() => document.characterSet)).not.toBe('UTF-8');
    expect(await page.evaluate(async () => /[^\x00-\x7f]/.test(await (await fetch('embed/durability-lab.js')).text()))).toBe(false);
  });
});

/** Adds the custom element's script to the page and waits for it to load. */
async function loadElementScript(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const s = document.createElement('script');
        s.src = 'embed/durability-lab.js';
        s.onload = () => resolve();
        s.onerror = () => reject(new Error('embed/durability-lab.js did not load'));
        document.head.append(s);
      }),
  );
}

async function hostEvents(page: Page): Promise<HostEvent[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#event-log li')].map((li) => ({
      from: li.dataset.from ?? '',
      type: li.dataset.type ?? '',
      detail: JSON.parse(li.dataset.detail ?? '{}') as Record<string, unknown>,
    })),
  );
}

async function elementClock(page: Page, id: string): Promise<number> {
  return page.evaluate((i) => Number(document.getElementById(i)?.shadowRoot?.querySelector('[data-testid="clock"]')?.getAttribute('data-t')), id);
}

async function frameOf(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.$(`#${id}`))?.contentFrame();
  if (!frame) throw new Error(`no iframe #${id}`);
  return frame;
}

// Reduced motion, small and large screens, and the keyboard-only path through the lab: with
// prefers-reduced-motion the panes draw still, counted flows and nothing moves or transitions; at phone
// width (390×844) the page does not scroll sideways and the fault menu works from the keyboard; at
// projector size (1280×720) the panes sit side by side; Tab reaches a node, Enter opens its fault menu,
// Enter crashes it and the event log says so; timeline markers are reachable and seek; Setup refuses a
// bad workload with a message and applies a good one.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from './axe';
import { browserSkipReason, useBrowser } from './browser';

const skipReason = browserSkipReason();

describe.skipIf(skipReason !== undefined)(`accessibility and layout${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const browser = useBrowser();

  it('honours reduced motion: still, counted flows and words instead of moving shapes, no animations', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.reload();
    await ready(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 1e6, null, { timeout: 20_000 });

    // While it plays, sample the panes a number of frames apart: never a moving shape.
    let flowsSeen = 0;
    for (let i = 0; i < 12; i++) {
      const s = await page.evaluate(async () => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const panes = [...document.querySelectorAll('[data-testid^="pane-"]')];
        const messages = [...document.querySelectorAll('[data-testid="messages"]')];
        return {
          motion: panes.map((p) => p.getAttribute('data-motion')),
          dots: messages.map((m) => Number(m.getAttribute('data-dots'))),
          shapes: messages.reduce((n, m) => n + m.querySelectorAll('circle, path, rect').length, 0),
          flows: messages.reduce((n, m) => n + Number(m.getAttribute('data-flows')), 0),
          animations: document.getAnimations().length,
          transitions: [...document.querySelectorAll('[data-testid^="pane-"] *, [data-testid="timeline"] *')].filter((el) => {
            const cs = getComputedStyle(el);
            return cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || cs.animationName !== 'none';
          }).length,
        };
      });
      expect(s.motion).toEqual(['reduced', 'reduced']);
      expect(s.dots).toEqual([0, 0]);
      expect(s.shapes).toBe(0);
      expect(s.animations).toBe(0);
      expect(s.transitions).toBe(0);
      flowsSeen += s.flows;
    }
    expect(flowsSeen).toBeGreaterThan(0);
    // The same information in words under each pane, the log appends in the MemoryDB one.
    const words = await page.locator('[data-testid^="motion-"]').allTextContents();
    expect(words).toHaveLength(2);
    for (const w of words) expect(w).toMatch(/In motion: \d+ requests? on the way to a node/);
    expect(words.some((w) => /\d+ log appends? on the way to the copies \(a \d+, b \d+, c \d+\)/.test(w))).toBe(true);
    await screenshot('a11y-reduced-motion');

    // With motion allowed, the same page draws shapes in flight, log appends among them.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid^="pane-"]')].every((p) => p.getAttribute('data-motion') === 'animated'), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-family="durable"] [data-testid="messages"] [data-kind="append"]').length > 0, null, { timeout: 20_000 });
    expect(problems).toEqual([]);
  });

  it('at phone width: no sideways scroll, and the fault menu opens and crashes a node from the keyboard', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await page.setViewportSize({ width: 390, height: 844 });
    await ready(page);
    await pause(page);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);

    // F opens the menu; Tab reaches the target list, Enter picks a1 and lands on its first action.
    await page.keyboard.press('f');
    await page.getByTestId('fault-menu').waitFor();
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);
    await tabUntil(page, () => {
      const el = document.activeElement;
      return !!el?.closest('[data-testid="fault-menu"]') && /^a1\b/.test(el.textContent ?? '');
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('action-crash');
    await screenshot('a11y-phone-fault-menu');
    const at = await clock(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
    await expect.poll(async () => (await logLines(page)).some((l) => l.startsWith(`${(at / 1e6).toFixed(3)} s`) && /process on a1 crashes/.test(l))).toBe(true);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);

    // The ⚡ Faults… button from the keyboard: Enter opens the menu, Escape closes it and focus goes back.
    await page.getByTestId('faults-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('fault-menu').waitFor();
    await tabUntil(page, () => !!document.activeElement?.closest('[data-testid="fault-menu"]'));
    await page.keyboard.press('Escape');
    await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
    await expect.poll(() => focused(page)).toBe('faults-button');

    // Setup fits too.
    await page.getByText('Scenario, presets, workload and cluster').click();
    await page.getByTestId('setup-value-bytes').fill('2000000');
    await expect.poll(() => page.getByTestId('setup-problems').textContent()).toContain('Value size: 2,000,000 bytes is above the limit of 1,048,576 (1 MiB).');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);
    await screenshot('a11y-phone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('at projector size, keyboard only: Tab to a node, Enter, crash it, hear it; markers seek; Setup checks the workload', async () => {
    const { page, problems, screenshot } = await browser.open('/');
    await page.setViewportSize({ width: 1280, height: 720 });
    await ready(page);
    await pause(page);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(1280);
    const boxes = await page.locator('[data-testid^="pane-"]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    expect(boxes[0]).toBe(boxes[1]); // side by side

    // Tab from the top of the page to the primary of the first pane.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabUntil(page, () => document.activeElement?.getAttribute('data-testid') === 'node-a1');
    const at = await clock(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('action-crash');
    await page.keyboard.press('Enter');
    await page.getByTestId('fault-menu').waitFor({ state: 'detached' });
    // The live region says it at once; the log lists it; focus is back on the node.
    await expect.poll(() => page.getByTestId('live-region').textContent()).toBe(`process on a1 crashes at ${(at / 1e6).toFixed(3)} s, in every pane.`);
    await expect.poll(async () => (await logLines(page)).filter((l) => /process on a1 crashes/.test(l)).length).toBe(2);
    expect(await focused(page)).toBe('node-a1');
    await screenshot('a11y-projector');

    // Timeline markers: one tab stop, named, arrow keys move, Enter seeks, a click seeks.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="timeline-markers"] button[data-kind="fault"]').length >= 2, null, { timeout: 20_000 });
    expect(await page.locator('[data-testid="timeline-markers"] button[tabindex="0"]').count()).toBe(1);
    await tabUntil(page, () => !!document.activeElement?.closest('[data-testid="timeline-markers"]'));
    const name = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(name).toMatch(/^(fault|failover|writes lost) in (ElastiCache|MemoryDB)\b.* at \d+(\.\d+)? s$/);
    await page.keyboard.press('Home');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-t'));
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate(() => [...document.querySelectorAll('[data-testid="timeline-markers"] button')].indexOf(document.activeElement as Element));
    expect(second).toBe(1);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect.poll(() => clock(page)).toBe(Number(first));
    const markers = page.locator('[data-testid="timeline-markers"] button');
    const last = markers.last();
    const lastT = Number(await last.getAttribute('data-t'));
    await page.getByTestId('scrubber').fill('1000000');
    await expect.poll(() => clock(page)).toBe(1_000_000);
    await last.click();
    await expect.poll(() => clock(page)).toBe(lastT);

    // Setup: a bad key count is refused next to the field and nothing restarts; a good one is applied.
    await page.getByText('Scenario, presets, workload and cluster').click();
    const keys = page.getByTestId('setup-keys');
    await keys.fill('0');
    await expect.poll(() => page.getByTestId('setup-problems').textContent()).toContain('Keys: 0 is too few; at least 1 key is needed.');
    expect(await keys.getAttribute('aria-invalid')).toBe('true');
    const before = await clock(page);
    await page.getByTestId('setup-apply').click();
    expect(await focused(page)).toBe('setup-keys');
    expect(await clock(page)).toBe(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await keys.fill('50');
    await page.getByTestId('setup-value-bytes').fill('4096');
    expect((await page.getByTestId('setup-problems').textContent())?.trim()).toBe('');
    await page.getByTestId('setup-apply').click();
    await expect.poll(() => clock(page)).toBe(0);
    await ready(page);
    await expect.poll(() => keys.inputValue()).toBe('50');
    expect(await page.getByTestId('setup-value-bytes').inputValue()).toBe('4096');
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(1280);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

async function ready(page: Page): Promise<void> {
  await page.locator('[data-testid^="pane-"]').nth(1).waitFor({ timeout: 30_000 });
}

/** Pause with the keyboard (Space, with nothing focused), and wait until the clock has settled. */
async function pause(page: Page): Promise<void> {
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-t')) > 2e6, null, { timeout: 20_000 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(' ');
  await expect.poll(() => page.getByTestId('play').getAttribute('aria-label')).toBe('Play');
  await page.waitForFunction(() => document.querySelector('[data-testid="clock"]')?.getAttribute('data-busy') === 'false', null, { timeout: 20_000 });
}

async function tabUntil(page: Page, reached: () => boolean, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(reached)) return;
  }
  throw new Error(`Tab did not reach the element after ${max} presses (focus on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);
}

async function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

async function clock(page: Page): Promise<number> {
  return Number(await page.getByTestId('clock').getAttribute('data-t'));
}

async function logLines(page: Page): Promise<string[]> {
  return page.locator('[data-testid="event-log"] li').allTextContents();
}

async function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
